package reminders_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/staff"
	"github.com/frontdeskhq/frontdesk/visit"
)

// fixture is a branch in Stockholm with one chair, a check-up and a doctor working
// every day 08:00-20:00, and a day a week ahead to book on.
type fixture struct {
	t      testing.TB
	env    *apitest.Env
	db     *db.DB
	branch clinic.Branch
	loc    *time.Location
	doctor clinic.Doctor
	svc    clinic.Procedure
	day    time.Time
	phones int
}

func newFixture(t testing.TB, d *db.DB) *fixture {
	t.Helper()
	f := &fixture{t: t, env: apitest.NewEnv(t, d), db: d}
	ctx := context.Background()
	hours := clinic.OpeningHours{}
	for _, wd := range clinic.Weekdays {
		hours[wd] = []clinic.Interval{{Open: "07:00", Close: "21:00"}}
	}
	f.branch = must(f.env.Clinic.CreateBranch(ctx, clinic.BranchInput{Name: "Södermalm", Address: "Götgatan 1",
		Phone: "+46812345678", Country: "SE", TimeZone: "Europe/Stockholm", Locale: "sv", Currency: "SEK", Hours: hours}))(t)
	f.loc, _ = time.LoadLocation("Europe/Stockholm")
	_ = must(f.env.Clinic.CreateChair(ctx, clinic.ChairInput{BranchID: f.branch.ID, Name: "Chair 1", Capabilities: []string{"general"}}))(t)
	f.svc = must(f.env.Clinic.CreateProcedure(ctx, clinic.ProcedureInput{Code: "checkup",
		Names: map[string]string{"en": "Check-up", "sv": "Undersökning"}, DurationMinutes: 30, PriceMinor: 50000,
		Currency: "SEK", ChairCapability: "general"}))(t)
	st := must(f.env.Staff.Create(ctx, staff.NewStaff{Email: "doc@soder.test", Name: "Dr Lind", Role: actor.Doctor,
		Password: apitest.Password, BranchIDs: []string{f.branch.ID}}))(t)
	f.doctor = must(f.env.Clinic.CreateDoctor(ctx, clinic.DoctorInput{StaffID: st.ID, ServiceIDs: []string{f.svc.ID}}))(t)
	for wd := 1; wd <= 7; wd++ {
		err := db.Exec(ctx, d.W, `INSERT INTO schedule_intervals (id, doctor_id, branch_id, weekday, start_minute, end_minute, valid_from, created_at)
			VALUES (?, ?, ?, ?, ?, ?, '2020-01-01', ?)`, fmt.Sprintf("%08d-0000-4000-8000-000000000001", wd), f.doctor.ID,
			f.branch.ID, wd, 8*60, 20*60, time.Now().UTC())
		if err != nil {
			t.Fatalf("schedule: %v", err)
		}
	}
	f.day = f.env.OpenDays(f.branch.ID, f.env.Clock.Now().AddDate(0, 0, 7), 3, f.loc) // tests book up to two days on
	return f
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

// at is hh:mm local on the fixture's day plus days.
func (f *fixture) at(days, hh, mm int) time.Time {
	d := f.day.AddDate(0, 0, days)
	return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, f.loc)
}

// openMorning moves the clock to 10:00 of the next day the branch is open, for tests
// that book on the day they run, and answers that moment.
func (f *fixture) openMorning() time.Time {
	now := f.env.Clock.Now().In(f.loc)
	day := f.env.OpenDay(f.branch.ID, now.AddDate(0, 0, 1), f.loc)
	morning := time.Date(day.Year(), day.Month(), day.Day(), 10, 0, 0, 0, f.loc)
	f.env.Clock.Advance(morning.Sub(now))
	return morning
}

// book books a check-up for a new patient at start.
func (f *fixture) book(start time.Time) visit.Visit {
	f.t.Helper()
	return f.bookWith(f.env.Booking, start)
}

// bookWith books a check-up for a new patient at start through b.
func (f *fixture) bookWith(b *booking.Service, start time.Time) visit.Visit {
	f.t.Helper()
	f.phones++
	a, err := b.Book(context.Background(), booking.BookRequest{ServiceID: f.svc.ID, DoctorID: f.doctor.ID,
		Start: start, Source: visit.SourcePhone, Patient: &clinic.PatientInput{FirstName: "Eva", LastName: "Berg",
			Phone: fmt.Sprintf("+4670123%04d", f.phones)}})
	if err != nil {
		f.t.Fatalf("book %s: %v", start, err)
	}
	return a
}

// outbox lists the messages about one appointment, oldest first, but for the booking's
// confirmation (see confirmations).
func (f *fixture) outbox(appointmentID string) []messaging.Row {
	return f.outboxWhere(appointmentID, ` AND dedupe_key NOT LIKE 'booked:%'`)
}

// confirmations lists the booking confirmations of one appointment.
func (f *fixture) confirmations(appointmentID string) []messaging.Row {
	return f.outboxWhere(appointmentID, ` AND dedupe_key LIKE 'booked:%'`)
}

func (f *fixture) outboxWhere(appointmentID, and string) []messaging.Row {
	f.t.Helper()
	var rows []messaging.Row
	err := db.Select(context.Background(), f.db.R, &rows, `SELECT id, dedupe_key, channel, recipient, patient_id,
		appointment_id, locale, branch_id, expects_reply, template, body, segments, status, not_before, attempts,
		provider_id, last_error, created_at, sent_at FROM outbox WHERE appointment_id = ?`+and+` ORDER BY created_at, id`, appointmentID)
	if err != nil {
		f.t.Fatal(err)
	}
	return rows
}
