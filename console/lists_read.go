package console

import (
	"context"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/booking/waitlist"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/reviews"
	"github.com/frontdeskhq/frontdesk/reviews/recall"
	"github.com/frontdeskhq/frontdesk/tasks"
	"github.com/frontdeskhq/frontdesk/visit"
)

// listTask is one task of the queue as a row: what it is, about whom, when due, and
// whether the signed-in staff member holds its claim.
type listTask struct {
	tasks.Task
	KindLabel string
	Due       string
	Overdue   bool
	Mine      bool
	Outcome   string
	// PID, Name, Phone and VisitID are the patient and visit the task is about ("" for none).
	PID, Name, Phone, VisitID string
}

// listVisit is an unconfirmed visit of the coming working days.
type listVisit struct {
	ID, PatientID, Patient, Phone, When, Service, Doctor, Answer string
}

// listOffer is an open waitlist offer.
type listOffer struct {
	waitlist.DeskOffer
	Patient, When, Service, Offered string
}

// listCall is one follow-up call of today's list.
type listCall struct {
	reviews.Call
	Due, VisitAt, Doctor string
	Mine                 bool
	Outcomes             []string
}

// listRecall is one recall due.
type listRecall struct {
	recall.Recall
	Patient, ServiceName, Skip string
}

// listsRead fills every tab of the page for the desk's branch.
func (c *Console) listsRead(fc *fiber.Ctx, d Desk, v *listsView) error {
	ctx, lang := fc.UserContext(), d.Lang
	names := newListNames(c, lang)
	if err := c.listTasks(ctx, d, v); err != nil {
		return err
	}
	var err error
	if v.Unconfirmed, err = c.listUnconfirmed(ctx, d, names); err != nil {
		return err
	}
	if v.Offers, err = c.listOffers(ctx, d, names); err != nil {
		return err
	}
	if v.Calls, err = c.listCalls(ctx, d, names); err != nil {
		return err
	}
	if v.Recalls, err = c.listRecalls(ctx, d); err != nil {
		return err
	}
	v.TaskOutcomes = listOutcomes(lang, tasks.Outcomes)
	v.CallOutcomes = listOutcomes(lang, reviews.Outcomes)
	return nil
}

func listOutcomes(lang string, list []string) []Option {
	out := []Option{{Value: "", Label: T(lang, "lists.outcome.choose")}}
	for _, o := range list {
		out = append(out, Option{Value: o, Label: listT(lang, "lists.outcome", o)})
	}
	return out
}

// listReplyKinds are the tasks of patients' words the desk must read: a declined
// visit, a reply nobody could read as yes or no, a message from an unknown number.
var listReplyKinds = []string{tasks.Decline, tasks.Reply, tasks.Unmatched}

// listTasks sorts the open queue of the branch (and the tasks of no branch, such as
// a stranger's message) into the tasks, replies and callbacks tabs. Follow-up calls
// are worked through their own tab, where the call's script and outcomes are.
func (c *Console) listTasks(ctx context.Context, d Desk, v *listsView) error {
	page, err := c.svc.Tasks.List(ctx, tasks.Filter{Status: "open", Limit: 500})
	if err != nil {
		return err
	}
	me, now := listMe(ctx), c.opts.Now()
	for _, t := range page.Items {
		if t.BranchID != nil && *t.BranchID != d.Branch.ID {
			continue
		}
		row := listTask{Task: t, KindLabel: listT(d.Lang, "lists.kind", t.Kind), Due: listWhen(t.DueAt, d.Branch),
			Overdue: t.DueAt.Before(now), Mine: t.ClaimedBy != nil && *t.ClaimedBy == me}
		row.PID, row.Name, row.Phone, row.VisitID = listStr(t.PatientID), listStr(t.PatientName),
			listStr(t.PatientPhone), listStr(t.AppointmentID)
		if t.LastOutcome != nil {
			row.Outcome = listT(d.Lang, "lists.outcome", *t.LastOutcome)
		}
		switch {
		case slices.Contains(listReplyKinds, t.Kind):
			v.Replies = append(v.Replies, row)
		case t.Kind == tasks.Callback:
			v.Callbacks = append(v.Callbacks, row)
		case t.Kind == tasks.FollowUpCall:
		case t.Queue == tasks.FrontDesk:
			v.Tasks = append(v.Tasks, row)
		}
	}
	return nil
}

// listWhen is an instant as the desk reads it: the branch's local date and clock.
func listWhen(at time.Time, b clinic.Branch) string {
	return at.In(clinic.Zone(b.TimeZone)).Format("2006-01-02 15:04")
}

// listUnconfirmed is the visits of the next two working days whose patient has not
// confirmed: asked and silent, never asked, or (until the desk acts) declined.
func (c *Console) listUnconfirmed(ctx context.Context, d Desk, names *listNames) ([]listVisit, error) {
	visits, err := c.listComingVisits(ctx, d.Branch)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(visits))
	for i, x := range visits {
		ids[i] = x.ID
	}
	answers, err := c.svc.Booking.Confirmations(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := []listVisit{}
	for _, x := range visits {
		state := answers[x.ID].State
		if state == booking.ConfirmationConfirmed || x.PatientID == nil {
			continue
		}
		out = append(out, listVisitRow(ctx, d, names, x, cardOr(string(state), string(booking.ConfirmationNotAsked))))
	}
	return out, nil
}

