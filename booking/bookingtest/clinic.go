// Package bookingtest is the small clinic booking's tests (the core's and its parts')
// book into: a branch in Warsaw with chairs, two services and two doctors, built
// through the real app by api/apitest. Only tests import it.
package bookingtest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/pl"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/staff"
)

// Clinic is a small clinic in Warsaw: two general chairs and a surgery chair, a
// check-up (30 min) and an extraction (60 min, surgery), two doctors working every day
// 08:00–20:00, and a day a week ahead to book on.
type Clinic struct {
	T          testing.TB
	Env        *apitest.Env
	DB         *db.DB
	Branch     clinic.Branch
	Loc        *time.Location
	General    []clinic.Chair
	Surgery    clinic.Chair
	Checkup    clinic.Procedure
	Extraction clinic.Procedure
	Doctors    []clinic.Doctor
	DoctorAPI  []*apitest.Client
	Day        time.Time
}

var allDay = []clinic.Interval{{Open: "07:00", Close: "21:00"}}

// NewClinic builds the app over d and seeds the clinic into it.
func NewClinic(t testing.TB, d *db.DB, opts ...apitest.Option) *Clinic {
	t.Helper()
	f := &Clinic{T: t, Env: apitest.NewEnv(t, d, opts...), DB: d}
	ctx := context.Background()
	hours := clinic.OpeningHours{}
	for _, wd := range clinic.Weekdays {
		hours[wd] = allDay
	}
	f.Branch = Must(f.Env.Clinic.CreateBranch(ctx, clinic.BranchInput{Name: "Centrum", Address: "ul. Marszałkowska 1, Warszawa",
		Phone: "+48221234567", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN", Hours: hours}))(t)
	f.Loc, _ = time.LoadLocation("Europe/Warsaw")
	for i := range 2 {
		f.General = append(f.General, Must(f.Env.Clinic.CreateChair(ctx, clinic.ChairInput{BranchID: f.Branch.ID,
			Name: fmt.Sprintf("Chair %d", i+1), Capabilities: []string{"general"}}))(t))
	}
	f.Surgery = Must(f.Env.Clinic.CreateChair(ctx, clinic.ChairInput{BranchID: f.Branch.ID, Name: "Surgery", Capabilities: []string{"general", "surgery"}}))(t)
	f.Checkup = Must(f.Env.Clinic.CreateProcedure(ctx, clinic.ProcedureInput{Code: "checkup", Names: map[string]string{"en": "Check-up", "pl": "Przegląd"},
		DurationMinutes: 30, PriceMinor: 15000, Currency: "PLN", ChairCapability: "general"}))(t)
	f.Extraction = Must(f.Env.Clinic.CreateProcedure(ctx, clinic.ProcedureInput{Code: "extraction", Names: map[string]string{"en": "Extraction", "pl": "Ekstrakcja"},
		DurationMinutes: 60, PriceMinor: 40000, Currency: "PLN", ChairCapability: "surgery"}))(t)
	for i := range 2 {
		f.AddDoctor(ctx, i)
	}
	f.Day = workingDay(f.Env.Clock.Now().In(f.Loc).AddDate(0, 0, 7))
	return f
}

// workingDay is day, or the first day after it that is no Polish public holiday (they
// close the branch by default).
func workingDay(day time.Time) time.Time {
	var c cal.Calendar
	c.AddHoliday(pl.Holidays...)
	for {
		today, _, _ := c.IsHoliday(day)
		tomorrow, _, _ := c.IsHoliday(day.AddDate(0, 0, 1))
		if !today && !tomorrow { // tests move visits to the day after, too
			return day
		}
		day = day.AddDate(0, 0, 1)
	}
}

// AddDoctor adds doctor i, working every day 08:00–20:00, signed in on DoctorAPI[i].
func (f *Clinic) AddDoctor(ctx context.Context, i int) {
	email := fmt.Sprintf("doctor%d@centrum.test", i)
	st := Must(f.Env.Staff.Create(ctx, staff.NewStaff{Email: email, Name: fmt.Sprintf("Dr %d", i), Role: actor.Doctor,
		Password: apitest.Password, BranchIDs: []string{f.Branch.ID}}))(f.T)
	doc := Must(f.Env.Clinic.CreateDoctor(ctx, clinic.DoctorInput{StaffID: st.ID, Specialty: "general dentistry",
		ServiceIDs: []string{f.Checkup.ID, f.Extraction.ID}}))(f.T)
	for wd := 1; wd <= 7; wd++ {
		err := db.Exec(ctx, f.DB.W, `INSERT INTO schedule_intervals (id, doctor_id, branch_id, weekday, start_minute, end_minute, valid_from, created_at)
			VALUES (?, ?, ?, ?, ?, ?, '2020-01-01', ?)`, fmt.Sprintf("%08d-0000-4000-8000-%012d", wd, i), doc.ID, f.Branch.ID, wd, 8*60, 20*60, time.Now().UTC())
		if err != nil {
			f.T.Fatalf("schedule: %v", err)
		}
	}
	f.Doctors = append(f.Doctors, doc)
	f.DoctorAPI = append(f.DoctorAPI, f.Env.Anonymous().As(f.Env.Login(email, apitest.Password)))
}

// OpenOn opens the branch on day's date when a public holiday closes it, for a test
// that books days or weeks past Day and is not about the calendar: in the weeks before
// Christmas those days are 24 or 26 December.
func (f *Clinic) OpenOn(day time.Time) {
	f.Env.OpenOn(f.Branch.ID, day, f.Loc)
}

// At is hh:mm on the clinic's day in Warsaw.
func (f *Clinic) At(hh, mm int) time.Time {
	return time.Date(f.Day.Year(), f.Day.Month(), f.Day.Day(), hh, mm, 0, 0, f.Loc)
}

// Must stops the test when err is set and gives v otherwise.
func Must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatalf("bookingtest: %v", err)
		}
		return v
	}
}

