package reminders_test

import (
	"context"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/reminders"
	"github.com/frontdeskhq/frontdesk/visit"
)

// changedBetween is the real planner, but the branch's settings change after a
// booking's reminders are prepared and before its transaction runs.
type changedBetween struct {
	*reminders.Service
	change func(t *testing.T)
	t      *testing.T
}

func (c changedBetween) Prepare(ctx context.Context, a visit.Visit, f visit.Facts) (func(context.Context, db.Tx, visit.Visit) error, error) {
	step, err := c.Service.Prepare(ctx, a, f)
	c.change(c.t)
	return step, err
}

// bookThrough books a phone check-up at start with a booking engine whose planner is p.
func (f *fixture) bookThrough(p booking.ReminderPlanner, start time.Time) visit.Visit {
	f.t.Helper()
	return f.bookWith(booking.NewService(booking.Deps{DB: f.db, Dir: f.env.Clinic, Patients: f.env.Clinic,
		Schedule: f.env.Schedules, Reminders: p, Audit: f.env.Audit, Now: f.env.Clock.Now}), start)
}

// TestRulesChangedWhileBookingArePlannedAfresh: a booking prepares its reminders and
// confirmation before its transaction; when the owner changes the branch's reminder
// rules or turns confirmations off in between, the visit is planned by what holds when
// it is stored, not by what was read before.
func TestRulesChangedWhileBookingArePlannedAfresh(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		twoDays := reminders.Settings{Style: reminders.StyleConfirmFirst, QuietFrom: "21:00", QuietTo: "08:00",
			Rules: []reminders.Rule{{Name: "2d", Kind: reminders.KindDaysBefore, Days: 2, At: "10:00"}}}
		rules := changedBetween{Service: f.env.Reminders, t: t, change: func(t *testing.T) {
			if _, err := f.env.Reminders.SetSettings(ctx, f.branch.ID, twoDays); err != nil {
				t.Fatal(err)
			}
		}}
		a := f.bookThrough(rules, f.at(0, 9, 0))
		sameList(t, "plans", summary(plans(t, f, a.ID)), []string{"2d:1:reminder_confirm:queued"})
		rows := keyed(f.outbox(a.ID), "reminder:")
		if len(rows) != 1 || rows[0].DedupeKey != "reminder:"+a.ID+":2d:1" {
			t.Errorf("outbox: %+v", rows)
		}
		if n := len(f.confirmations(a.ID)); n != 1 {
			t.Errorf("%d confirmations, want 1", n)
		}

		off := changedBetween{Service: f.env.Reminders, t: t, change: func(t *testing.T) {
			in := reminders.Confirmations{Admin: true, Phone: false, DoctorApp: true, WalkIn: true}
			if _, err := f.env.Reminders.SetConfirmations(ctx, f.branch.ID, in); err != nil {
				t.Fatal(err)
			}
		}}
		b := f.bookThrough(off, f.at(1, 9, 0))
		if n := len(f.confirmations(b.ID)); n != 0 {
			t.Errorf("phone confirmations turned off before the booking was stored: %d sent", n)
		}
		sameList(t, "plans", summary(plans(t, f, b.ID)), []string{"2d:1:reminder_confirm:queued"})
	})
}

// TestRulesChangedByAnotherInstanceArePlannedAfresh: an instance keeps the rules it
// last read to prepare bookings' texts; when another instance changes them, its next
// booking is planned by what is stored, and so is the one after.
func TestRulesChangedByAnotherInstanceArePlannedAfresh(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ctx := context.Background()
		first := f.bookThrough(f.env.Reminders, f.at(0, 9, 0)) // this instance keeps the defaults
		if len(plans(t, f, first.ID)) == 0 {
			t.Fatal("the first booking planned nothing")
		}
		other := reminders.NewService(d, f.env.Messages, f.env.Clock.Now)
		twoDays := reminders.Settings{Style: reminders.StyleConfirmFirst, QuietFrom: "21:00", QuietTo: "08:00",
			Rules: []reminders.Rule{{Name: "2d", Kind: reminders.KindDaysBefore, Days: 2, At: "10:00"}}}
		if _, err := other.SetSettings(ctx, f.branch.ID, twoDays); err != nil {
			t.Fatal(err)
		}
		if _, err := other.SetConfirmations(ctx, f.branch.ID, reminders.Confirmations{Admin: true, DoctorApp: true, WalkIn: true}); err != nil {
			t.Fatal(err)
		}
		for day := 1; day <= 2; day++ {
			a := f.bookThrough(f.env.Reminders, f.at(day, 9, 0))
			sameList(t, "plans", summary(plans(t, f, a.ID)), []string{"2d:1:reminder_confirm:queued"})
			if n := len(f.confirmations(a.ID)); n != 0 {
				t.Errorf("day %d: phone confirmations turned off elsewhere: %d sent", day, n)
			}
		}
	})
}

// TestNoTextNoManageLink: a booking whose patient is sent nothing now (phone
// confirmations off, the visit within the hour) stores no manage link either.
func TestNoTextNoManageLink(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		in := reminders.Confirmations{Admin: true, Phone: false, DoctorApp: true, WalkIn: true}
		if _, err := f.env.Reminders.SetConfirmations(t.Context(), f.branch.ID, in); err != nil {
			t.Fatal(err)
		}
		today := f.openMorning()
		a := f.book(today.Add(time.Hour))
		var links int
		err := db.Get(t.Context(), d.R, &links, `SELECT COUNT(*) FROM patient_links WHERE appointment_id = ?`, a.ID)
		if err != nil || links != 0 || len(f.outboxWhere(a.ID, "")) != 0 {
			t.Errorf("%d manage links (%v) and texts %+v for a visit told nothing", links, err, f.outboxWhere(a.ID, ""))
		}
	})
}
