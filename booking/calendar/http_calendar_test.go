package calendar_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/staff"
)

// Strings that must never reach a feed: the visit's complaint and note, and the
// patient's full name, phone, e-mail and card notes.
const (
	canaryComplaint = "CANARY-COMPLAINT toothache since Monday"
	canaryNote      = "CANARY-NOTE allergic to penicillin"
	canaryNotes     = "CANARY-CARD-NOTES diabetic"
	calPhone        = "+48601234567"
	calEmail        = "jan.kowalski@example.test"
)

// calFixture is a clinic with a Warsaw and a Moscow branch, a chair at each, one
// service, two doctors (the first works at both branches) and one patient.
type calFixture struct {
	t       *testing.T
	env     *apitest.Env
	d       *db.DB
	warsaw  clinic.Branch
	moscow  clinic.Branch
	chairW  clinic.Chair
	chairM  clinic.Chair
	service clinic.Procedure
	doctors []clinic.Doctor
	docAPI  []*apitest.Client
	docIDs  []string // staff ids of the doctors
	patient clinic.Patient
	now     time.Time
}

func newCalFixture(t *testing.T, d *db.DB) *calFixture {
	t.Helper()
	f := &calFixture{t: t, env: apitest.NewEnv(t, d), d: d}
	f.now = f.env.Clock.Now()
	f.warsaw = f.branch("Centrum", "PL", "Europe/Warsaw", "pl")
	f.moscow = f.branch("Arbat", "RU", "Europe/Moscow", "ru")
	f.chairW = f.chair(f.warsaw, "Chair W")
	f.chairM = f.chair(f.moscow, "Chair M")
	f.service = calMust(f.env.Clinic.CreateProcedure(t.Context(), clinic.ProcedureInput{Code: "checkup",
		Names: map[string]string{"en": "Check-up", "pl": "Przegląd"}, DurationMinutes: 30, PriceMinor: 15000,
		Currency: "PLN", ChairCapability: "general"}))(t)
	f.doctor(0, f.warsaw.ID, f.moscow.ID)
	f.doctor(1, f.warsaw.ID)
	f.patient = f.newPatient()
	return f
}

func (f *calFixture) branch(name, country, zone, locale string) clinic.Branch {
	return calMust(f.env.Clinic.CreateBranch(f.t.Context(), clinic.BranchInput{Name: name, Address: name + " 1",
		Phone: "+48221234567", Country: country, TimeZone: zone, Locale: locale, Currency: "PLN",
		Hours: clinic.OpeningHours{}}))(f.t)
}

func (f *calFixture) chair(b clinic.Branch, name string) clinic.Chair {
	return calMust(f.env.Clinic.CreateChair(f.t.Context(), clinic.ChairInput{BranchID: b.ID, Name: name,
		Capabilities: []string{"general"}}))(f.t)
}

func (f *calFixture) doctor(i int, branchIDs ...string) {
	email := fmt.Sprintf("cal-doctor%d@clinic.test", i)
	st := f.newStaff(email, actor.Doctor, branchIDs...)
	doc := calMust(f.env.Clinic.CreateDoctor(f.t.Context(), clinic.DoctorInput{StaffID: st.ID,
		ServiceIDs: []string{f.service.ID}}))(f.t)
	f.doctors = append(f.doctors, doc)
	f.docIDs = append(f.docIDs, st.ID)
	f.docAPI = append(f.docAPI, f.login(email))
}

func (f *calFixture) newStaff(email string, role actor.Role, branchIDs ...string) staff.Staff {
	return calMust(f.env.Staff.Create(f.t.Context(), staff.NewStaff{Email: email, Name: "Dr " + email[:12],
		Role: role, Password: apitest.Password, BranchIDs: branchIDs}))(f.t)
}

func (f *calFixture) login(email string) *apitest.Client {
	return f.env.Anonymous().As(f.env.Login(email, apitest.Password))
}

func (f *calFixture) newPatient() clinic.Patient {
	p, _, err := f.env.Clinic.CreatePatient(f.t.Context(), clinic.PatientInput{BranchID: f.warsaw.ID,
		FirstName: "Jan", LastName: "Kowalski", Phone: calPhone, Email: calEmail, Notes: canaryNotes})
	if err != nil {
		f.t.Fatalf("patient: %v", err)
	}
	return p
}

