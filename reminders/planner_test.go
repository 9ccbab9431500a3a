package reminders_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/reminders"
)

func plans(t *testing.T, f *fixture, id string) []reminders.Plan {
	t.Helper()
	ps, err := f.env.Reminders.Plans(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return ps
}

// summary writes plans as rule:version:template:status, in due order per version.
func summary(ps []reminders.Plan) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Rule+":"+itoa(p.Version)+":"+p.Template+":"+string(p.Status))
	}
	return out
}

func itoa(n int) string { return string(rune('0' + n)) }

func keyed(rows []messaging.Row, prefix string) []messaging.Row {
	var out []messaging.Row
	for _, r := range rows {
		if strings.HasPrefix(r.DedupeKey, prefix) {
			out = append(out, r)
		}
	}
	return out
}

func sameList(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

// TestBookingPlansReminders: a staff booking plans the three default reminders in its
// transaction; the first asks for 1/2 and is queued at its due time with the manage
// link; planning again changes nothing.
func TestBookingPlansReminders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.at(0, 9, 0))
		ps := plans(t, f, a.ID)
		sameList(t, "plans", summary(ps), []string{"3d:1:reminder_confirm:queued", "24h:1:reminder_plain:planned",
			"morning:1:reminder_plain:planned"})
		if want := f.at(-3, 12, 0); !ps[0].DueAt.Equal(want) {
			t.Errorf("3d due %s, want %s", ps[0].DueAt, want)
		}
		if want := f.at(-1, 19, 0); !ps[2].DueAt.Equal(want) {
			t.Errorf("a 09:00 visit's morning reminder is due %s, want the evening before %s", ps[2].DueAt, want)
		}
		rows := keyed(f.outbox(a.ID), "reminder:")
		if len(rows) != 1 || rows[0].DedupeKey != "reminder:"+a.ID+":3d:1" {
			t.Fatalf("outbox: %+v", rows)
		}
		r := rows[0]
		if !r.ExpectsReply || r.Template != messaging.TemplateReminderConfirm || !r.NotBefore.Equal(ps[0].DueAt) ||
			!strings.Contains(r.Body, "Svara 1") || !strings.Contains(f.env.ExpandLinks(r.Body), "/v/") || r.BranchID == nil {
			t.Errorf("first reminder: %+v", r)
		}
		err := d.InTx(context.Background(), func(tx db.Tx) error { return f.env.Reminders.Planned(context.Background(), tx, a) })
		if err != nil {
			t.Fatal(err)
		}
		sameList(t, "plans after planning twice", summary(plans(t, f, a.ID)), summary(ps))
		if n := len(f.outbox(a.ID)); n != 1 {
			t.Errorf("planning twice left %d outbox rows", n)
		}
	})
}

// TestRescheduleReplans: a move cancels the old visit's reminders (plans and outbox
// rows), plans the new visit at the next version and tells the patient.
func TestRescheduleReplans(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.at(0, 9, 0))
		b, err := f.env.Booking.Reschedule(context.Background(), a.ID, booking.Move{Start: f.at(1, 11, 0)})
		if err != nil {
			t.Fatal(err)
		}
		sameList(t, "old plans", summary(plans(t, f, a.ID)), []string{"3d:1:reminder_confirm:cancelled",
			"24h:1:reminder_plain:cancelled", "morning:1:reminder_plain:cancelled"})
		old := f.outbox(a.ID)
		if len(old) != 1 || old[0].Status != messaging.Cancelled {
			t.Errorf("old outbox: %+v", old)
		}
		sameList(t, "new plans", summary(plans(t, f, b.ID)), []string{"3d:2:reminder_confirm:queued",
			"24h:2:reminder_plain:planned", "morning:2:reminder_plain:planned"})
		rows := f.outbox(b.ID)
		keys := []string{}
		for _, r := range rows {
			keys = append(keys, r.DedupeKey+":"+string(r.Status))
		}
		sameList(t, "new outbox", keys, []string{"reminder:" + b.ID + ":3d:2:pending", "moved:" + b.ID + ":pending"})
		if !strings.Contains(f.env.ExpandLinks(rows[1].Body), "/v/") || rows[1].Template != messaging.TemplateBookingMoved {
			t.Errorf("moved notice: %+v", rows[1])
		}
	})
}

