package questionnaire

import (
	"context"
	"errors"
	"slices"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// AlertChanges are what staff see on a visit: the patient's current alerts (Changed
// where they differ from the previous questionnaire) and the alerts the previous one
// had that the latest no longer has (a medicine stopped matters to the doctor too).
type AlertChanges struct {
	Current, Removed []Alert
}

// VisitAlerts are the medical alerts of a visit's patient, for staff who may see the
// visit; reading them is audited.
func (s *Service) VisitAlerts(ctx context.Context, appointmentID string) (AlertChanges, error) {
	v, err := selectVisit(ctx, s.db.R, appointmentID)
	if errors.Is(err, db.ErrNotFound) || (err == nil && !actor.From(ctx).CanSeeBranch(v.BranchID)) {
		return AlertChanges{}, ErrAppointmentNotFound
	}
	if err != nil {
		return AlertChanges{}, err
	}
	out := AlertChanges{Current: []Alert{}, Removed: []Alert{}}
	if v.PatientID == nil {
		return out, nil
	}
	rows, err := selectLastTwo(ctx, s.db.R, *v.PatientID)
	if err != nil {
		return AlertChanges{}, err
	}
	if len(rows) > 0 {
		out.Current = orNone(rows[0].Alerts.V)
	}
	if len(rows) > 1 {
		out.Removed = removed(out.Current, rows[1].Alerts.V)
	}
	return out, s.log.RecordNow(ctx, audit.Entry{Action: audit.Read, Entity: "medical_alerts", EntityID: v.ID,
		PatientID: *v.PatientID})
}

// removed are the alerts of before with no alert of the same kind and code now.
func removed(now, before []Alert) []Alert {
	out := []Alert{}
	for _, b := range before {
		if !slices.ContainsFunc(now, func(a Alert) bool { return a.Kind == b.Kind && a.Code == b.Code }) {
			b.Changed = true
			out = append(out, b)
		}
	}
	return out
}

func orNone(alerts []Alert) []Alert {
	if alerts == nil {
		return []Alert{}
	}
	return alerts
}
