package console_test

import (
	"context"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/pl"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/console"
	"github.com/frontdeskhq/frontdesk/documents"
	"github.com/frontdeskhq/frontdesk/internal/app/demo"
	"github.com/frontdeskhq/frontdesk/internal/browsertest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// demoKit is the app in demo mode with the Warsaw demo clinic seeded on a usual
// working morning (the coming Wednesday, 11:07), whatever the hour the test runs:
// the demo's day has a visit in every stage around that moment.
type demoKit struct {
	*kit
	branch clinic.Branch
}

func newDemoKit(t *testing.T, d *db.DB) *demoKit {
	t.Helper()
	k := newKit(t, d, apitest.Demo())
	warsaw, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		t.Fatal(err)
	}
	now := k.e.Clock.Now().In(warsaw)
	var holidays cal.Calendar
	holidays.AddHoliday(pl.Holidays...)
	closed := func(t time.Time) bool { h, _, _ := holidays.IsHoliday(t); return h }
	// A Wednesday with its Thursday open: the tests print tomorrow's packs, and on the
	// Wednesday before Christmas tomorrow is 24 December, a holiday with no visits.
	wed := time.Date(now.Year(), now.Month(), now.Day()+1, 11, 7, 0, 0, warsaw)
	for wed.Weekday() != time.Wednesday || closed(wed) || closed(wed.AddDate(0, 0, 1)) {
		wed = wed.AddDate(0, 0, 1)
	}
	k.e.Clock.Advance(wed.Sub(k.e.Clock.Now()))
	if got, err := demo.Seed(context.Background(), k.e.DemoDeps(), "pl"); err != nil || got != demo.Added {
		t.Fatalf("seed the demo: %v %v", got, err)
	}
	page, err := k.e.Clinic.Branches(context.Background(), clinic.BranchFilter{})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("the demo's branches: %+v %v", page, err)
	}
	return &demoKit{kit: k, branch: page.Items[0]}
}

// desk opens the Today page, is sent to the sign-in form, signs in as the demo's
// front-desk administrator and lands back on Today.
func (k *demoKit) desk(width int64) *screen {
	k.t.Helper()
	return k.signIn(k.open("/console/today", width))
}

// otherDesk is desk in a browser of its own (its own cookies, its own session): the
// second desk of the front office.
func (k *demoKit) otherDesk(width int64) *screen {
	k.t.Helper()
	return k.signIn(&screen{Tab: browsertest.OpenApart(k.t, k.base+"/console/today", width, 900), k: k.kit})
}

func (k *demoKit) signIn(s *screen) *screen {
	k.t.Helper()
	s.WaitFor(`location.pathname === '/console/login'`, wait)
	s.Fill("f-email", demo.Logins[1].Email)
	s.Fill("f-password", demo.Password)
	s.Click("button[type=submit]", "")
	s.WaitFor(`location.pathname === '/console/today' && document.readyState === 'complete'`, wait)
	return s
}

// date is a local date of the branch, days from the clock's today.
func (k *demoKit) date(days int) string {
	return console.LocalDate(k.e.Clock.Now().AddDate(0, 0, days), k.branch)
}

// day is the branch's visits of a local date, as the booking service has them.
func (k *demoKit) day(date string, status visit.Status) []visit.Visit {
	k.t.Helper()
	list, err := k.e.Booking.Day(system(), visit.DayFilter{BranchID: k.branch.ID, Date: date, Status: status})
	if err != nil {
		k.t.Fatal(err)
	}
	return list
}

// name is how the desk names the visit's patient.
func (k *demoKit) name(v visit.Visit) string {
	k.t.Helper()
	if v.PatientID == nil {
		return ""
	}
	p, err := k.e.Clinic.Patient(system(), *v.PatientID)
	if err != nil {
		k.t.Fatal(err)
	}
	return console.PatientName(p)
}

// stored is the visit as it is stored now.
func (k *demoKit) stored(id string) visit.Visit {
	k.t.Helper()
	v, err := k.e.Booking.Get(system(), id)
	if err != nil {
		k.t.Fatal(err)
	}
	return v
}

// unsigned are the documents the seating gate still waits for on a visit.
func (k *demoKit) unsigned(id string) []string {
	k.t.Helper()
	list, err := k.e.Documents.Checklist(system(), id)
	if err != nil {
		k.t.Fatal(err)
	}
	var out []string
	for _, it := range list.Items {
		if it.NeedToSeat && it.Status != documents.Signed {
			out = append(out, it.Kind)
		}
	}
	return out
}

// signAll prints the visit's pack and has the patient sign every document of it on
// paper, as the desk records it through the documents service.
func (k *demoKit) signAll(id string) {
	k.t.Helper()
	if err := k.e.Documents.Pack(system(), io.Discard, id); err != nil {
		k.t.Fatal(err)
	}
	list, err := k.e.Documents.Checklist(system(), id)
	if err != nil {
		k.t.Fatal(err)
	}
	for _, it := range list.Items {
		if it.Document != nil && it.Status != documents.Signed {
			if _, err := k.e.Documents.Sign(system(), it.Document.ID, documents.Signing{SignedBy: documents.SignedByPatient,
				Method: documents.MethodPaper}); err != nil {
				k.t.Fatal(fmt.Errorf("sign %s: %w", it.Kind, err))
			}
		}
	}
}
