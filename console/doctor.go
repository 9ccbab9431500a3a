package console

import (
	"errors"
	"html/template"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/booking/calendar"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/visit"
)

// doctorRoutes mounts the doctor's day on a phone: their visits, booking into their
// own free time, and the link for their phone's calendar.
func (c *Console) doctorRoutes(r fiber.Router) {
	doc := c.staffOnly(actor.Doctor)
	r.Get("/console/my-day", doc, c.myDay)
	r.Get("/console/my-day/book", doc, c.bookPage(doctorFlow))
	r.Post("/console/my-day/book", doc, c.bookPost(doctorFlow))
	r.Post("/console/my-day/patients", doc, c.newPatient(doctorFlow))
	r.Post("/console/my-day/calendar", doc, c.calendarLink)
}

// errNoDoctorProfile refuses a doctor's page to a doctor account with no profile.
var errNoDoctorProfile = fault.New(fault.Forbidden, "no_doctor_profile", "this account has no doctor profile")

// ownDoctor is the clinic's doctor whose staff account is signed in.
func (c *Console) ownDoctor(fc *fiber.Ctx) (clinic.Doctor, error) {
	staffID := who(fc).Actor.StaffID
	f := clinic.DoctorFilter{Limit: 200}
	for {
		page, err := c.svc.Clinic.Doctors(fc.UserContext(), f)
		if err != nil {
			return clinic.Doctor{}, err
		}
		if i := slices.IndexFunc(page.Items, func(d clinic.Doctor) bool { return d.StaffID == staffID }); i >= 0 {
			return page.Items[i], nil
		}
		if page.Next == "" {
			return clinic.Doctor{}, errNoDoctorProfile
		}
		f.Cursor = page.Next
	}
}

// myDayView is a doctor's today and tomorrow.
type myDayView struct {
	Frame
	// NoProfile is set for a doctor account the clinic has not given a doctor profile.
	NoProfile bool
	Doctor    string
	Days      []myDayList
	Book      string
	HasFeed   bool
	// Feed is the calendar link made just now (shown once: only its hash is kept).
	Feed   string
	Webcal template.URL
}

// myDayList is one day of the doctor's visits.
type myDayList struct {
	Title  string
	Visits []myVisit
}

// myVisit is one visit as the doctor's phone shows it.
type myVisit struct {
	Link, Time, End, Patient, Age, Service, Branch string
	Alerts                                         []string
	Stage                                          Stage
	at                                             time.Time
}

func (c *Console) myDay(fc *fiber.Ctx) error {
	v, err := c.myDayViewOf(fc)
	if errors.Is(err, errNoDoctorProfile) {
		v.NoProfile = true
		return c.render(fc, fiber.StatusOK, "myday", v)
	}
	if err != nil {
		return c.fail(fc, err)
	}
	return c.render(fc, fiber.StatusOK, "myday", v)
}

func (c *Console) myDayViewOf(fc *fiber.Ctx) (myDayView, error) {
	d, err := c.desk(fc, "doctor.title", "my-day")
	if err != nil {
		return myDayView{}, err
	}
	v := myDayView{Frame: d.Frame, Book: doctorFlow.Base}
	doc, err := c.ownDoctor(fc)
	if err != nil {
		return v, err
	}
	v.Doctor = doc.DisplayName
	if v.Days, err = c.doctorDays(fc, d, doc); err != nil {
		return v, err
	}
	feeds, err := c.svc.Calendars.Feeds(fc.UserContext())
	v.HasFeed = slices.ContainsFunc(feeds, func(f calendar.Feed) bool { return f.Kind == calendar.FeedDoctor })
	return v, err
}

// doctorDays are today's and tomorrow's visits of the doctor at every branch they
// work at, each day in start order.
func (c *Console) doctorDays(fc *fiber.Ctx, d Desk, doc clinic.Doctor) ([]myDayList, error) {
	now := c.opts.Now()
	days := []myDayList{{Title: T(d.Lang, "doctor.today")}, {Title: T(d.Lang, "doctor.tomorrow")}}
	names := c.names(fc, d)
	for i := range days {
		date := now.In(clinic.Zone(d.Branch.TimeZone)).AddDate(0, 0, i).Format(time.DateOnly)
		days[i].Title += " · " + dayLabel(d.Lang, date)
		for _, branchID := range doc.BranchIDs {
			list, err := c.branchDay(fc, names, doc, branchID, date)
			if err != nil {
				return nil, err
			}
			days[i].Visits = append(days[i].Visits, list...)
		}
		sort.SliceStable(days[i].Visits, func(a, b int) bool { return days[i].Visits[a].at.Before(days[i].Visits[b].at) })
	}
	return days, nil
}

// branchDay is the doctor's visits of one local date at one branch; moved and
// released visits are left out (the new time shows instead).
func (c *Console) branchDay(fc *fiber.Ctx, names *visitNames, doc clinic.Doctor, branchID, date string) ([]myVisit, error) {
	if !who(fc).Actor.CanSeeBranch(branchID) {
		return nil, nil
	}
	list, err := c.svc.Booking.Day(fc.UserContext(), visit.DayFilter{BranchID: branchID, Date: date, DoctorID: doc.ID})
	if err != nil {
		return nil, err
	}
	var out []myVisit
	for _, v := range list {
		if v.Status == visit.Rescheduled || v.Status == visit.Released || v.Status == visit.Held {
			continue
		}
		mv, err := names.visit(v, c.opts.Now())
		if err != nil {
			return nil, err
		}
		out = append(out, mv)
	}
	return out, nil
}

// calendarLink makes the doctor's calendar link and shows it once. A link made
// before cannot be shown again (only its hash is kept), so a new one replaces it.
func (c *Console) calendarLink(fc *fiber.Ctx) error {
	ctx := fc.UserContext()
	if err := c.svc.Calendars.Revoke(ctx); err != nil {
		return c.fail(fc, err)
	}
	f, err := c.svc.Calendars.Issue(ctx, calendar.FeedDoctor, "")
	if err != nil {
		return c.fail(fc, err)
	}
	v, err := c.myDayViewOf(fc)
	if err != nil {
		return c.fail(fc, err)
	}
	base := strings.TrimSuffix(c.opts.PublicURL, "/")
	if base == "" {
		base = fc.BaseURL()
	}
	v.Feed = base + "/api/v1/calendars/" + f.Token + ".ics"
	_, rest, _ := strings.Cut(v.Feed, "://")
	v.Webcal = template.URL("webcal://" + rest) // #nosec: our own feed URL, no input in its scheme
	v.Notice = T(v.Lang, "doctor.calendar.made")
	return c.render(fc, fiber.StatusOK, "myday", v)
}