// TestCancelCancelsReminders: a cancellation withdraws every pending reminder and
// queues the notice, which gives the branch's phone to book again.
func TestCancelCancelsReminders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.at(0, 9, 0))
		if _, err := f.env.Booking.Move(context.Background(), a.ID, booking.Change{Action: booking.ActionCancel, Reason: "ill"}); err != nil {
			t.Fatal(err)
		}
		for _, p := range plans(t, f, a.ID) {
			if p.Status != reminders.Cancelled {
				t.Errorf("plan %s is %s", p.Rule, p.Status)
			}
		}
		rows := f.outbox(a.ID)
		if len(rows) != 2 || rows[0].Status != messaging.Cancelled || rows[1].DedupeKey != "cancelled:"+a.ID ||
			rows[1].Status != messaging.Pending || !strings.Contains(rows[1].Body, f.branch.Phone) {
			t.Errorf("outbox after cancel: %+v", rows)
		}
	})
}

// TestConfirmMakesRemindersPlain: after a confirmation the visit is re-planned and no
// reminder asks anymore.
func TestConfirmMakesRemindersPlain(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.at(0, 9, 0))
		if _, err := f.env.Booking.Move(context.Background(), a.ID, booking.Change{Action: booking.ActionConfirm}); err != nil {
			t.Fatal(err)
		}
		sameList(t, "plans", summary(plans(t, f, a.ID)), []string{
			"3d:1:reminder_confirm:cancelled", "24h:1:reminder_plain:cancelled", "morning:1:reminder_plain:cancelled",
			"3d:2:reminder_plain:queued", "24h:2:reminder_plain:planned", "morning:2:reminder_plain:planned"})
		rows := f.outbox(a.ID)
		if len(rows) != 2 || rows[0].Status != messaging.Cancelled || rows[1].DedupeKey != "reminder:"+a.ID+":3d:2" ||
			rows[1].ExpectsReply || rows[1].Template != messaging.TemplateReminderPlain {
			t.Errorf("outbox after confirm: %+v", rows)
		}
	})
}

// TestSweep queues plans coming due, restores a missing outbox row, marks sent ones,
// and withdraws the reminders of a visit that no longer needs them.
func TestSweep(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		a := f.book(f.at(0, 9, 0))
		sweep := func() reminders.SweepResult {
			t.Helper()
			res, err := f.env.Reminders.Sweep(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		if res := sweep(); res.Queued != 0 {
			t.Errorf("nothing is near, yet the sweep queued %d", res.Queued)
		}
		// Lose the queued row: once it comes near, the sweep puts it back.
		f.env.Clock.Advance(f.at(-3, 12, 0).Add(-time.Hour).Sub(f.env.Clock.Now()))
		if err := db.Exec(ctx, d.W, `DELETE FROM outbox WHERE dedupe_key = ?`, "reminder:"+a.ID+":3d:1"); err != nil {
			t.Fatal(err)
		}
		if res := sweep(); res.Queued != 1 || len(f.outbox(a.ID)) != 1 {
			t.Errorf("missing row: queued %d, outbox %d", res.Queued, len(f.outbox(a.ID)))
		}
		// The first went out; an hour before the 24 h one is due the sweep queues it.
		if err := db.Exec(ctx, d.W, `UPDATE outbox SET status = 'sent' WHERE appointment_id = ?`, a.ID); err != nil {
			t.Fatal(err)
		}
		f.env.Clock.Advance(f.at(-1, 9, 0).Add(-time.Hour).Sub(f.env.Clock.Now()))
		if res := sweep(); res.Queued != 1 {
			t.Errorf("24 h reminder: queued %d", res.Queued)
		}
		sameList(t, "plans", summary(plans(t, f, a.ID)), []string{"3d:1:reminder_confirm:sent",
			"24h:1:reminder_plain:queued", "morning:1:reminder_plain:planned"})
		// The visit ends early (marked completed by hand): what is pending is withdrawn.
		if err := db.Exec(ctx, d.W, `UPDATE appointments SET status = 'completed' WHERE id = ?`, a.ID); err != nil {
			t.Fatal(err)
		}
		if res := sweep(); res.Expired != 1 {
			t.Errorf("expired %d", res.Expired)
		}
		sameList(t, "plans after expiry", summary(plans(t, f, a.ID)), []string{"3d:1:reminder_confirm:sent",
			"24h:1:reminder_plain:cancelled", "morning:1:reminder_plain:cancelled"})
	})
}

