package console

import (
	"net/url"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/booking/schedule"
	"github.com/frontdeskhq/frontdesk/clinic"
)

// dayRange is how many days the day step shows at once.
const dayRange = 14

// doctorQuery is the availability's doctor for a choice: "" for any.
func doctorQuery(choice string) string {
	if choice == anyDoctor {
		return ""
	}
	return choice
}

// availability asks the live availability for days from a local date, as the front
// desk sees it (no minimum notice: the patient is on the phone or at the desk).
func (c *Console) availability(fc *fiber.Ctx, d Desk, ch choices, from string, days int) (schedule.Result, error) {
	return c.svc.Schedules.Availability(fc.UserContext(), schedule.Query{BranchID: d.Branch.ID, ServiceID: ch.Service,
		DoctorID: doctorQuery(ch.Doctor), From: from, Days: days, Staff: true})
}

// dayStep lists the next days with how many times are free on each.
func (c *Console) dayStep(fc *fiber.Ctx, d Desk, v *bookView) error {
	r, err := c.availability(fc, d, v.Ch, v.Ch.From, dayRange)
	if err != nil {
		return err
	}
	free := false
	for _, day := range r.Days {
		v.Days = append(v.Days, dayChoice{Date: day.Date, Label: dayLabel(d.Lang, day.Date), Free: len(day.Slots),
			Link: v.Ch.with("date", day.Date).link(v.Flow.Base, "")})
		free = free || len(day.Slots) > 0
	}
	v.NextFree = c.nextFree(d, v, r.NextAvailable)
	if len(r.Days) > 0 && (free || r.NextAvailable != nil) {
		last, _ := time.Parse(time.DateOnly, r.Days[len(r.Days)-1].Date)
		v.Later = v.Ch.with("from", last.AddDate(0, 0, 1).Format(time.DateOnly)).link(v.Flow.Base, "date")
	}
	return nil
}

// nextFree is the day of the first free time after the range, when the range had none.
func (c *Console) nextFree(d Desk, v *bookView, next *schedule.Slot) *dayChoice {
	if next == nil {
		return nil
	}
	date := next.Start.In(clinic.Zone(d.Branch.TimeZone)).Format(time.DateOnly)
	return &dayChoice{Date: date, Label: dayLabel(d.Lang, date) + " " + Clock(next.Start, d.Branch),
		Link: v.Ch.with("date", date).link(v.Flow.Base, "")}
}

// timeStep lists the free times of the chosen day for the final form.
func (c *Console) timeStep(fc *fiber.Ctx, d Desk, v *bookView) error {
	r, err := c.availability(fc, d, v.Ch, v.Ch.Date, 1)
	if err != nil {
		return err
	}
	for _, day := range r.Days {
		for _, s := range day.Slots {
			v.Times = append(v.Times, Option{Value: s.Start.Format(time.RFC3339), Label: Clock(s.Start, d.Branch)})
		}
	}
	v.NextFree = c.nextFree(d, v, r.NextAvailable)
	v.DaysLink = v.Ch.link(v.Flow.Base, "date")
	v.Action = v.Flow.Base + "?branch=" + url.QueryEscape(d.Branch.ID)
	return nil
}

// dayLabel is a local date as the desk reads it: "Mon 07.12.2026".
func dayLabel(lang, date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return bookText(lang, "wd", strconv.Itoa(int(t.Weekday()))) + " " + t.Format("02.01.2006")
}