// Booking is a staff booking body.
func (f *Clinic) Booking(doctor int, service clinic.Procedure, start time.Time, phone string) map[string]any {
	return map[string]any{"service_id": service.ID, "doctor_id": f.Doctors[doctor].ID, "start": start.Format(time.RFC3339),
		"source": "phone", "patient": map[string]any{"first_name": "Jan", "last_name": "Kowalski", "phone": phone}}
}

// AssertNoOverlaps asks the database itself whether any two active appointments share
// a doctor or a chair at the same time.
func AssertNoOverlaps(t testing.TB, d *db.DB) {
	t.Helper()
	const q = `SELECT COUNT(*) FROM appointments a JOIN appointments b ON a.id < b.id
		AND (a.doctor_id = b.doctor_id OR a.chair_id = b.chair_id)
		AND a.starts_at < b.blocked_until AND b.starts_at < a.blocked_until
		WHERE a.status IN ('held', 'booked', 'confirmed', 'arrived', 'seated')
		AND b.status IN ('held', 'booked', 'confirmed', 'arrived', 'seated')`
	var n int
	if err := d.R.Get(&n, q); err != nil {
		t.Fatalf("overlap query: %v", err)
	}
	if n != 0 {
		t.Fatalf("%d pairs of active appointments overlap", n)
	}
}

// DecodeID reads the id of a created object.
func DecodeID(t testing.TB, r *apitest.Response) string {
	t.Helper()
	var out struct {
		ID string `json:"id"`
	}
	r.Decode(t, &out)
	return out.ID
}

// ExpectStatus stops the test unless r has status and, when code is set, that problem code.
func ExpectStatus(t testing.TB, r *apitest.Response, status int, code string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	if code != "" && r.Problem(t).Code != code {
		t.Fatalf("code %q, want %q: %s", r.Problem(t).Code, code, r.Body)
	}
}
