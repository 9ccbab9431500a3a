package documents_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/staff"
	"github.com/frontdeskhq/frontdesk/visit"
)

// fixture is a small Warsaw clinic: one chair, a check-up needing only the documents
// every visit needs and an extraction also needing its consent and the anaesthesia
// consent, one doctor working every day, and a day a week ahead.
type fixture struct {
	t          testing.TB
	env        *apitest.Env
	db         *db.DB
	branch     clinic.Branch
	loc        *time.Location
	checkup    clinic.Procedure
	extraction clinic.Procedure
	doctor     clinic.Doctor
	doctorAPI  *apitest.Client
	day        time.Time
	seq        int
}

func newFixture(t testing.TB, d *db.DB, opts ...apitest.Option) *fixture {
	t.Helper()
	f := &fixture{t: t, env: apitest.NewEnv(t, d, opts...), db: d}
	ctx := context.Background()
	hours := clinic.OpeningHours{}
	for _, wd := range clinic.Weekdays {
		hours[wd] = []clinic.Interval{{Open: "07:00", Close: "21:00"}}
	}
	f.branch = must(f.env.Clinic.CreateBranch(ctx, clinic.BranchInput{Name: "Centrum", Address: "ul. Marszałkowska 1, Warszawa",
		Phone: "+48221234567", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN", Hours: hours}))(t)
	f.loc, _ = time.LoadLocation("Europe/Warsaw")
	must(f.env.Clinic.CreateChair(ctx, clinic.ChairInput{BranchID: f.branch.ID, Name: "Chair 1", Capabilities: []string{"general"}}))(t)
	f.checkup = must(f.env.Clinic.CreateProcedure(ctx, clinic.ProcedureInput{Code: "checkup", Names: map[string]string{"en": "Check-up", "pl": "Przegląd"},
		DurationMinutes: 30, PriceMinor: 15000, Currency: "PLN", ChairCapability: "general",
		RequiredDocuments: []string{"questionnaire_summary"}}))(t)
	f.extraction = must(f.env.Clinic.CreateProcedure(ctx, clinic.ProcedureInput{Code: "extraction", Names: map[string]string{"en": "Extraction", "pl": "Ekstrakcja"},
		DurationMinutes: 60, PriceMinor: 40000, Currency: "PLN", ChairCapability: "general",
		RequiredDocuments: []string{"consent_extraction", "consent_anaesthesia"}}))(t)
	f.addDoctor(ctx)
	f.day = f.env.OpenDay(f.branch.ID, f.env.Clock.Now().AddDate(0, 0, 7), f.loc)
	return f
}

func (f *fixture) addDoctor(ctx context.Context) {
	f.doctor = f.extraDoctor(ctx, 0)
	f.doctorAPI = f.env.Anonymous().As(f.env.Login("doctor0@centrum.test", apitest.Password))
}

// extraDoctor adds doctor number i, working 07:00–21:00 every day.
func (f *fixture) extraDoctor(ctx context.Context, i int) clinic.Doctor {
	email := fmt.Sprintf("doctor%d@centrum.test", i)
	st := must(f.env.Staff.Create(ctx, staff.NewStaff{Email: email, Name: "Anna Nowak", Role: actor.Doctor,
		Password: apitest.Password, BranchIDs: []string{f.branch.ID}}))(f.t)
	doc := must(f.env.Clinic.CreateDoctor(ctx, clinic.DoctorInput{StaffID: st.ID, Specialty: "general dentistry",
		DisplayName: fmt.Sprintf("lek. dent. Anna Nowak %d", i), ServiceIDs: []string{f.checkup.ID, f.extraction.ID}}))(f.t)
	for wd := 1; wd <= 7; wd++ {
		err := db.Exec(ctx, f.db.W, `INSERT INTO schedule_intervals (id, doctor_id, branch_id, weekday, start_minute, end_minute, valid_from, created_at)
			VALUES (?, ?, ?, ?, ?, ?, '2020-01-01', ?)`, fmt.Sprintf("%08d-0000-4000-8000-%012d", wd, i+1), doc.ID, f.branch.ID, wd, 7*60, 21*60, time.Now().UTC())
		if err != nil {
			f.t.Fatalf("schedule: %v", err)
		}
	}
	return doc
}

// at is hh:mm on the fixture's day in Warsaw.
func (f *fixture) at(hh, mm int) time.Time {
	return time.Date(f.day.Year(), f.day.Month(), f.day.Day(), hh, mm, 0, 0, f.loc)
}

// book makes a visit for a new patient named first last at hh:mm.
func (f *fixture) book(service clinic.Procedure, hh, mm int, first, last string) visit.Visit {
	f.t.Helper()
	f.seq++
	a, err := f.env.Booking.Book(context.Background(), booking.BookRequest{ServiceID: service.ID, DoctorID: f.doctor.ID,
		Start: f.at(hh, mm), Source: visit.SourceAdmin, Patient: &clinic.PatientInput{FirstName: first, LastName: last,
			Phone: fmt.Sprintf("+4860100%04d", f.seq), BirthDate: "1985-04-12", Locale: "pl"}})
	if err != nil {
		f.t.Fatalf("book: %v", err)
	}
	return a
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

func expectStatus(t testing.TB, r *apitest.Response, status int, code string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %.600s", r.Status, status, r.Body)
	}
	if code != "" && r.Problem(t).Code != code {
		t.Fatalf("code %q, want %q: %s", r.Problem(t).Code, code, r.Body)
	}
}

// checkPDF runs qpdf --check on a PDF and returns its text (pdftotext).
func checkPDF(t testing.TB, pdf []byte) string {
	t.Helper()
	for _, tool := range []string{"qpdf", "pdftotext"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install qpdf poppler-utils)", tool)
		}
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("qpdf", "--check", file).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
	var text bytes.Buffer
	cmd := exec.Command("pdftotext", "-enc", "UTF-8", file, "-")
	cmd.Stdout = &text
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return text.String()
}

// checklist is the decoded GET /appointments/{id}/documents.
type checklist struct {
	MaySeat   bool `json:"may_seat"`
	Documents []struct {
		Kind       string  `json:"kind"`
		Required   bool    `json:"required"`
		DocumentID *string `json:"document_id"`
		Status     string  `json:"status"`
	} `json:"documents"`
}

func (c checklist) byKind() map[string]string {
	m := map[string]string{}
	for _, d := range c.Documents {
		m[d.Kind] = d.Status
	}
	return m
}

func (c checklist) ids() map[string]string {
	m := map[string]string{}
	for _, d := range c.Documents {
		if d.DocumentID != nil {
			m[d.Kind] = *d.DocumentID
		}
	}
	return m
}

func (f *fixture) checklist(c *apitest.Client, appointmentID string) checklist {
	f.t.Helper()
	r := c.Do("GET", "/api/v1/appointments/"+appointmentID+"/documents", nil)
	expectStatus(f.t, r, 200, "")
	var out checklist
	r.Decode(f.t, &out)
	return out
}

func (f *fixture) pack(c *apitest.Client, appointmentID string) []byte {
	f.t.Helper()
	r := c.Do("GET", "/api/v1/appointments/"+appointmentID+"/pack.pdf", nil)
	expectStatus(f.t, r, 200, "")
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/pdf") {
		f.t.Fatalf("pack Content-Type %q", ct)
	}
	return r.Body
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// firstPageQR renders page 1 of a PDF and decodes its QR code.
func firstPageQR(t testing.TB, pdf []byte) string {
	t.Helper()
	for _, tool := range []string{"pdftoppm", "zbarimg"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install poppler-utils zbar-tools)", tool)
		}
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", file, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "p*.png"))
	if len(pages) != 1 {
		t.Fatalf("pdftoppm made %v", pages)
	}
	out, err := exec.Command("zbarimg", "-q", "--raw", "-Sdisable", "-Sqrcode.enable", pages[0]).Output()
	if err != nil {
		t.Fatalf("zbarimg: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// imageCount is how many images pdfimages lists in a PDF.
func imageCount(t testing.TB, pdf []byte) int {
	t.Helper()
	if _, err := exec.LookPath("pdfimages"); err != nil {
		t.Skip("pdfimages is not installed (apt-get install poppler-utils)")
	}
	file := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdfimages", "-list", file).Output()
	if err != nil {
		t.Fatalf("pdfimages: %v", err)
	}
	return max(len(strings.Split(strings.TrimSpace(string(out)), "\n"))-2, 0)
}
