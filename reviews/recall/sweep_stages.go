package recall

import (
	"context"
	"slices"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// stages reminds patients of later plan stages come due, once per stage, unless they
// already have a future booking of the stage's service.
func (w *sweep) stages(ctx context.Context) (int, error) {
	sent, cur := 0, stageCursor{}
	for {
		rows, err := w.s.store.dueStages(ctx, w.horizon(), cur, sweepPage)
		if err != nil || len(rows) == 0 {
			return sent, err
		}
		last := rows[len(rows)-1]
		cur = stageCursor{due: *last.DueOn, plan: last.PlanID, position: last.Position}
		n, err := w.stagePage(ctx, rows)
		sent += n
		if err != nil {
			return sent, err
		}
	}
}

func (w *sweep) stagePage(ctx context.Context, rows []dueStage) (int, error) {
	booked, reach, err := w.stageFacts(ctx, rows)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, r := range rows {
		if reach.reason[r.PatientID] != "" || slices.Contains(booked[r.PatientID], r.ServiceID) {
			continue
		}
		ok, err := w.sendStage(ctx, r, reach.to[r.PatientID])
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

// stageFacts reads, for a page of stages, the patients' future bookings and where a
// message to each may go.
func (w *sweep) stageFacts(ctx context.Context, rows []dueStage) (map[string][]string, reach, error) {
	contacts := map[string]Contact{}
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		contacts[r.PatientID] = r.Contact
		ids = append(ids, r.PatientID)
	}
	booked, err := w.s.upcoming(ctx, ids)
	if err != nil {
		return nil, reach{}, err
	}
	to, err := w.s.reachAll(ctx, contacts)
	return booked, to, err
}

func (w *sweep) sendStage(ctx context.Context, r dueStage, to Address) (bool, error) {
	m, ok, err := w.message(ctx, r.BranchID, r.ServiceID, *r.DueOn, r.Contact)
	if err != nil || !ok {
		return false, err
	}
	m.DedupeKey = "treatment-stage:" + r.PlanID + ":" + itoa(r.Position)
	m.Template, m.PatientID, m.Channel, m.Recipient = TemplateTreatmentNextStage, r.PatientID, to.Medium, to.Address
	m.Data["Stage"] = r.Position + 1
	return true, w.s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		if err := w.s.deps.Outbox.Enqueue(ctx, tx, m); err != nil {
			return err
		}
		return w.s.store.markStageMessaged(ctx, tx, r.Stage, w.s.now())
	})
}
