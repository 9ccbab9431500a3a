package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/frontdeskhq/frontdesk/booking/schedule"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/staff"
)

// clinicSpec is one branch to seed.
type clinicSpec struct {
	name        string
	doctors     int
	chairs      int
	horizonDays int // the branch's booking rules: how far ahead patients may book
	// appointments already booked, spread over bookedDays from today.
	appointments int
	bookedDays   int
	// ownChairs pins chair i in doctor i's weekly hours (the booking branch: each
	// doctor works at a chair of their own, so the first chair tried is free).
	ownChairs bool
}

// The four branches: the two the issue names for availability, an empty one with a
// year of room that the app's bookings fill, and its twin that the bare-SQL baseline
// fills, so neither phase books into the other's doctors.
var (
	smallSpec    = clinicSpec{name: "small", doctors: 3, chairs: 4, horizonDays: 60, appointments: 900, bookedDays: 30}
	largeSpec    = clinicSpec{name: "large", doctors: 30, chairs: 20, horizonDays: 90, appointments: 50000, bookedDays: 90}
	bookingSpec  = clinicSpec{name: "booking", doctors: 20, chairs: 20, horizonDays: 366, ownChairs: true}
	baselineSpec = clinicSpec{name: "baseline", doctors: 20, chairs: 20, horizonDays: 366, ownChairs: true}
)

// Every branch opens 07:00–21:00 daily in Warsaw and every doctor works all of it;
// the rules are the defaults except the horizon and a 5-minute buffer.
const (
	zone          = "Europe/Warsaw"
	openHour      = 7
	dayMinutes    = 14 * 60
	bufferMinutes = 5
	password      = "bench-password-123"
	patientCount  = 64
)

// visitMinutes are the services' lengths; seeded and booked visits take the first.
var visitMinutes = []int{20, 40, 60}

// branchWorld is a seeded branch.
type branchWorld struct {
	spec    clinicSpec
	branch  clinic.Branch
	loc     *time.Location
	today   time.Time // local midnight of the day the run began
	doctors []clinic.Doctor
	chairs  []clinic.Chair
}

// world is everything the phases need.
type world struct {
	procedures                       []clinic.Procedure
	small, large, bookings, baseline *branchWorld
	patients                         []string
	adminID, token                   string
	seededRows                       int
}

// seed builds the clinic through the services (so every row is one they would
// write) except the existing appointments, which go in as rows in one transaction.
func seed(ctx context.Context, srv *server) (*world, error) {
	ctx = actor.With(ctx, actor.Actor{Kind: actor.System})
	w := &world{}
	if err := w.seedProcedures(ctx, srv); err != nil {
		return nil, err
	}
	for _, b := range []struct {
		to   **branchWorld
		spec clinicSpec
	}{{&w.small, smallSpec}, {&w.large, largeSpec}, {&w.bookings, bookingSpec}, {&w.baseline, baselineSpec}} {
		var err error
		if *b.to, err = w.seedBranch(ctx, srv, b.spec); err != nil {
			return nil, fmt.Errorf("%s clinic: %w", b.spec.name, err)
		}
	}
	if err := w.seedPeople(ctx, srv); err != nil {
		return nil, err
	}
	if err := w.seedAppointments(ctx, srv.svc.DB); err != nil {
		return nil, err
	}
	return w, analyze(ctx, srv.svc.DB)
}

func (w *world) seedProcedures(ctx context.Context, srv *server) error {
	for _, m := range visitMinutes {
		p, err := srv.svc.Clinic.CreateProcedure(ctx, clinic.ProcedureInput{Code: fmt.Sprintf("bench-%d", m),
			Names: map[string]string{"en": fmt.Sprintf("Visit, %d min", m)}, DurationMinutes: m,
			PriceMinor: int64(m) * 1000, Currency: "PLN", ChairCapability: "general"})
		if err != nil {
			return fmt.Errorf("service: %w", err)
		}
		w.procedures = append(w.procedures, p)
	}
	return nil
}

func (w *world) seedBranch(ctx context.Context, srv *server, spec clinicSpec) (*branchWorld, error) {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return nil, err
	}
	y, m, d := time.Now().In(loc).Date()
	b := &branchWorld{spec: spec, loc: loc, today: time.Date(y, m, d, 0, 0, 0, 0, loc)}
	b.branch, err = srv.svc.Clinic.CreateBranch(ctx, clinic.BranchInput{Name: "Bench " + spec.name,
		Country: "PL", TimeZone: zone, Locale: "pl", Currency: "PLN", Hours: openAllDay()})
	if err != nil {
		return nil, err
	}
	if err := b.setRules(ctx, srv); err != nil {
		return nil, err
	}
	if err := b.openHolidays(ctx, srv); err != nil {
		return nil, err
	}
	if err := b.seedChairs(ctx, srv); err != nil {
		return nil, err
	}
	return b, b.seedDoctors(ctx, srv, w.procedures)
}

// openAllDay is 07:00–21:00 every day of the week.
func openAllDay() clinic.OpeningHours {
	hours := clinic.OpeningHours{}
	for _, day := range clinic.Weekdays {
		hours[day] = []clinic.Interval{{Open: clockAt(0), Close: clockAt(dayMinutes)}}
	}
	return hours
}

// setRules keeps the defaults but for the horizon and the buffer.
func (b *branchWorld) setRules(ctx context.Context, srv *server) error {
	_, err := srv.svc.Schedules.SetBranchRules(ctx, b.branch.ID, schedule.RuleMinutes{StepMinutes: 15,
		MinNoticeMinutes: 120, HorizonDays: b.spec.horizonDays, BufferMinutes: bufferMinutes,
		ChangeWindowMinutes: 1440, HoldMinutes: 10})
	return err
}

