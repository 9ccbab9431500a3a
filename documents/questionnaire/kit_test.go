package questionnaire_test

import (
	"context"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/staff"
)

// kit is a small clinic in Warsaw with one doctor working every day 08:00–20:00 and a
// check-up to book, over the whole app.
type kit struct {
	t       testing.TB
	env     *apitest.Env
	db      *db.DB
	branch  clinic.Branch
	checkup clinic.Procedure
	doctor  clinic.Doctor
	loc     *time.Location
	// booked counts the visits booked on each date: a holiday moves two offsets onto
	// one open day, where each takes the next hour.
	booked map[string]int
}

func newKit(t testing.TB, d *db.DB) *kit {
	t.Helper()
	k := &kit{t: t, env: apitest.NewEnv(t, d), db: d, booked: map[string]int{}}
	ctx := context.Background()
	hours := clinic.OpeningHours{}
	for _, wd := range clinic.Weekdays {
		hours[wd] = []clinic.Interval{{Open: "07:00", Close: "21:00"}}
	}
	k.loc, _ = time.LoadLocation("Europe/Warsaw")
	k.branch = must(k.env.Clinic.CreateBranch(ctx, clinic.BranchInput{Name: "Centrum", Address: "ul. Marszałkowska 1",
		Phone: "+48221234567", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN", Hours: hours}))(t)
	must(k.env.Clinic.CreateChair(ctx, clinic.ChairInput{BranchID: k.branch.ID, Name: "Chair 1", Capabilities: []string{"general"}}))(t)
	k.checkup = must(k.env.Clinic.CreateProcedure(ctx, clinic.ProcedureInput{Code: "checkup",
		Names: map[string]string{"en": "Check-up", "pl": "Przegląd"}, DurationMinutes: 30, PriceMinor: 15000,
		Currency: "PLN", ChairCapability: "general"}))(t)
	st := must(k.env.Staff.Create(ctx, staff.NewStaff{Email: "doctor@centrum.test", Name: "Dr Anna Nowak",
		Role: actor.Doctor, Password: apitest.Password, BranchIDs: []string{k.branch.ID}}))(t)
	k.doctor = must(k.env.Clinic.CreateDoctor(ctx, clinic.DoctorInput{StaffID: st.ID, Specialty: "general dentistry",
		ServiceIDs: []string{k.checkup.ID}}))(t)
	for wd := 1; wd <= 7; wd++ {
		err := db.Exec(ctx, d.W, `INSERT INTO schedule_intervals (id, doctor_id, branch_id, weekday, start_minute, end_minute, valid_from, created_at)
			VALUES (?, ?, ?, ?, ?, ?, '2020-01-01', ?)`, "00000000-0000-4000-8000-00000000000"+string(rune('0'+wd)),
			k.doctor.ID, k.branch.ID, wd, 8*60, 20*60, time.Now().UTC())
		if err != nil {
			t.Fatalf("schedule: %v", err)
		}
	}
	return k
}

func must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatalf("kit: %v", err)
		}
		return v
	}
}

// patient registers a card.
func (k *kit) patient(first, last, phone, locale string) clinic.Patient {
	k.t.Helper()
	p, _, err := k.env.Clinic.CreatePatient(context.Background(), clinic.PatientInput{BranchID: k.branch.ID,
		FirstName: first, LastName: last, Phone: phone, Locale: locale})
	if err != nil {
		k.t.Fatalf("patient: %v", err)
	}
	return p
}

// book books the patient days ahead at 10:00 through the staff API (or on the first open
// day after, when a holiday closes that one, an hour later for each visit already
// booked there); returns the visit id.
func (k *kit) book(patientID string, days int) string {
	k.t.Helper()
	day := k.env.OpenDay(k.branch.ID, k.env.Clock.Now().AddDate(0, 0, days), k.loc)
	date := day.Format(time.DateOnly)
	start := time.Date(day.Year(), day.Month(), day.Day(), 10+k.booked[date], 0, 0, 0, k.loc)
	k.booked[date]++
	r := k.env.As(actor.Owner).Do(http.MethodPost, "/api/v1/appointments", map[string]any{"service_id": k.checkup.ID,
		"doctor_id": k.doctor.ID, "start": start.Format(time.RFC3339), "source": "phone", "patient_id": patientID})
	if r.Status != http.StatusCreated {
		k.t.Fatalf("book: %d %s", r.Status, r.Body)
	}
	var out struct{ ID string }
	r.Decode(k.t, &out)
	return out.ID
}

// link makes a questionnaire link through the staff API and returns its token.
func (k *kit) link(visitID string) (token string, expires time.Time) {
	k.t.Helper()
	r := k.env.As(actor.Admin).Do(http.MethodPost, "/api/v1/appointments/"+visitID+"/questionnaire", nil)
	if r.Status != http.StatusCreated {
		k.t.Fatalf("link: %d %s", r.Status, r.Body)
	}
	var out struct {
		URL       string    `json:"url"`
		ExpiresAt time.Time `json:"expires_at"`
	}
	r.Decode(k.t, &out)
	token, ok := strings.CutPrefix(out.URL, apitest.PublicURL+"/q/")
	if !ok {
		k.t.Fatalf("link url %q", out.URL)
	}
	return token, out.ExpiresAt
}

// page is one answer of the patient page.
type page struct {
	status int
	header http.Header
	body   string
}

// get opens the page as a phone would.
func (k *kit) get(path string) page {
	k.t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	return k.do(req)
}

// post sends the form: values as the browser would, with the page's nonce.
func (k *kit) post(token string, form url.Values) page {
	k.t.Helper()
	form = maps.Clone(form)
	if form.Get("nonce") == "" {
		form.Set("nonce", nonceOf(k.t, k.get("/q/"+token).body))
	}
	req := httptest.NewRequest(http.MethodPost, "/q/"+token, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return k.do(req)
}

// postJSON sends answers as a JSON client.
func (k *kit) postJSON(token, body string) page {
	k.t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/q/"+token, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	return k.do(req)
}

func (k *kit) do(req *http.Request) page {
	k.t.Helper()
	res, err := k.env.HTTP.Test(req, -1)
	if err != nil {
		k.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return page{status: res.StatusCode, header: res.Header, body: string(b)}
}

var nonceRE = regexp.MustCompile(`name="nonce" value="([^"]+)"`)

func nonceOf(t testing.TB, body string) string {
	t.Helper()
	m := nonceRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no nonce on the page:\n%s", body)
	}
	return m[1]
}

// adult is a complete set of answers for a 40-year-old woman.
func adult() url.Values {
	return url.Values{"q.first_name": {"Zofia"}, "q.last_name": {"Wiśniewska"}, "q.birth_date": {"1985-03-04"},
		"q.sex": {"female"}, "q.id_document": {"ABC123456"}, "q.address": {"ul. Długa 5, Warszawa"},
		"q.phone": {"+48 601 234 567"}, "q.email": {"zofia@example.com"}, "q.conditions": {"diabetes"},
		"q.medications": {"Metformin"}, "q.allergies": {"latex", "other"}, "q.allergies_other": {"penicillin"},
		"q.pregnancy": {"no"}, "q.smoking": {"false"}, "q.complaint": {"Toothache"}, "q.pain_level": {"4"},
		"q.consent_data": {"true"}, "q.consent_reminders": {"true"}}
}