func listVisitRow(ctx context.Context, d Desk, names *listNames, x visit.Visit, state string) listVisit {
	p := names.patient(ctx, *x.PatientID)
	return listVisit{ID: x.ID, PatientID: *x.PatientID, Patient: PatientName(p), Phone: p.Phone,
		When: listWhen(x.Start, d.Branch), Service: names.service(ctx, x.ServiceID), Doctor: names.doctor(ctx, x.DoctorID),
		Answer: listT(d.Lang, "lists.answer", state)}
}

// listComingVisits are the booked (not yet confirmed) visits of the branch's next two
// working days.
func (c *Console) listComingVisits(ctx context.Context, b clinic.Branch) ([]visit.Visit, error) {
	days, err := c.listWorkDays(ctx, b)
	if err != nil {
		return nil, err
	}
	var visits []visit.Visit
	for _, day := range days {
		list, err := c.svc.Booking.Day(ctx, visit.DayFilter{BranchID: b.ID, Date: day, Status: visit.Booked})
		if err != nil {
			return nil, err
		}
		visits = append(visits, list...)
	}
	return visits, nil
}

// listWorkDays are the branch's next two local dates after today it is not closed
// on (by its owner or a public holiday) and has opening hours on, looking a week ahead.
func (c *Console) listWorkDays(ctx context.Context, b clinic.Branch) ([]string, error) {
	loc := clinic.Zone(b.TimeZone)
	first := c.opts.Now().In(loc).AddDate(0, 0, 1)
	closures, err := c.svc.Schedules.Closures(ctx, b.ID, first.Format(time.DateOnly))
	if err != nil {
		return nil, err
	}
	closed := map[string]bool{}
	for _, cl := range closures {
		closed[cl.Date] = true
	}
	var out []string
	for i := 0; i < 8 && len(out) < 2; i++ {
		day := first.AddDate(0, 0, i)
		wd := clinic.Weekdays[(int(day.Weekday())+6)%7]
		if closed[day.Format(time.DateOnly)] || (len(b.Hours) > 0 && len(b.Hours[wd]) == 0) {
			continue
		}
		out = append(out, day.Format(time.DateOnly))
	}
	return out, nil
}

func (c *Console) listOffers(ctx context.Context, d Desk, names *listNames) ([]listOffer, error) {
	offers, err := c.svc.Waitlist.DeskOffers(ctx, d.Branch.ID)
	if err != nil {
		return nil, err
	}
	out := make([]listOffer, 0, len(offers))
	for _, o := range offers {
		out = append(out, listOffer{DeskOffer: o, Patient: PatientName(clinic.Patient{FirstName: o.FirstName, LastName: o.LastName}),
			When: listWhen(o.Start, d.Branch), Service: names.service(ctx, o.ServiceID), Offered: listWhen(o.OfferedAt, d.Branch)})
	}
	return out, nil
}

// listCalls is today's follow-up call list (others' live claims left out).
func (c *Console) listCalls(ctx context.Context, d Desk, names *listNames) ([]listCall, error) {
	page, err := c.svc.Reviews.Calls(ctx, reviews.CallFilter{BranchID: d.Branch.ID, Due: reviews.DueToday, Limit: 200})
	if err != nil {
		return nil, err
	}
	me := listMe(ctx)
	out := make([]listCall, 0, len(page.Items))
	for _, call := range page.Items {
		row := listCall{Call: call, Due: listWhen(call.DueAt, d.Branch), Mine: call.ClaimedBy != nil && *call.ClaimedBy == me}
		if call.VisitStart != nil {
			row.VisitAt = listWhen(*call.VisitStart, d.Branch)
		}
		if call.DoctorName != nil {
			row.Doctor = *call.DoctorName
		}
		for _, a := range call.Previous {
			row.Outcomes = append(row.Outcomes, listT(d.Lang, "lists.outcome", a.Outcome))
		}
		out = append(out, row)
	}
	return out, nil
}

// listRecalls is the branch's recalls due by today.
func (c *Console) listRecalls(ctx context.Context, d Desk) ([]listRecall, error) {
	page, err := c.svc.Recall.List(ctx, recall.Filter{BranchID: d.Branch.ID, Limit: 200})
	if err != nil {
		return nil, err
	}
	out := make([]listRecall, 0, len(page.Items))
	for _, r := range page.Items {
		row := listRecall{Recall: r, Patient: PatientName(clinic.Patient{FirstName: r.FirstName, LastName: r.LastName}),
			ServiceName: listProcName(r.Service, d.Lang)}
		if r.SkipReason != "" {
			row.Skip = listTextOr(d.Lang, "lists.skip."+r.SkipReason, r.SkipReason)
		}
		out = append(out, row)
	}
	return out, nil
}

func listStr(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
