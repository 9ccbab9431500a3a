package figures

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// visitWorld is one Warsaw branch open 08:00–16:00 every day, with two chairs, two
// doctors and one service, over a real database; the test writes the visits, recalls
// and rules into the other features' tables and reads the figures back.
type visitWorld struct {
	kitBase
	dir     *clinic.Service
	zone    *time.Location
	service string
	doctorA string
	doctorB string
	chair1  string
	chair2  string
}

// visitRow is one appointment as the test stores it; the zero values are a booked
// visit made by the desk.
type visitRow struct {
	Patient, Doctor, Chair string
	Start, End             time.Time
	Status, Source         string
	ReferredBy             string
	CancelledBy            string
	CancelledAt            *time.Time
	ConfirmedAt            *time.Time
	Created                time.Time
}

const (
	sqlTestStaff = `INSERT INTO staff (id, email, name, role, password_hash, created_at, updated_at)
		VALUES (?, ?, 'Dr', 'doctor', 'x', ?, ?)`
	sqlTestDoctor = `INSERT INTO doctors (id, staff_id, display_name, created_at, updated_at) VALUES (?, ?, 'Dr', ?, ?)`
	sqlTestChair  = `INSERT INTO chairs (id, branch_id, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`
	sqlTestSvc    = `INSERT INTO services (id, code, duration_minutes, price_minor, currency, created_at, updated_at)
		VALUES (?, ?, 30, 10000, 'PLN', ?, ?)`
	sqlTestPatient = `INSERT INTO patients (id, first_name, last_name, locale, created_at, updated_at)
		VALUES (?, ?, 'Nowak', 'pl', ?, ?)`
	sqlTestVisit = `INSERT INTO appointments (id, branch_id, patient_id, service_id, doctor_id, chair_id, starts_at,
		ends_at, blocked_until, status, source, referred_by_doctor, cancelled_by, cancelled_at, confirmed_at,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlTestRules  = `INSERT INTO booking_rules (branch_id, change_window_minutes, updated_at) VALUES (?, ?, ?)`
	sqlTestRecall = `INSERT INTO recalls (id, patient_id, service_id, branch_id, due_on, last_visit_at,
		from_appointment_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	sqlTestCancel = `UPDATE appointments SET status = 'cancelled', cancelled_by = 'patient', cancelled_at = ? WHERE id = ?`
	sqlTestStatus = `UPDATE appointments SET status = ? WHERE id = ?`
)

func eachVisitWorld(t *testing.T, body func(t *testing.T, w *visitWorld)) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) { body(t, newVisitWorld(t, d)) })
}

func newVisitWorld(t *testing.T, d *db.DB) *visitWorld {
	t.Helper()
	zone, _ := time.LoadLocation("Europe/Warsaw")
	w := &visitWorld{kitBase: kitBase{t: t, d: d, now: time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)}, zone: zone}
	clock := w.clock
	dir := clinic.NewService(d, audit.New(d, clock), clock)
	hours := clinic.OpeningHours{}
	for _, day := range clinic.Weekdays {
		hours[day] = []clinic.Interval{{Open: "08:00", Close: "16:00"}}
	}
	b, err := dir.CreateBranch(context.Background(), clinic.BranchInput{Name: "Centrum", Country: "PL",
		TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN", Hours: hours})
	if err != nil {
		t.Fatal(err)
	}
	w.branch, w.dir = b.ID, dir
	w.s = NewService(Deps{DB: d, Branches: dir, Clock: clock})
	w.doctorA, w.doctorB = w.doctor("a"), w.doctor("b")
	w.chair1, w.chair2 = w.chair("Chair 1"), w.chair("Chair 2")
	w.service = uuid.NewString()
	w.exec(sqlTestSvc, w.service, "checkup-"+w.service[:8], w.now, w.now)
	return w
}

func (w *visitWorld) doctor(name string) string {
	staff, id := uuid.NewString(), uuid.NewString()
	w.exec(sqlTestStaff, staff, name+"-"+staff[:8]+"@test.test", w.now, w.now)
	w.exec(sqlTestDoctor, id, staff, w.now, w.now)
	return id
}

func (w *visitWorld) chair(name string) string {
	id := uuid.NewString()
	w.exec(sqlTestChair, id, w.branch, name, w.now, w.now)
	return id
}

func (w *visitWorld) patient(name string) string {
	id := uuid.NewString()
	w.exec(sqlTestPatient, id, name, w.now, w.now)
	return id
}

// at is the instant of a local Warsaw date and "HH:MM".
func (w *visitWorld) at(date, hhmm string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", date+" "+hhmm, w.zone)
	if err != nil {
		w.t.Fatal(err)
	}
	return t.UTC()
}

func visitPtr(t time.Time) *time.Time { return &t }

// visit stores v and answers its id.
func (w *visitWorld) visit(v visitRow) string {
	w.t.Helper()
	id := uuid.NewString()
	if v.Status == "" {
		v.Status = "booked"
	}
	if v.Source == "" {
		v.Source = "admin"
	}
	if v.Doctor == "" {
		v.Doctor = w.doctorA
	}
	if v.Chair == "" {
		v.Chair = w.chair1
	}
	if v.End.IsZero() {
		v.End = v.Start.Add(30 * time.Minute)
	}
	var referred *string
	if v.ReferredBy != "" {
		referred = &v.ReferredBy
	}
	w.exec(sqlTestVisit, id, w.branch, v.Patient, w.service, v.Doctor, v.Chair, v.Start, v.End, v.End,
		v.Status, v.Source, referred, v.CancelledBy, v.CancelledAt, v.ConfirmedAt, v.Created, v.Created)
	return id
}

// total is one figure's num/den over from..to.
func (w *visitWorld) total(figure, from, to, doctor string) (int64, int64) {
	w.t.Helper()
	r, err := w.s.Figures(context.Background(), Query{BranchID: w.branch, From: from, To: to, By: "month", DoctorID: doctor})
	if err != nil {
		w.t.Fatal(err)
	}
	for _, s := range r.Figures {
		if s.Name == figure {
			return s.Total.Num, s.Total.Den
		}
	}
	w.t.Fatalf("no figure %s", figure)
	return 0, 0
}

// rows are the subjects behind a figure over from..to, "+" marking those counted in
// the numerator, sorted.
func (w *visitWorld) rows(figure, from, to string) []string {
	w.t.Helper()
	page, err := w.s.Rows(context.Background(), figure, RowsQuery{BranchID: w.branch, From: from, To: to, Limit: 100})
	if err != nil {
		w.t.Fatal(err)
	}
	var out []string
	for _, f := range page.Rows {
		mark := ""
		if f.Num > 0 {
			mark = "+"
		}
		out = append(out, mark+f.SubjectID)
	}
	sort.Strings(out)
	return out
}

// wantFigure checks a figure's num/den over one day.
func (w *visitWorld) wantFigure(figure, date string, num, den int64) {
	w.t.Helper()
	if n, d := w.total(figure, date, date, ""); n != num || d != den {
		w.t.Errorf("%s on %s: %d/%d, want %d/%d", figure, date, n, d, num, den)
	}
}

// visitMarked lists ids, "+" before those in the numerator, sorted like rows.
func visitMarked(counted map[string]bool) []string {
	var out []string
	for id, yes := range counted {
		if yes {
			id = "+" + id
		}
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}
