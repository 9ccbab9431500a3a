package schedule

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// schedWorld is a clinic for the schedules tests: the real directory over a test
// database and a clock the test sets.
type schedWorld struct {
	t      testing.TB
	d      *db.DB
	clinic *clinic.Service
	s      *Service
	now    time.Time
	seq    int
}

var bg = context.Background()

func newSchedWorld(t testing.TB, d *db.DB, now time.Time) *schedWorld {
	w := &schedWorld{t: t, d: d, now: now}
	clock := func() time.Time { return w.now }
	w.clinic = clinic.NewService(d, audit.New(d, clock), clock)
	w.s = New(d, w.clinic, clock)
	return w
}

// need fails the test on err and otherwise gives v: need(f())(t).
func need[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
		return v
	}
}

// everyDay opens from open to shut on all seven days.
func everyDay(open, shut string) clinic.OpeningHours {
	h := clinic.OpeningHours{}
	for _, wd := range clinic.Weekdays {
		h[wd] = []clinic.Interval{{Open: open, Close: shut}}
	}
	return h
}

func (w *schedWorld) branch(zone string, hours clinic.OpeningHours) clinic.Branch {
	w.seq++
	return need(w.clinic.CreateBranch(bg, clinic.BranchInput{Name: fmt.Sprintf("Branch %d", w.seq),
		Country: "PL", TimeZone: zone, Locale: "pl", Currency: "PLN", Hours: hours}))(w.t)
}

func (w *schedWorld) chair(branchID string, caps ...string) clinic.Chair {
	w.seq++
	return need(w.clinic.CreateChair(bg, clinic.ChairInput{BranchID: branchID, Name: fmt.Sprintf("Chair %d", w.seq),
		Capabilities: caps}))(w.t)
}

func (w *schedWorld) service(minutes int, capability string) clinic.Procedure {
	w.seq++
	return need(w.clinic.CreateProcedure(bg, clinic.ProcedureInput{Code: fmt.Sprintf("s%d", w.seq),
		Names: map[string]string{"en": "Visit"}, DurationMinutes: minutes, PriceMinor: 100, Currency: "PLN",
		ChairCapability: capability}))(w.t)
}

// doctor makes a staff user with the doctor role at branches and their profile.
func (w *schedWorld) doctor(branches []string, services ...string) clinic.Doctor {
	w.t.Helper()
	w.seq++
	staffID := uuid.NewString()
	err := db.Exec(bg, w.d.W, `INSERT INTO staff (id, email, name, role, password_hash, active, created_at, updated_at)
		VALUES (?, ?, ?, 'doctor', 'x', TRUE, ?, ?)`, staffID, fmt.Sprintf("dr%d@test", w.seq), fmt.Sprintf("Dr %02d", w.seq), w.now, w.now)
	for _, b := range branches {
		if err == nil {
			err = db.Exec(bg, w.d.W, `INSERT INTO staff_branches (staff_id, branch_id) VALUES (?, ?)`, staffID, b)
		}
	}
	need(0, err)(w.t)
	return need(w.clinic.CreateDoctor(bg, clinic.DoctorInput{StaffID: staffID, ServiceIDs: services}))(w.t)
}

// works replaces the doctor's template with start–end on every weekday at branch.
func (w *schedWorld) works(doc clinic.Doctor, branchID, start, end string) {
	w.t.Helper()
	var in []TemplateInput
	for wd := 1; wd <= 7; wd++ {
		in = append(in, TemplateInput{Weekday: wd, Start: start, End: end, BranchID: branchID, ValidFrom: "2020-01-01"})
	}
	need(w.s.ReplaceSchedule(bg, doc.ID, in))(w.t)
}

// book stores an appointment as the booking engine would, bypassing its checks.
func (w *schedWorld) book(doc clinic.Doctor, chair clinic.Chair, svc clinic.Procedure, start time.Time, buffer time.Duration, status visit.Status, holdUntil *time.Time) {
	w.t.Helper()
	end := start.Add(time.Duration(svc.DurationMinutes) * time.Minute)
	err := db.Exec(bg, w.d.W, `INSERT INTO appointments (id, branch_id, service_id, doctor_id, chair_id, starts_at,
		ends_at, blocked_until, status, source, hold_expires_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'admin', ?, ?, ?)`, uuid.NewString(), chair.BranchID, svc.ID, doc.ID, chair.ID,
		start.UTC(), end.UTC(), end.Add(buffer).UTC(), string(status), holdUntil, w.now, w.now)
	need(0, err)(w.t)
}

// avail asks for availability and fails the test on an error.
func (w *schedWorld) avail(q Query) Result {
	w.t.Helper()
	if q.Days == 0 {
		q.Days = 1
	}
	return need(w.s.Availability(bg, q))(w.t)
}

// starts lists the slot starts of a result as local "2006-01-02 15:04" (with the
// offset when withOffset), each followed by the count of doctors when more than one.
func starts(r Result, layout string) []string {
	var out []string
	for _, d := range r.Days {
		for _, s := range d.Slots {
			label := s.Start.Format(layout)
			if len(s.Doctors) > 1 {
				label += fmt.Sprintf("×%d", len(s.Doctors))
			}
			out = append(out, label)
		}
	}
	return out
}

// at is a wall time in loc.
func at(loc *time.Location, date string, hh, mm int) time.Time {
	d, err := time.ParseInLocation(time.DateOnly, date, loc)
	if err != nil {
		panic(err)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, loc)
}
