package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/console"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/app/demo"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/staff"
	"github.com/frontdeskhq/frontdesk/visit"
)

// living is the whole app over d with its clock on the coming Wednesday at 11:07 in
// Warsaw, the demo seeded: a usual working morning, whatever the hour the test runs.
func living(t *testing.T, d *db.DB) (*apitest.Env, clinic.Branch) {
	return livingAt(t, d, time.Wednesday, 11, 7)
}

// livingAt is living with the clock on the coming weekday at hh:mm in Warsaw.
func livingAt(t *testing.T, d *db.DB, weekday time.Weekday, hh, mm int) (*apitest.Env, clinic.Branch) {
	t.Helper()
	e := apitest.NewEnv(t, d)
	warsaw, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		t.Fatal(err)
	}
	now := e.Clock.Now().In(warsaw)
	wed := time.Date(now.Year(), now.Month(), now.Day()+1, hh, mm, 0, 0, warsaw)
	for wed.Weekday() != weekday {
		wed = wed.AddDate(0, 0, 1)
	}
	e.Clock.Advance(wed.Sub(e.Clock.Now()))
	if got, err := demo.Seed(context.Background(), e.DemoDeps(), "pl"); err != nil || got != demo.Added {
		t.Fatalf("seed: %v %v", got, err)
	}
	page, err := e.Clinic.Branches(context.Background(), clinic.BranchFilter{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("branches: %+v %v", page, err)
	}
	return e, page.Items[0]
}

// day is a local date's visits with their stages and answers as the desk sees them.
func day(t *testing.T, e *apitest.Env, b clinic.Branch, date string) (map[string]int, map[booking.ConfirmationState]int) {
	t.Helper()
	ctx := context.Background()
	list, err := e.Booking.Day(ctx, visit.DayFilter{BranchID: b.ID, Date: date})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(list))
	stages := map[string]int{}
	for i, v := range list {
		ids[i] = v.ID
		stages[console.StageOf(v, e.Clock.Now(), console.DefaultThresholds).Key]++
	}
	answers, err := e.Booking.Confirmations(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	states := map[booking.ConfirmationState]int{}
	for _, id := range ids {
		states[answers[id].State]++
	}
	return stages, states
}

func TestDemoDaysAreAlive(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e, b := living(t, d)
		now := e.Clock.Now()
		today := console.LocalDate(now, b)
		stages, answers := day(t, e, b, today)
		t.Logf("today %s: stages %v, answers %v", today, stages, answers)
		for _, st := range []string{"booked", "confirmed", "late", "arrived", "seated", "completed", "cancelled"} {
			if stages[st] < 1 {
				t.Errorf("today: no visit %s (stages %v)", st, stages)
			}
		}
		for _, a := range []booking.ConfirmationState{booking.ConfirmationConfirmed, booking.ConfirmationDeclined,
			booking.ConfirmationNoAnswer, ""} { // "": nobody asked yet
			if answers[a] < 1 {
				t.Errorf("today: no visit %s (answers %v)", a, answers)
			}
		}
		yesterday, _ := day(t, e, b, console.LocalDate(now.AddDate(0, 0, -1), b))
		t.Logf("yesterday: %v", yesterday)
		for _, st := range []string{"completed", "no_show", "cancelled"} {
			if yesterday[st] < 1 {
				t.Errorf("yesterday: no visit %s (%v)", st, yesterday)
			}
		}
		ahead := 0
		for i := 1; i <= 14; i++ {
			st, _ := day(t, e, b, console.LocalDate(now.AddDate(0, 0, i), b))
			ahead += st["booked"] + st["confirmed"]
		}
		if ahead < 40 {
			t.Errorf("the coming two weeks hold %d visits, want a moderately full book (40+)", ahead)
		}
	})
}

