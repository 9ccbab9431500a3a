package clinic

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/audit"
)

// PatientExport is everything Frontdesk stores about one person (the GDPR right of
// access): the card, the cards merged into it, every row of every table about any of
// them (visits, messages, links, questionnaires, documents…) and every audit row.
type PatientExport struct {
	Patient Patient
	Merged  []Patient
	// Records are the rows about the cards by table name.
	Records    map[string][]map[string]any
	Audit      []audit.Record
	ExportedAt time.Time
}

// auditPage is how many audit rows an export reads per query.
const auditPage = 1000

// ExportPatient gathers a patient's data and records the export in the audit log; the
// export is answered only once that row is written.
func (s *Service) ExportPatient(ctx context.Context, id string) (PatientExport, error) {
	sp, err := s.visiblePatient(ctx, s.db.R, id)
	if err != nil {
		return PatientExport{}, err
	}
	merged, err := selectMergedInto(ctx, s.db.R, id)
	if err != nil {
		return PatientExport{}, err
	}
	ids := []string{id}
	for _, m := range merged {
		ids = append(ids, m.ID)
	}
	records, err := exportRecords(ctx, s.db.R, ids)
	if err != nil {
		return PatientExport{}, err
	}
	trail, err := s.auditTrail(ctx, ids)
	if err != nil {
		return PatientExport{}, err
	}
	out := PatientExport{Patient: sp.Patient, Merged: merged, Records: records, Audit: trail, ExportedAt: s.clock()}
	return out, s.log.RecordNow(ctx, patientEntry(audit.Export, id))
}

// auditTrail reads every audit row of the given cards, oldest first.
func (s *Service) auditTrail(ctx context.Context, ids []string) ([]audit.Record, error) {
	out := []audit.Record{}
	for _, id := range ids {
		var before int64
		for {
			page, err := s.log.ForPatient(ctx, id, before, auditPage)
			if err != nil {
				return nil, err
			}
			out = append(out, page...)
			if len(page) < auditPage {
				break
			}
			before = page[len(page)-1].Seq
		}
	}
	slices.SortFunc(out, func(a, b audit.Record) int { return cmp.Compare(a.Seq, b.Seq) })
	return out, nil
}
