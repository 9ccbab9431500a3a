package figures

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// callsKit is the calls, follow-ups, reviews and work collectors over a real database
// with one branch in Warsaw, whose rows the tests write as the features store them.
type callsKit struct {
	kitBase
	zone *time.Location
	n    int
	line string
	// campaign holds the follow-ups; service, chair and doctor the visits booked.
	campaign, service, chair, doctor string
}

func eachCallsDB(t *testing.T, body func(t *testing.T, k *callsKit)) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) { body(t, newCallsKit(t, d)) })
}

func newCallsKit(t *testing.T, d *db.DB) *callsKit {
	t.Helper()
	k := &callsKit{kitBase: kitBase{t: t, d: d, now: time.Date(2026, 3, 20, 9, 0, 0, 0, time.UTC)}, zone: clinic.Zone("Europe/Warsaw")}
	clock := k.clock
	dir := clinic.NewService(d, audit.New(d, clock), clock)
	b, err := dir.CreateBranch(context.Background(), clinic.BranchInput{Name: "Centrum", Country: "PL",
		TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN", Hours: clinic.OpeningHours{}})
	if err != nil {
		t.Fatal(err)
	}
	k.branch = b.ID
	k.s = &Service{deps: Deps{DB: d, Branches: dir, Clock: clock}, catalog: slices.Concat(callFigures, workFigures)}
	k.s.collectors = slices.Concat(k.s.callCollectors(), k.s.workCollectors())
	k.seed()
	return k
}

const (
	sqlKitStaff  = `INSERT INTO staff (id, email, name, role, password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, 'x', ?, ?)`
	sqlKitDoctor = `INSERT INTO doctors (id, staff_id, display_name, created_at, updated_at) VALUES (?, ?, 'Dr Lis', ?, ?)`
	sqlKitLine   = `INSERT INTO phone_lines (id, branch_id, provider, token_hash, created_at) VALUES (?, ?, 'generic', ?, ?)`
	sqlKitChair  = `INSERT INTO chairs (id, branch_id, name, created_at, updated_at) VALUES (?, ?, 'Chair 1', ?, ?)`
	sqlKitSvc    = `INSERT INTO services (id, code, duration_minutes, price_minor, currency, created_at, updated_at)
		VALUES (?, 'checkup', 30, 10000, 'PLN', ?, ?)`
	sqlKitCampaign = `INSERT INTO campaigns (id, branch_id, name, purpose, source, created_at)
		VALUES (?, ?, 'Spring', 'service', 'ids', ?)`
)

// seed writes the branch's phone line, a chair, a service, a doctor and a campaign.
func (k *callsKit) seed() {
	long := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	k.line, k.chair, k.service, k.campaign = uuid.NewString(), uuid.NewString(), uuid.NewString(), uuid.NewString()
	k.exec(sqlKitLine, k.line, k.branch, uuid.NewString(), long)
	k.exec(sqlKitChair, k.chair, k.branch, long, long)
	k.exec(sqlKitSvc, k.service, long, long)
	k.doctor = k.newDoctor()
	k.exec(sqlKitCampaign, k.campaign, k.branch, long)
}

// at is a Warsaw wall time "2006-01-02 15:04" (or with seconds) as an instant in UTC.
func (k *callsKit) at(local string) time.Time {
	k.t.Helper()
	layout := "2006-01-02 15:04"
	if len(local) > len(layout) {
		layout += ":05"
	}
	t, err := time.ParseInLocation(layout, local, k.zone)
	if err != nil {
		k.t.Fatal(err)
	}
	return t.UTC()
}

func (k *callsKit) newStaff(name string) string {
	id := uuid.NewString()
	long := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	k.exec(sqlKitStaff, id, name+"@kit.test", name, "admin", long, long)
	return id
}

func (k *callsKit) newDoctor() string {
	staff, id := k.newStaff(fmt.Sprintf("doctor%d", k.next())), uuid.NewString()
	long := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	k.exec(sqlKitDoctor, id, staff, long, long)
	return id
}

func (k *callsKit) next() int { k.n++; return k.n }

// rows lists the subject ids behind a figure over a range (narrowed to staff when
// given), sorted, with their num/den: "id num/den".
func (k *callsKit) rows(figure, from, to, staff string) []string {
	k.t.Helper()
	page, err := k.s.Rows(context.Background(), figure, RowsQuery{BranchID: k.branch, From: from, To: to, StaffID: staff, Limit: 1000})
	if err != nil {
		k.t.Fatal(err)
	}
	var out []string
	for _, r := range page.Rows {
		out = append(out, fmt.Sprintf("%s %d/%d", r.SubjectID, r.Num, r.Den))
	}
	sort.Strings(out)
	return out
}

// callsWant lists "id num/den" sorted, as rows gives them.
func callsWant(pairs ...any) []string {
	var out []string
	for i := 0; i+2 < len(pairs); i += 3 {
		out = append(out, fmt.Sprintf("%s %d/%d", pairs[i], pairs[i+1], pairs[i+2]))
	}
	sort.Strings(out)
	return out
}

// callsTotal checks a figure's total over its series: num, den and value (nil: none).
func callsTotal(t *testing.T, s Series, num, den int64, value *float64) {
	t.Helper()
	p := s.Total
	if p.Num != num || p.Den != den {
		t.Fatalf("%s: %d/%d, want %d/%d", s.Name, p.Num, p.Den, num, den)
	}
	switch {
	case value == nil && p.Value != nil:
		t.Fatalf("%s: value %v, want none", s.Name, *p.Value)
	case value != nil && (p.Value == nil || fmt.Sprintf("%.4f", *p.Value) != fmt.Sprintf("%.4f", *value)):
		t.Fatalf("%s: value %v, want %v", s.Name, p.Value, *value)
	}
}

func callsValue(v float64) *float64 { return &v }

// callsDaysAddUp checks that every figure's days (Add) sum to its total over the range.
func callsDaysAddUp(t *testing.T, k *callsKit, from, to string) {
	t.Helper()
	for name, s := range k.report(from, to, "day", false) {
		if s.Sum != Add {
			continue
		}
		var num, den int64
		for _, p := range s.Points {
			num, den = num+p.Num, den+p.Den
		}
		if num != s.Total.Num || den != s.Total.Den {
			t.Fatalf("%s: days add to %d/%d, total %d/%d", name, num, den, s.Total.Num, s.Total.Den)
		}
	}
}

// callsPerson finds one person's part of a figure.
func callsPerson(t *testing.T, s Series, staff string) PersonSeries {
	t.Helper()
	for _, p := range s.People {
		if p.StaffID == staff {
			return p
		}
	}
	t.Fatalf("%s: no part for %s in %+v", s.Name, staff, s.People)
	return PersonSeries{}
}

// callsNull is nil for "" (a NULL column), else the text.
func callsNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// callsWhen is nil for a zero time (a NULL column), else the instant.
func callsWhen(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

const sqlKitTask = `INSERT INTO inbox_tasks (id, kind, branch_id, text, status, created_at, due_at, done_at, done_by, assignee_id)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// kitTask is a task as the tests store it; a zero DoneAt is still open.
type kitTask struct {
	Kind, Branch, Text, Assignee, DoneBy string
	Created, Due, DoneAt                 time.Time
}

func (k *callsKit) task(t kitTask) string {
	id, status := uuid.NewString(), "open"
	if !t.DoneAt.IsZero() {
		status = "done"
	}
	if t.Branch == "" {
		t.Branch = k.branch
	}
	if t.Kind == "" {
		t.Kind = "reply"
	}
	k.exec(sqlKitTask, id, t.Kind, t.Branch, t.Text, status, t.Created, t.Due, callsWhen(t.DoneAt), callsNull(t.DoneBy),
		callsNull(t.Assignee))
	return id
}

const sqlKitPatient = `INSERT INTO patients (id, first_name, last_name, phone, locale, created_at, updated_at)
	VALUES (?, ?, ?, ?, 'pl', ?, ?)`

// patient stores a card with a phone ("" none), made at created.
func (k *callsKit) patient(name, phone string, created time.Time) string {
	id := uuid.NewString()
	k.exec(sqlKitPatient, id, name, "Kowalski", phone, created, created)
	return id
}
