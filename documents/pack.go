package documents

import (
	"context"
	"errors"
	"io"
	"slices"
	"sync"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/documents/doctemplate"
	"github.com/frontdeskhq/frontdesk/documents/pdf"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/visit"
)

// ErrNoVisits answers a day pack for a day without visits: an empty PDF prints nothing.
var ErrNoVisits = fault.New(fault.NotFound, "no_visits", "the branch has no visits that day")

// errChanged says the visit's documents changed between reading and writing them; the
// whole preparation runs again.
var errChanged = errors.New("documents: changed meanwhile")

// attempts bounds the reruns of a pack's preparation when parallel requests collide.
const attempts = 5

// Pack writes one visit's pack: every document it needs, prefilled, in one PDF. The
// documents are made (or reused) and marked printed.
func (s *Service) Pack(ctx context.Context, w io.Writer, appointmentID string) error {
	a, err := s.visible(ctx, appointmentID)
	if err != nil {
		return err
	}
	if err := packable(a); err != nil {
		return err
	}
	docs, err := s.prepare(ctx, s.dir, a)
	if err != nil {
		return err
	}
	_, err = s.ts.Render(w, docs, pdf.Options{})
	return err
}

// DayPacks writes the packs of a branch's visits on one local date, in schedule order,
// as one PDF; cancelled visits (and holds, moved or missed visits) are left out.
func (s *Service) DayPacks(ctx context.Context, w io.Writer, branchID, date string) error {
	if s.broken != nil {
		return s.broken
	}
	list, err := s.appts.Day(ctx, visit.DayFilter{BranchID: branchID, Date: date})
	if err != nil {
		return err
	}
	var visits []visit.Visit
	for _, a := range list {
		if packable(a) == nil && a.Status != visit.NoShow {
			visits = append(visits, a)
		}
	}
	if len(visits) == 0 {
		return ErrNoVisits
	}
	all, err := s.prepareDay(ctx, visits)
	if err != nil {
		return err
	}
	_, err = s.ts.Render(w, all, pdf.Options{})
	return err
}

// dayWorkers prepare a day's visits side by side: each is a handful of reads (and a
// write when its documents are new), so the database's latency overlaps.
const dayWorkers = 4

// prepareDay prepares each visit's documents, in schedule order, reading the branch,
// services and doctors once for the whole day.
func (s *Service) prepareDay(ctx context.Context, visits []visit.Visit) ([]pdf.Document, error) {
	dir := newMemo(s.dir)
	per, errs := make([][]pdf.Document, len(visits)), make([]error, len(visits))
	next := make(chan int, len(visits))
	for i := range visits {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(dayWorkers, len(visits)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				per[i], errs[i] = s.prepare(ctx, dir, visits[i])
			}
		}()
	}
	wg.Wait()
	return slices.Concat(per...), errors.Join(errs...)
}

// packable refuses visits that will not take place or never were visits.
func packable(a visit.Visit) error {
	switch a.Status {
	case visit.Cancelled:
		return ErrVisitCancelled
	case visit.Held, visit.Released, visit.Rescheduled:
		return ErrNotAVisit
	}
	return nil
}

// prepare makes sure the visit has its documents, current and marked printed, and
// returns them ready to typeset.
func (s *Service) prepare(ctx context.Context, dir Directory, a visit.Visit) ([]pdf.Document, error) {
	v, err := s.visitOf(ctx, dir, a)
	if err != nil {
		return nil, err
	}
	if v.number, err = s.contractNumber(ctx, v); err != nil {
		return nil, err
	}
	for try := 1; ; try++ {
		rows, err := s.ensure(ctx, v)
		if err == nil {
			return s.typesetting(v, rows), nil
		}
		if !retryable(err) {
			return nil, err
		}
		if try == attempts {
			return nil, errors.Join(ErrBusy, err)
		}
	}
}

// retryable errors come from parallel requests making the same documents: the
// loser's insert hits the one-live-document index (PostgreSQL) or it saw old rows.
func retryable(err error) bool {
	return errors.Is(err, errChanged) || errors.Is(err, db.ErrConflict) || errors.Is(err, db.ErrRetry)
}

// candidate is a freshly filled document that may replace or complete the stored ones.
type candidate struct {
	filled doctemplate.Filled
	row    docRow
}

// ensure reuses every live document still made from the current data and template,
// voids the unsigned ones that are not and makes the missing ones. Rendering happens
// before the write transaction, so the writer is held only for the rows.
func (s *Service) ensure(ctx context.Context, v visitSheet) ([]docRow, error) {
	live, err := liveDocuments(ctx, s.db.R, v.appt.ID)
	if err != nil {
		return nil, err
	}
	cands, err := s.candidates(v)
	if err != nil {
		return nil, err
	}
	byKind := indexByKind(live)
	var needed []candidate
	for _, k := range v.kinds {
		if r, ok := byKind[k]; !ok || outdated(r, v, cands[k].filled) {
			needed = append(needed, cands[k])
		}
	}
	fresh, err := s.renderAll(v, needed)
	if err != nil {
		return nil, err
	}
	if len(fresh) == 0 && allPrinted(live) {
		return ordered(byKind, v.kinds), nil
	}
	return s.store(ctx, v, cands, fresh)
}

