package documents

import (
	"context"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// DeskVisit is one visit of a day as the front desk's board asks about its papers:
// the caller has read the service, the patient and the branch for its own rows.
type DeskVisit struct {
	Visit     visit.Visit
	Procedure clinic.Procedure
	Patient   clinic.Patient
	Branch    clinic.Branch
}

// Papers are a visit's documents at a glance: how many of those it needs are signed,
// and which the seating gate still waits for.
type Papers struct {
	Required int
	Signed   int
	Unsigned []string
}

const selectBoardDocuments = `SELECT appointment_id, kind, status FROM documents
	WHERE appointment_id IN (?) AND status <> 'voided' AND superseded_at IS NULL`

// Papers reads the documents of a day's visits at once (one query, however many
// visits) and counts them as the checklist and the seating gate do: a kind counts as
// signed while no newer version of it awaits signing.
func (s *Service) Papers(ctx context.Context, list []DeskVisit) (map[string]Papers, error) {
	out := make(map[string]Papers, len(list))
	if len(list) == 0 {
		return out, nil
	}
	signed, err := s.signedByVisit(ctx, list)
	if err != nil {
		return nil, err
	}
	for _, v := range list {
		have := signed[v.Visit.ID]
		p := Papers{}
		for _, k := range s.requiredKinds(v.Procedure, localeOf(v.Patient, v.Branch)) {
			p.Required++
			if have[k] {
				p.Signed++
			}
		}
		for _, k := range seatingKinds(kindsFor(v.Procedure)) {
			if !have[k] {
				p.Unsigned = append(p.Unsigned, k)
			}
		}
		out[v.Visit.ID] = p
	}
	return out, nil
}

// signedByVisit are, per visit, the kinds whose current version is signed.
func (s *Service) signedByVisit(ctx context.Context, list []DeskVisit) (map[string]map[string]bool, error) {
	ids := make([]string, len(list))
	for i, v := range list {
		ids[i] = v.Visit.ID
	}
	query, args, err := sqlx.In(selectBoardDocuments, ids)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		AppointmentID string `db:"appointment_id"`
		Kind          string `db:"kind"`
		Status        Status `db:"status"`
	}
	if err := db.Select(ctx, s.db.R, &rows, query, args...); err != nil {
		return nil, err
	}
	out := map[string]map[string]bool{}
	waiting := map[[2]string]bool{}
	for _, r := range rows {
		if out[r.AppointmentID] == nil {
			out[r.AppointmentID] = map[string]bool{}
		}
		if r.Status == Signed {
			out[r.AppointmentID][r.Kind] = true
		} else {
			waiting[[2]string{r.AppointmentID, r.Kind}] = true
		}
	}
	for key := range waiting {
		delete(out[key[0]], key[1])
	}
	return out, nil
}
