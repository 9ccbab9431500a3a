package selfservice_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/staff"
)

// fixture is a small clinic in Warsaw: two general chairs and a surgery chair, a
// check-up (30 min) and an extraction (60 min, surgery), two doctors working every day
// 08:00–20:00, and a day a week ahead to book on.
type fixture struct {
	t          testing.TB
	env        *apitest.Env
	db         *db.DB
	branch     clinic.Branch
	loc        *time.Location
	general    []clinic.Chair
	surgery    clinic.Chair
	checkup    clinic.Procedure
	extraction clinic.Procedure
	doctors    []clinic.Doctor
	doctorAPI  []*apitest.Client
	day        time.Time
}

var allDay = []clinic.Interval{{Open: "07:00", Close: "21:00"}}

func newFixture(t testing.TB, d *db.DB, opts ...apitest.Option) *fixture {
	t.Helper()
	f := &fixture{t: t, env: apitest.NewEnv(t, d, opts...), db: d}
	ctx := context.Background()
	hours := clinic.OpeningHours{}
	for _, wd := range clinic.Weekdays {
		hours[wd] = allDay
	}
	f.branch = must(f.env.Clinic.CreateBranch(ctx, clinic.BranchInput{Name: "Centrum", Address: "ul. Marszałkowska 1, Warszawa",
		Phone: "+48221234567", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN", Hours: hours}))(t)
	f.loc, _ = time.LoadLocation("Europe/Warsaw")
	for i := range 2 {
		f.general = append(f.general, must(f.env.Clinic.CreateChair(ctx, clinic.ChairInput{BranchID: f.branch.ID,
			Name: fmt.Sprintf("Chair %d", i+1), Capabilities: []string{"general"}}))(t))
	}
	f.surgery = must(f.env.Clinic.CreateChair(ctx, clinic.ChairInput{BranchID: f.branch.ID, Name: "Surgery", Capabilities: []string{"general", "surgery"}}))(t)
	f.checkup = must(f.env.Clinic.CreateProcedure(ctx, clinic.ProcedureInput{Code: "checkup", Names: map[string]string{"en": "Check-up", "pl": "Przegląd"},
		DurationMinutes: 30, PriceMinor: 15000, Currency: "PLN", ChairCapability: "general"}))(t)
	f.extraction = must(f.env.Clinic.CreateProcedure(ctx, clinic.ProcedureInput{Code: "extraction", Names: map[string]string{"en": "Extraction", "pl": "Ekstrakcja"},
		DurationMinutes: 60, PriceMinor: 40000, Currency: "PLN", ChairCapability: "surgery"}))(t)
	for i := range 2 {
		f.addDoctor(ctx, i)
	}
	f.day = time.Now().In(f.loc).AddDate(0, 0, 7)
	return f
}

func (f *fixture) addDoctor(ctx context.Context, i int) {
	email := fmt.Sprintf("doctor%d@centrum.test", i)
	st := must(f.env.Staff.Create(ctx, staff.NewStaff{Email: email, Name: fmt.Sprintf("Dr %d", i), Role: actor.Doctor,
		Password: apitest.Password, BranchIDs: []string{f.branch.ID}}))(f.t)
	doc := must(f.env.Clinic.CreateDoctor(ctx, clinic.DoctorInput{StaffID: st.ID, Specialty: "general dentistry",
		ServiceIDs: []string{f.checkup.ID, f.extraction.ID}}))(f.t)
	for wd := 1; wd <= 7; wd++ {
		err := db.Exec(ctx, f.db.W, `INSERT INTO schedule_intervals (id, doctor_id, branch_id, weekday, start_minute, end_minute, valid_from, created_at)
			VALUES (?, ?, ?, ?, ?, ?, '2020-01-01', ?)`, fmt.Sprintf("%08d-0000-4000-8000-%012d", wd, i), doc.ID, f.branch.ID, wd, 8*60, 20*60, time.Now().UTC())
		if err != nil {
			f.t.Fatalf("schedule: %v", err)
		}
	}
	f.doctors = append(f.doctors, doc)
	f.doctorAPI = append(f.doctorAPI, f.env.Anonymous().As(f.env.Login(email, apitest.Password)))
}

// at is hh:mm on the fixture's day in Warsaw.
func (f *fixture) at(hh, mm int) time.Time {
	return time.Date(f.day.Year(), f.day.Month(), f.day.Day(), hh, mm, 0, 0, f.loc)
}

func must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
		return v
	}
}

// booking is a staff booking body.
func (f *fixture) booking(doctor int, service clinic.Procedure, start time.Time, phone string) map[string]any {
	return map[string]any{"service_id": service.ID, "doctor_id": f.doctors[doctor].ID, "start": start.Format(time.RFC3339),
		"source": "phone", "patient": map[string]any{"first_name": "Jan", "last_name": "Kowalski", "phone": phone}}
}

// assertNoOverlaps asks the database itself whether any two active appointments share
// a doctor or a chair at the same time.
func assertNoOverlaps(t testing.TB, d *db.DB) {
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

func decodeID(t testing.TB, r *apitest.Response) string {
	t.Helper()
	var out struct {
		ID string `json:"id"`
	}
	r.Decode(t, &out)
	return out.ID
}

func expectStatus(t testing.TB, r *apitest.Response, status int, code string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	if code != "" && r.Problem(t).Code != code {
		t.Fatalf("code %q, want %q: %s", r.Problem(t).Code, code, r.Body)
	}
}

var _ = http.MethodPost