func calMust[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
		return v
	}
}

// calVisit is an appointment row written straight into the table.
type calVisit struct {
	branch clinic.Branch
	chair  clinic.Chair
	doctor int
	days   int // local days from today at the branch
	status string
}

const insertCalVisit = `INSERT INTO appointments (id, branch_id, patient_id, service_id, doctor_id, chair_id,
	starts_at, ends_at, blocked_until, status, source, hold_expires_at, complaint, note, sequence, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'admin', ?, ?, ?, 0, ?, ?)`

// add inserts v at 10:00 local time on its day and returns its id and start.
func (f *calFixture) add(v calVisit) (string, time.Time) {
	f.t.Helper()
	loc, _ := time.LoadLocation(v.branch.TimeZone)
	day := f.now.In(loc).AddDate(0, 0, v.days)
	start := time.Date(day.Year(), day.Month(), day.Day(), 10, 0, 0, 0, loc).UTC()
	var holdExpires *time.Time
	if v.status == "held" {
		at := f.now.Add(10 * time.Minute)
		holdExpires = &at
	}
	id := uuid.NewString()
	err := db.Exec(context.Background(), f.d.W, insertCalVisit, id, v.branch.ID, f.patient.ID, f.service.ID,
		f.doctors[v.doctor].ID, v.chair.ID, start, start.Add(30*time.Minute), start.Add(40*time.Minute), v.status,
		holdExpires, canaryComplaint, canaryNote, f.now, f.now)
	if err != nil {
		f.t.Fatalf("insert visit: %v", err)
	}
	return id, start
}

// feedURL asks GET /api/v1/me/calendar and returns the path of a newly created feed.
func (f *calFixture) feedURL(c *apitest.Client, query string) string {
	f.t.Helper()
	r := c.Do(http.MethodGet, "/api/v1/me/calendar"+query, nil)
	if r.Status != http.StatusOK {
		f.t.Fatalf("me/calendar%s: %d %s", query, r.Status, r.Body)
	}
	var out calFeeds
	r.Decode(f.t, &out)
	if c := out.Created; c == nil || c.Path == "" || !strings.HasSuffix(c.URL, c.Path) {
		f.t.Fatalf("me/calendar%s created no feed: %s", query, r.Body)
	}
	return out.Created.Path
}

// calFeeds is the answer of GET /api/v1/me/calendar.
type calFeeds struct {
	Feeds []struct {
		Kind      string `json:"kind"`
		SubjectID string `json:"subject_id"`
	} `json:"feeds"`
	Created *struct {
		Kind      string `json:"kind"`
		SubjectID string `json:"subject_id"`
		URL       string `json:"url"`
		Path      string `json:"path"`
	} `json:"created"`
}

