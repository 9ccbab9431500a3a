package console_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/pl"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/booking/schedule"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/staff"
	"github.com/frontdeskhq/frontdesk/tasks"
	"github.com/frontdeskhq/frontdesk/visit"
)

// listsClinic is a branch in Warsaw open every day, with a chair, a check-up and a
// doctor working 08:00–20:00, set up through the services as the owner.
type listsClinic struct {
	k      *kit
	t      *testing.T
	ctx    context.Context
	branch clinic.Branch
	loc    *time.Location
	proc   clinic.Procedure
	doctor clinic.Doctor
	seq    int
}

func newListsClinic(k *kit, locale string) *listsClinic {
	t := k.t
	t.Helper()
	lc := &listsClinic{k: k, t: t}
	owner, err := k.e.Staff.Create(t.Context(), staff.NewStaff{Email: "owner-lists@console.test", Name: "Owner",
		Role: actor.Owner, Password: apitest.Password})
	listsMust(t, err)
	lc.ctx = actor.With(context.Background(), actor.Actor{Kind: actor.Staff, StaffID: owner.ID, Role: actor.Owner})
	hours := clinic.OpeningHours{}
	for _, wd := range clinic.Weekdays {
		hours[wd] = []clinic.Interval{{Open: "07:00", Close: "21:00"}}
	}
	lc.branch, err = k.e.Clinic.CreateBranch(lc.ctx, clinic.BranchInput{Name: "Mokotów", Address: "ul. Puławska 1",
		Phone: "+48221234567", Country: "PL", TimeZone: "Europe/Warsaw", Locale: locale, Currency: "PLN", Hours: hours})
	listsMust(t, err)
	lc.loc, _ = time.LoadLocation("Europe/Warsaw")
	chair, err := k.e.Clinic.CreateChair(lc.ctx, clinic.ChairInput{BranchID: lc.branch.ID, Name: "Chair 1", Capabilities: []string{"general"}})
	listsMust(t, err)
	lc.proc, err = k.e.Clinic.CreateProcedure(lc.ctx, clinic.ProcedureInput{Code: "checkup",
		Names: map[string]string{"en": "Check-up", "pl": "Przegląd"}, DurationMinutes: 30, PriceMinor: 15000,
		Currency: "PLN", ChairCapability: "general"})
	listsMust(t, err)
	doc, err := k.e.Staff.Create(t.Context(), staff.NewStaff{Email: "doctor-lists@console.test", Name: "Dr Nowak",
		Role: actor.Doctor, Password: apitest.Password, BranchIDs: []string{lc.branch.ID}})
	listsMust(t, err)
	lc.doctor, err = k.e.Clinic.CreateDoctor(lc.ctx, clinic.DoctorInput{StaffID: doc.ID, Specialty: "general",
		DisplayName: "Dr Nowak", ServiceIDs: []string{lc.proc.ID}})
	listsMust(t, err)
	var week []schedule.TemplateInput
	for wd := 1; wd <= 7; wd++ {
		week = append(week, schedule.TemplateInput{Weekday: wd, Start: "08:00", End: "20:00", BranchID: lc.branch.ID,
			ChairID: chair.ID, ValidFrom: "2020-01-01"})
	}
	_, err = k.e.Schedules.ReplaceSchedule(lc.ctx, lc.doctor.ID, week)
	listsMust(t, err)
	lc.toWorkingMorning()
	return lc
}

// toWorkingMorning moves the clock to the next 11:00 in Warsaw on a day no public
// holiday closes: inside the calling hours, so a call due now is today's, whenever
// the suite runs.
func (lc *listsClinic) toWorkingMorning() {
	var c cal.Calendar
	c.AddHoliday(pl.Holidays...)
	now := lc.k.e.Clock.Now().In(lc.loc)
	day := time.Date(now.Year(), now.Month(), now.Day(), 11, 0, 0, 0, lc.loc)
	for hol, _, _ := c.IsHoliday(day); hol || !day.After(now); hol, _, _ = c.IsHoliday(day) {
		day = day.AddDate(0, 0, 1)
	}
	lc.k.e.Clock.Advance(day.Sub(now))
}

