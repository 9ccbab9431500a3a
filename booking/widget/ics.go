package widget

import (
	"context"
	"strings"

	ics "github.com/arran4/golang-ical"

	"github.com/frontdeskhq/frontdesk/booking/selfservice"
	"github.com/frontdeskhq/frontdesk/visit"
)

// VisitICS is the visit a manage link belongs to as an iCalendar file, for the
// widget's "add to calendar" link. The UID is the one the staff feeds use for the
// visit, so a client that has both keeps one event; times are UTC like the feeds'.
func (s *Service) VisitICS(ctx context.Context, token string) ([]byte, error) {
	v, err := s.visits.OpenVisit(ctx, token)
	if err != nil {
		return nil, err
	}
	cal := ics.NewCalendarFor("Frontdesk")
	cal.SetProductId("-//Frontdesk//Booking widget//EN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	a := v.Appointment
	ev := cal.AddEvent(a.ID + "@frontdesk")
	ev.SetDtStampTime(a.UpdatedAt)
	ev.SetSequence(a.Sequence)
	ev.SetStartAt(a.Start)
	ev.SetEndAt(a.End)
	ev.SetSummary(v.Service + " · " + v.Branch.Name)
	ev.SetLocation(strings.TrimSpace(v.Branch.Name + ", " + v.Branch.Address))
	ev.SetDescription(visitDescription(v))
	ev.SetStatus(visitStatus(a.Status))
	return []byte(cal.Serialize(ics.WithNewLineWindows)), nil
}

// visitDescription names the doctor and the clinic's phone; not the manage link,
// whose secret should not travel into calendars synced elsewhere.
func visitDescription(v selfservice.Visit) string {
	lines := []string{v.Doctor.DisplayName}
	if v.Branch.Phone != "" {
		lines = append(lines, v.Branch.Phone)
	}
	return strings.Join(lines, "\n")
}

func visitStatus(s visit.Status) ics.ObjectStatus {
	switch s {
	case visit.Booked:
		return ics.ObjectStatusTentative
	case visit.Cancelled, visit.NoShow, visit.Rescheduled:
		return ics.ObjectStatusCancelled
	}
	return ics.ObjectStatusConfirmed
}