// store writes the new documents, voids what they replace and marks them all printed,
// re-reading the live rows inside the transaction so parallel requests agree.
func (s *Service) store(ctx context.Context, v visitSheet, cands map[string]candidate, fresh map[string]docRow) ([]docRow, error) {
	var out []docRow
	err := s.db.InTx(ctx, func(tx db.Tx) error {
		live, err := liveDocuments(ctx, tx, v.appt.ID)
		if err != nil {
			return err
		}
		byKind := indexByKind(live)
		for _, k := range v.kinds {
			if err := s.settle(ctx, tx, v, byKind, k, cands[k], fresh); err != nil {
				return err
			}
		}
		out = ordered(byKind, v.kinds)
		return s.markPrinted(ctx, tx, out)
	})
	return out, err
}

// settle leaves the live document of kind in place when it is current (or signed), or
// puts the freshly rendered one in its place.
func (s *Service) settle(ctx context.Context, tx db.Tx, v visitSheet, byKind map[string]docRow, kind string, c candidate, fresh map[string]docRow) error {
	old, ok := byKind[kind]
	if ok && !outdated(old, v, c.filled) {
		return nil
	}
	n, ready := fresh[kind]
	if !ready {
		return errChanged
	}
	if ok && old.Status != Signed {
		if err := db.ExecOne(ctx, tx, voidDocument, n.GeneratedAt, n.ID, old.ID); err != nil {
			return errors.Join(errChanged, err)
		}
	}
	if err := insertRow(ctx, tx, n); err != nil {
		return err
	}
	byKind[kind] = n
	return nil
}

// markPrinted moves the visit's generated documents to printed, audited as printing.
func (s *Service) markPrinted(ctx context.Context, tx db.Tx, rows []docRow) error {
	now := s.clock()
	var entries []audit.Entry
	for i, r := range rows {
		if r.Status != Generated {
			continue
		}
		if err := db.ExecOne(ctx, tx, markPrinted, now, r.ID); err != nil {
			return errors.Join(errChanged, err)
		}
		rows[i].Status, rows[i].PrintedAt = Printed, &now
		entries = append(entries, audit.Entry{Action: audit.Print, Entity: "document", EntityID: r.ID, PatientID: r.PatientID})
	}
	return s.log.RecordAll(ctx, tx, entries)
}

// candidates fills every kind the visit needs with a new document id; the stored
// document's template hash is compared with the candidate's, and a candidate that is
// not needed is dropped.
func (s *Service) candidates(v visitSheet) (map[string]candidate, error) {
	out := make(map[string]candidate, len(v.kinds))
	now := s.clock()
	for _, k := range v.kinds {
		d := v.data
		d.Document = doctemplate.DocumentInfo{ID: uuid.NewString(), Kind: k, Date: now.In(v.zone), Number: v.number}
		f, err := s.tpl.Fill(k, v.locale, d)
		if err != nil {
			return nil, err
		}
		out[k] = candidate{filled: f, row: docRow{ID: d.Document.ID, AppointmentID: v.appt.ID, PatientID: v.patientID,
			Kind: k, Locale: f.Locale, Title: f.Title, Markdown: f.Markdown, TemplateID: f.TemplateID,
			TemplateHash: f.Hash, DataHash: v.hash, Status: Generated, GeneratedAt: now}}
	}
	return out, nil
}

// outdated reports an unsigned document made from other data or another template
// than the visit's current ones, or a signed one whose data changed: it gets a new
// version beside it (signed rows never change), which supersedes it once signed.
func outdated(r docRow, v visitSheet, f doctemplate.Filled) bool {
	if r.Status == Signed {
		return r.DataHash != v.hash
	}
	return r.DataHash != v.hash || r.TemplateHash != f.Hash || r.TemplateID != f.TemplateID
}

func allPrinted(rows []docRow) bool {
	for _, r := range rows {
		if r.Status == Generated {
			return false
		}
	}
	return true
}

// indexByKind keeps each kind's current document: the version awaiting signature
// when there is one beside the signed one.
func indexByKind(rows []docRow) map[string]docRow {
	m := make(map[string]docRow, len(rows))
	for _, r := range rows {
		if had, ok := m[r.Kind]; ok && had.Status != Signed {
			continue
		}
		m[r.Kind] = r
	}
	return m
}

// ordered lists the rows of kinds in print order.
func ordered(byKind map[string]docRow, kinds []string) []docRow {
	out := make([]docRow, 0, len(kinds))
	for _, k := range kinds {
		if r, ok := byKind[k]; ok {
			out = append(out, r)
		}
	}
	return out
}