// TestDemoPapersRepliesAndTasks finds signed and unsigned packs, filled questionnaires,
// a question that went out, the desk's open tasks, and a second seed adding none of it
// again.
func TestDemoPapersRepliesAndTasks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e, _ := living(t, d)
		want := map[string]int{
			"SELECT COUNT(*) FROM appointments":                                                       60,
			"SELECT COUNT(*) FROM documents WHERE status = 'signed'":                                  10,
			"SELECT COUNT(*) FROM documents WHERE status <> 'signed'":                                 3,
			"SELECT COUNT(*) FROM questionnaire_responses":                                            3,
			"SELECT COUNT(*) FROM outbox WHERE expects_reply AND sent_at IS NOT NULL":                 5,
			"SELECT COUNT(*) FROM appointment_events WHERE reason = 'patient replied yes'":            4,
			"SELECT COUNT(*) FROM inbox_tasks WHERE status = 'open' AND kind IN ('decline', 'reply')": 3,
		}
		first := rows(t, d, want)
		for q, n := range want {
			if first[q] < n {
				t.Errorf("%s = %d, want at least %d", q, first[q], n)
			}
		}
		if got, err := demo.Seed(context.Background(), e.DemoDeps(), "pl"); err != nil || got != demo.AlreadyThere {
			t.Fatalf("second seed: %v %v", got, err)
		}
		if diff := cmp.Diff(first, rows(t, d, want)); diff != "" {
			t.Errorf("the second seed changed rows (-first +second):\n%s", diff)
		}
	})
}

func rows(t *testing.T, d *db.DB, queries map[string]int) map[string]int {
	t.Helper()
	out := map[string]int{}
	for q := range queries {
		var n int
		if err := db.Get(context.Background(), d.R, &n, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		out[q] = n
	}
	return out
}

// TestDemoLoginsLandOnTheirDays: the doctor login is a clinic doctor with visits
// today; the nurse and the desk work at the branch.
func TestDemoLoginsLandOnTheirDays(t *testing.T) {
	d := dbtest.New(t)
	e, b := living(t, d)
	ctx := context.Background()
	who := map[actor.Role]staff.Staff{}
	for _, l := range demo.Logins {
		s, err := e.Staff.Login(ctx, l.Email, demo.Password, "127.0.0.1")
		if err != nil || len(s.Staff.BranchIDs) != 1 || s.Staff.BranchIDs[0] != b.ID {
			t.Fatalf("%s: %+v %v", l.Email, s.Staff, err)
		}
		who[l.Role] = s.Staff
	}
	doctors, err := e.Clinic.Doctors(ctx, clinic.DoctorFilter{BranchID: b.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range doctors.Items {
		if doc.StaffID != who[actor.Doctor].ID {
			continue
		}
		list, err := e.Booking.Day(ctx, visit.DayFilter{BranchID: b.ID, Date: console.LocalDate(e.Clock.Now(), b),
			DoctorID: doc.ID})
		if err != nil || len(list) < 5 {
			t.Fatalf("the doctor login's visits today: %d %v, want a busy day", len(list), err)
		}
		return
	}
	t.Fatalf("no clinic doctor is the doctor login %s", who[actor.Doctor].ID)
}

// TestDemoYoungDay seeds an hour after a Sunday's opening (09:00): the morning's
// visits move up behind the opening, so the day already has every stage.
func TestDemoYoungDay(t *testing.T) {
	e, b := livingAt(t, dbtest.New(t), time.Sunday, 10, 5)
	stages, answers := day(t, e, b, console.LocalDate(e.Clock.Now(), b))
	t.Logf("stages %v, answers %v", stages, answers)
	for _, st := range []string{"booked", "confirmed", "late", "arrived", "seated", "completed", "cancelled"} {
		if stages[st] < 1 {
			t.Errorf("no visit %s (stages %v)", st, stages)
		}
	}
}

// TestDemoSeedsOnEveryWeekday seeds at 07:30 in Warsaw on each weekday, before the
// opening, so all of today is booked through booking's checks: each day has its own
// doctors (a service the doctor beside doctor 0 does not perform was refused on
// Tuesdays, Thursdays and Saturdays).
func TestDemoSeedsOnEveryWeekday(t *testing.T) {
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		t.Run(wd.String(), func(t *testing.T) {
			e, b := livingAt(t, dbtest.New(t), wd, 7, 30)
			stages, _ := day(t, e, b, console.LocalDate(e.Clock.Now(), b))
			if n := stages["booked"] + stages["confirmed"]; n < 5 {
				t.Errorf("today holds %d visits to come (stages %v), want the day's book", n, stages)
			}
		})
	}
}