// fetch gets a feed anonymously, as a calendar client does, and parses it back.
func (f *calFixture) fetch(path string) (*apitest.Response, map[string]*ics.VEvent) {
	f.t.Helper()
	r := f.env.Anonymous().Do(http.MethodGet, path, nil)
	if r.Status != http.StatusOK {
		f.t.Fatalf("GET %s: %d %s", path, r.Status, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
		f.t.Errorf("Content-Type %q", ct)
	}
	if n := bytes.Count(r.Body, []byte("\n")); n != bytes.Count(r.Body, []byte("\r\n")) {
		f.t.Errorf("%d of %d lines do not end in CRLF", n-bytes.Count(r.Body, []byte("\r\n")), n)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(r.Body))
	if err != nil {
		f.t.Fatalf("parse feed: %v\n%s", err, r.Body)
	}
	events := map[string]*ics.VEvent{}
	for _, ev := range cal.Events() {
		events[strings.TrimSuffix(ev.Id(), "@frontdesk")] = ev
	}
	return r, events
}

func icsProp(ev *ics.VEvent, p ics.ComponentProperty) string {
	if v := ev.GetProperty(p); v != nil {
		return v.Value
	}
	return ""
}

// calSameIDs fails unless the feed holds exactly the ids in want.
func calSameIDs(t *testing.T, events map[string]*ics.VEvent, want ...string) {
	t.Helper()
	if len(events) != len(want) {
		t.Errorf("feed has %d events, want %d", len(events), len(want))
	}
	for _, id := range want {
		if events[id] == nil {
			t.Errorf("event %s is missing", id)
		}
	}
}

func calProblem(t *testing.T, r *apitest.Response, status int, code string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	if got := r.Problem(t).Code; got != code {
		t.Fatalf("code %q, want %q", got, code)
	}
}

func TestCalendarFeedContent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newCalFixture(t, d)
		booked, bookedAt := f.add(calVisit{f.warsaw, f.chairW, 0, 3, "booked"})
		confirmed, _ := f.add(calVisit{f.warsaw, f.chairW, 0, 4, "confirmed"})
		completed, _ := f.add(calVisit{f.warsaw, f.chairW, 0, -6, "completed"})
		cancelled, _ := f.add(calVisit{f.warsaw, f.chairW, 0, 5, "cancelled"})
		noShow, _ := f.add(calVisit{f.warsaw, f.chairW, 0, -1, "no_show"})
		moved, _ := f.add(calVisit{f.warsaw, f.chairW, 0, 6, "rescheduled"})
		inMoscow, moscowAt := f.add(calVisit{f.moscow, f.chairM, 0, 59, "seated"})
		f.add(calVisit{f.warsaw, f.chairW, 0, 7, "held"})
		f.add(calVisit{f.warsaw, f.chairW, 0, 8, "released"})
		f.add(calVisit{f.warsaw, f.chairW, 0, -8, "completed"})
		f.add(calVisit{f.warsaw, f.chairW, 0, 61, "booked"})
		f.add(calVisit{f.warsaw, f.chairW, 1, 9, "booked"})

		r, events := f.fetch(f.feedURL(f.docAPI[0], ""))
		calSameIDs(t, events, booked, confirmed, completed, cancelled, noShow, moved, inMoscow)
		wantStatus := map[string]string{booked: "TENTATIVE", confirmed: "CONFIRMED", completed: "CONFIRMED",
			inMoscow: "CONFIRMED", cancelled: "CANCELLED", noShow: "CANCELLED", moved: "CANCELLED"}
		for id, want := range wantStatus {
			if got := icsProp(events[id], ics.ComponentPropertyStatus); got != want {
				t.Errorf("%s: STATUS %s, want %s", id, got, want)
			}
		}
		calCheckEvent(t, events[booked], bookedAt, "J.K. · Przegląd", "Centrum")
		calCheckEvent(t, events[inMoscow], moscowAt, "J.K. · Check-up", "Arbat")
		for _, secret := range []string{canaryComplaint, canaryNote, canaryNotes, "CANARY", calPhone,
			strings.TrimPrefix(calPhone, "+48"), calEmail, "Kowalski"} {
			if bytes.Contains(r.Body, []byte(secret)) {
				t.Errorf("the feed leaks %q", secret)
			}
		}
	})
}

// calCheckEvent checks the instant (10:00 local, in UTC), the summary and the location.
func calCheckEvent(t *testing.T, ev *ics.VEvent, start time.Time, summary, location string) {
	t.Helper()
	if got := icsProp(ev, ics.ComponentPropertyDtStart); got != start.UTC().Format("20060102T150405Z") {
		t.Errorf("DTSTART %s, want %s", got, start.UTC().Format("20060102T150405Z"))
	}
	if got, err := ev.GetStartAt(); err != nil || !got.Equal(start) {
		t.Errorf("start %v (%v), want %v", got, err, start)
	}
	if got, err := ev.GetEndAt(); err != nil || !got.Equal(start.Add(30*time.Minute)) {
		t.Errorf("end %v (%v), want %v", got, err, start.Add(30*time.Minute))
	}
	if got := icsProp(ev, ics.ComponentPropertySummary); got != summary {
		t.Errorf("SUMMARY %q, want %q", got, summary)
	}
	if got := icsProp(ev, ics.ComponentPropertyLocation); got != location {
		t.Errorf("LOCATION %q, want %q", got, location)
	}
}