// openHolidays opens the branch on the country's public holidays ahead: the grid
// books every day from tomorrow, and a run in December would otherwise meet Christmas
// as 422s ("the doctor does not work at this time") instead of bookings.
func (b *branchWorld) openHolidays(ctx context.Context, srv *server) error {
	closed, err := srv.svc.Schedules.Closures(ctx, b.branch.ID, "")
	if err != nil {
		return err
	}
	for _, c := range closed {
		if c.Source != schedule.ClosedByHoliday {
			continue
		}
		if _, err := srv.svc.Schedules.AddOpenDay(ctx, b.branch.ID, c.Date, "bench: open every day"); err != nil {
			return err
		}
	}
	return nil
}

// clockAt writes minutes after opening as "HH:MM".
func clockAt(minutes int) string { return schedule.FormatClock(openHour*60 + minutes) }

func (b *branchWorld) seedChairs(ctx context.Context, srv *server) error {
	for i := range b.spec.chairs {
		c, err := srv.svc.Clinic.CreateChair(ctx, clinic.ChairInput{BranchID: b.branch.ID,
			Name: fmt.Sprintf("Chair %d", i+1), Capabilities: []string{"general"}})
		if err != nil {
			return err
		}
		b.chairs = append(b.chairs, c)
	}
	return nil
}

// seedDoctors makes each doctor a staff user, a doctor who performs every service,
// and gives them weekly hours over the whole opening time.
func (b *branchWorld) seedDoctors(ctx context.Context, srv *server, procs []clinic.Procedure) error {
	ids := make([]string, len(procs))
	for i, p := range procs {
		ids[i] = p.ID
	}
	for i := range b.spec.doctors {
		st, err := srv.svc.Staff.Create(ctx, staff.NewStaff{Email: fmt.Sprintf("doctor%d.%s@bench.frontdesk.test", i+1, b.spec.name),
			Name: fmt.Sprintf("Doctor %d %s", i+1, b.spec.name), Role: actor.Doctor, Password: password, BranchIDs: []string{b.branch.ID}})
		if err != nil {
			return err
		}
		doc, err := srv.svc.Clinic.CreateDoctor(ctx, clinic.DoctorInput{StaffID: st.ID, ServiceIDs: ids})
		if err != nil {
			return err
		}
		if _, err := srv.svc.Schedules.ReplaceSchedule(ctx, doc.ID, b.week(i)); err != nil {
			return err
		}
		b.doctors = append(b.doctors, doc)
	}
	return nil
}

// week is doctor i's weekly hours, valid from yesterday so today counts whole.
func (b *branchWorld) week(i int) []schedule.TemplateInput {
	chair := ""
	if b.spec.ownChairs {
		chair = b.chairs[i].ID
	}
	from := b.today.AddDate(0, 0, -1).Format(time.DateOnly)
	out := make([]schedule.TemplateInput, 0, 7)
	for wd := 1; wd <= 7; wd++ {
		out = append(out, schedule.TemplateInput{Weekday: wd, Start: clockAt(0), End: clockAt(dayMinutes),
			BranchID: b.branch.ID, ChairID: chair, ValidFrom: from})
	}
	return out
}

// seedPeople adds the administrator who books (signed in through the API, as the
// front desk is) and the patients the bookings are for.
func (w *world) seedPeople(ctx context.Context, srv *server) error {
	var branches []string
	for _, b := range w.branches() {
		branches = append(branches, b.branch.ID)
	}
	const email = "admin@bench.frontdesk.test"
	st, err := srv.svc.Staff.Create(ctx, staff.NewStaff{Email: email, Name: "Bench Admin", Role: actor.Admin,
		Password: password, BranchIDs: branches})
	if err != nil {
		return fmt.Errorf("admin: %w", err)
	}
	w.adminID = st.ID
	if w.token, err = srv.login(ctx, email, password); err != nil {
		return err
	}
	return w.seedPatients(ctx, srv)
}

func (w *world) seedPatients(ctx context.Context, srv *server) error {
	for i := range patientCount {
		p, _, err := srv.svc.Clinic.CreatePatient(ctx, clinic.PatientInput{BranchID: w.bookings.branch.ID,
			FirstName: "Bench", LastName: fmt.Sprintf("Patient %d", i+1), BirthDate: "1980-01-01",
			Phone: fmt.Sprintf("+48601%06d", i+1)})
		if err != nil {
			return fmt.Errorf("patient: %w", err)
		}
		w.patients = append(w.patients, p.ID)
	}
	return nil
}

func (w *world) branches() []*branchWorld {
	return []*branchWorld{w.small, w.large, w.bookings, w.baseline}
}

// describe says what was seeded, for the report.
func (w *world) describe() string {
	s := ""
	for _, b := range w.branches() {
		s += fmt.Sprintf("%s: %d doctors, %d chairs, horizon %d days", b.spec.name, b.spec.doctors, b.spec.chairs, b.spec.horizonDays)
		if b.spec.appointments > 0 {
			s += fmt.Sprintf(", %d appointments over %d days", b.spec.appointments, b.spec.bookedDays)
		}
		s += "; "
	}
	return s + fmt.Sprintf("%d patients; services of %v minutes", len(w.patients), visitMinutes)
}

// rng is the seeded layout's randomness, fixed so every run seeds the same clinic.
func newRNG(stream uint64) *rand.Rand { return rand.New(rand.NewPCG(2026, stream)) }