// TestBulkPlanThenSweep: bulk planning writes each visit's next reminder only; when the
// sweep queues it, it plans the ones after it, with the texts they would have had.
func TestBulkPlanThenSweep(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		f := newFixture(t, d)
		a := f.book(f.at(0, 9, 0))
		if n, err := f.env.Reminders.ReplanBranch(ctx, f.branch.ID); err != nil || n != 1 {
			t.Fatalf("replan: %d %v", n, err)
		}
		f.env.Clock.Advance(f.at(-3, 12, 0).Add(-time.Hour).Sub(f.env.Clock.Now()))
		if _, err := f.env.Reminders.Sweep(ctx); err != nil {
			t.Fatal(err)
		}
		sameList(t, "plans", summary(plans(t, f, a.ID)), []string{"3d:1:reminder_confirm:cancelled",
			"24h:1:reminder_plain:cancelled", "morning:1:reminder_plain:cancelled",
			"3d:2:reminder_confirm:queued", "24h:2:reminder_plain:planned", "morning:2:reminder_plain:planned"})
		rows := keyed(f.outbox(a.ID), "reminder:"+a.ID+":3d:2")
		if len(rows) != 1 || !rows[0].ExpectsReply {
			t.Errorf("queued question: %+v", rows)
		}
	})
}

// TestDSTPlansOnBothDatabases books visits around Stockholm's next spring-forward night
// (the last Sunday of March, 2027-03-28 this winter) and reads the stored due times
// back from each database.
func TestDSTPlansOnBothDatabases(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		sun := springForward(f.env.Clock.Now().In(f.loc).AddDate(0, 0, 4)) // every reminder still ahead
		day := func(days, hh int) time.Time {
			return time.Date(sun.Year(), sun.Month(), sun.Day()+days, hh, 0, 0, 0, f.loc)
		}
		utc := func(days, hh int) string { // hh:00 UTC, days from that Sunday
			return time.Date(sun.Year(), sun.Month(), sun.Day()+days, hh, 0, 0, 0, time.UTC).Format("2006-01-02 15:04")
		}
		cases := []struct {
			visit time.Time
			want  []string // rule@UTC
		}{
			// Monday 09:00 CEST: three days before is Friday noon CET, the day before and
			// its evening on Sunday, after the clocks went forward.
			{day(1, 9), []string{"3d@" + utc(-2, 11), "24h@" + utc(0, 7), "morning@" + utc(0, 17)}},
			{day(3, 10), []string{"3d@" + utc(0, 10), "24h@" + utc(2, 8), "morning@" + utc(3, 6)}},
		}
		for _, c := range cases {
			f.env.OpenOn(f.branch.ID, c.visit, f.loc) // in 2027 the Monday is Easter Monday, a public holiday in Sweden
			a := f.book(c.visit)
			var got []string
			for _, p := range plans(t, f, a.ID) {
				got = append(got, p.Rule+"@"+p.DueAt.UTC().Format("2006-01-02 15:04"))
			}
			sameList(t, c.visit.Format("2006-01-02 15:04"), got, c.want)
		}
	})
}

// springForward is the first last-Sunday-of-March (Europe's spring-forward day) on or
// after from's date.
func springForward(from time.Time) time.Time {
	for year := from.Year(); ; year++ {
		sun := time.Date(year, time.March, 31, 0, 0, 0, 0, from.Location())
		sun = sun.AddDate(0, 0, -int(sun.Weekday()))
		if !sun.Before(time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, from.Location())) {
			return sun
		}
	}
}