func listsMust(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// workDay is the first local date after today that no Polish public holiday closes,
// at hh:mm: the first of the "next two working days".
func (lc *listsClinic) workDay(hh, mm int) time.Time {
	var c cal.Calendar
	c.AddHoliday(pl.Holidays...)
	day := lc.k.e.Clock.Now().In(lc.loc).AddDate(0, 0, 1)
	for {
		if hol, _, _ := c.IsHoliday(day); !hol {
			return time.Date(day.Year(), day.Month(), day.Day(), hh, mm, 0, 0, lc.loc)
		}
		day = day.AddDate(0, 0, 1)
	}
}

// book books a new patient named last (first name Anna) at start by phone.
func (lc *listsClinic) book(last string, start time.Time) visit.Visit {
	lc.t.Helper()
	lc.seq++
	v, err := lc.k.e.Booking.Book(lc.ctx, booking.BookRequest{ServiceID: lc.proc.ID, DoctorID: lc.doctor.ID, Start: start,
		Source: visit.SourcePhone, Patient: &clinic.PatientInput{BranchID: lc.branch.ID, FirstName: "Anna", LastName: last,
			Phone: "+4860112233" + itoa(lc.seq), Locale: "pl"}})
	listsMust(lc.t, err)
	return v
}

// patient registers a patient named last.
func (lc *listsClinic) patient(last string) clinic.Patient {
	lc.t.Helper()
	lc.seq++
	p, _, err := lc.k.e.Clinic.CreatePatient(lc.ctx, clinic.PatientInput{BranchID: lc.branch.ID, FirstName: "Anna",
		LastName: last, Phone: "+4860112244" + itoa(lc.seq), Locale: "pl"})
	listsMust(lc.t, err)
	return p
}

// task opens a task of kind about the patient at the branch.
func (lc *listsClinic) task(kind, text string, patientID string) string {
	lc.t.Helper()
	n := tasks.New{Kind: kind, BranchID: &lc.branch.ID, Text: text}
	if patientID != "" {
		n.PatientID = &patientID
	}
	id, err := lc.k.e.Tasks.Open(lc.ctx, lc.k.e.DB.W, n)
	listsMust(lc.t, err)
	return id
}

// deliver hands every visit event to the subscribers.
func (lc *listsClinic) deliver() {
	lc.t.Helper()
	for {
		n, err := lc.k.e.Events.RunOnce(context.Background())
		listsMust(lc.t, err)
		if n == 0 {
			return
		}
	}
}

// tab is the lists page's tab as an administrator of the branch sees it.
func (lc *listsClinic) tab(d *desk, tab string) page {
	lc.t.Helper()
	p := d.get("/console/lists?branch=" + lc.branch.ID + "&tab=" + tab)
	if p.Status != 200 {
		lc.t.Fatalf("lists %s: %d\n%s", tab, p.Status, p.Body)
	}
	listsNoRawKeys(lc.t, p)
	return p
}

// rawKey finds a text key drawn as itself: a text the console has no words for.
var rawKey = regexp.MustCompile(`[>"\s](lists|card|supplies|stage|lang)\.[a-z_.]+[<"]`)

// listsNoRawKeys fails the test when a page shows a text key instead of its words.
func listsNoRawKeys(t *testing.T, p page) {
	t.Helper()
	if m := rawKey.FindString(p.Body); m != "" {
		t.Errorf("the page shows the text key %s", m)
	}
}

// count is the count a tab's label shows on a lists page.
func listsCount(p page, tab string) string {
	i := strings.Index(p.Body, `data-tab="`+tab+`"`)
	if i < 0 {
		return ""
	}
	rest := p.Body[i:]
	j := strings.Index(rest, `data-count="`)
	rest = rest[j+len(`data-count="`):]
	return rest[:strings.Index(rest, `"`)]
}
