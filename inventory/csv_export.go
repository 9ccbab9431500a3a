package inventory

import (
	"context"
	"encoding/csv"
	"io"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// ExportColumns are the columns of the ledger export, in order. at is the move's
// instant in the branch's zone (RFC 3339 with offset); from and to are location names.
var ExportColumns = []string{"at", "seq", "move_id", "sku", "item", "unit", "lot_number", "expires_on",
	"from_location", "to_location", "quantity", "reason", "source_kind", "source_id", "visit_id", "reverses_id",
	"staff", "note"}

// maxExportDays bounds one export: a year, leap or not.
const maxExportDays = 366

// exportPage is how many moves one query reads while streaming.
const exportPage = 500

// exportPeriod is a branch and the instants [start, end) of its local dates.
type exportPeriod struct {
	branchID   string
	start, end time.Time
	zone       *time.Location
}

// LedgerExport is a branch's moves over a period, checked and ready to stream.
type LedgerExport struct {
	s      *Service
	period exportPeriod
	first  []ledgerLine
}

// ExportMoves checks the branch and the local dates from and to (YYYY-MM-DD,
// inclusive, at most 366 days) and reads the first page, so a bad request fails
// before the answer starts.
func (s *Service) ExportMoves(ctx context.Context, branchID, from, to string) (*LedgerExport, error) {
	b, err := s.Branch(ctx, branchID)
	if err != nil {
		return nil, err
	}
	zone, err := time.LoadLocation(b.TimeZone)
	if err != nil {
		zone = time.UTC
	}
	p, err := exportRange(branchID, from, to, zone)
	if err != nil {
		return nil, err
	}
	first, err := s.store.ledgerPage(ctx, p, p.start, 0, exportPage)
	return &LedgerExport{s: s, period: p, first: first}, err
}

func exportRange(branchID, from, to string, zone *time.Location) (exportPeriod, error) {
	f, err := time.ParseInLocation(time.DateOnly, from, zone)
	if err != nil {
		return exportPeriod{}, fault.Field("from", "date", "must be a date YYYY-MM-DD")
	}
	t, err := time.ParseInLocation(time.DateOnly, to, zone)
	if err != nil {
		return exportPeriod{}, fault.Field("to", "date", "must be a date YYYY-MM-DD")
	}
	end := t.AddDate(0, 0, 1)
	if end.Before(f.AddDate(0, 0, 1)) || end.After(f.AddDate(0, 0, maxExportDays)) {
		return exportPeriod{}, fault.Field("to", "range", "must be on or after from, at most 366 days later")
	}
	return exportPeriod{branchID: branchID, start: f.UTC(), end: end.UTC(), zone: zone}, nil
}

// Write streams the header and every move as CSV, a page at a time.
func (e *LedgerExport) Write(ctx context.Context, w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ExportColumns); err != nil {
		return err
	}
	page := e.first
	for len(page) > 0 {
		for _, m := range page {
			if err := cw.Write(e.record(m)); err != nil {
				return err
			}
		}
		cw.Flush()
		if len(page) < exportPage {
			break
		}
		last := page[len(page)-1]
		var err error
		if page, err = e.s.store.ledgerPage(ctx, e.period, last.At, last.Seq, exportPage); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func (e *LedgerExport) record(m ledgerLine) []string {
	return []string{m.At.In(e.period.zone).Format(time.RFC3339), itoa(m.Seq), m.ID, cell(m.SKU), cell(m.ItemName),
		cell(m.Unit), cell(m.LotNumber), m.ExpiresOn, cell(m.FromName), cell(m.ToName), itoa(m.Quantity), m.Reason,
		m.SourceKind, cell(m.SourceID), deref(m.AppointmentID), deref(m.ReversesID), cell(m.StaffName), cell(m.Note)}
}

// cell defuses text a spreadsheet would run as a formula: a cell starting with
// = + - @ (or a tab or carriage return) gets a leading apostrophe.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
