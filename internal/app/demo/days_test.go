package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/console"
	"github.com/frontdeskhq/frontdesk/internal/app/demo"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// living is the whole app over d with its clock on the coming Wednesday at 11:07 in
// Warsaw, the demo seeded: a usual working morning, whatever the hour the test runs.
func living(t *testing.T, d *db.DB) (*apitest.Env, clinic.Branch) {
	t.Helper()
	e := apitest.NewEnv(t, d)
	warsaw, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		t.Fatal(err)
	}
	now := e.Clock.Now().In(warsaw)
	wed := time.Date(now.Year(), now.Month(), now.Day()+1, 11, 7, 0, 0, warsaw)
	for wed.Weekday() != time.Wednesday {
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
