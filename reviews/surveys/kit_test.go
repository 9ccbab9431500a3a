package surveys_test

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

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/reviews"
	"github.com/frontdeskhq/frontdesk/staff"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// kit is a Warsaw branch (speaking Polish) with a doctor, a chair and a check-up, over
// the whole app; follow-ups are written by plain SQL, as the reviews core would.
type kit struct {
	t       testing.TB
	env     *apitest.Env
	db      *db.DB
	branch  clinic.Branch
	doctor  clinic.Doctor
	chair   string
	service string
	owner   *apitest.Client
	admin   *apitest.Client
	adminID string
}

func newKit(t testing.TB, d *db.DB) *kit {
	t.Helper()
	k := &kit{t: t, env: apitest.NewEnv(t, d), db: d}
	ctx := context.Background()
	k.branch = must(k.env.Clinic.CreateBranch(ctx, clinic.BranchInput{Name: "Centrum", Address: "ul. Marszałkowska 1",
		Phone: "+48221234567", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN",
		Hours: clinic.OpeningHours{clinic.Weekdays[0]: {{Open: "08:00", Close: "16:00"}}}}))(t)
	k.chair = must(k.env.Clinic.CreateChair(ctx, clinic.ChairInput{BranchID: k.branch.ID, Name: "Chair 1",
		Capabilities: []string{"general"}}))(t).ID
	k.service = must(k.env.Clinic.CreateProcedure(ctx, clinic.ProcedureInput{Code: "checkup",
		Names: map[string]string{"en": "Check-up", "pl": "Przegląd"}, DurationMinutes: 30, PriceMinor: 15000,
		Currency: "PLN", ChairCapability: "general"}))(t).ID
	st := must(k.env.Staff.Create(ctx, staff.NewStaff{Email: "doctor@centrum.test", Name: "Dr Anna Nowak",
		Role: actor.Doctor, Password: apitest.Password, BranchIDs: []string{k.branch.ID}}))(t)
	k.doctor = must(k.env.Clinic.CreateDoctor(ctx, clinic.DoctorInput{StaffID: st.ID, DisplayName: "Dr Anna Nowak",
		Specialty: "general dentistry", ServiceIDs: []string{k.service}}))(t)
	k.owner = k.env.As(actor.Owner)
	k.admin = k.env.SignIn(actor.Admin, k.branch.ID)
	var me struct {
		ID string `json:"id"`
	}
	k.admin.Do(http.MethodGet, "/api/v1/me", nil).Decode(t, &me)
	k.adminID = me.ID
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

// patient registers a card reachable by SMS; consent says whether they agreed to
// service messages there.
func (k *kit) patient(first, phone, locale string, consent bool) clinic.Patient {
	k.t.Helper()
	p, _, err := k.env.Clinic.CreatePatient(context.Background(), clinic.PatientInput{BranchID: k.branch.ID,
		FirstName: first, LastName: "Kowalski", Phone: phone, Locale: locale, PreferredChannel: "sms",
		Consents: map[string]clinic.Consent{"sms": {Service: consent}}})
	if err != nil {
		k.t.Fatalf("patient: %v", err)
	}
	return p
}

// followUp writes a follow-up of a completed visit yesterday (or, visit false, of a
// campaign) with its task, as the reviews core does.
func (k *kit) followUp(p clinic.Patient, visit bool) reviews.FollowUp {
	k.t.Helper()
	ctx, now := context.Background(), k.env.Clock.Now().UTC()
	f := reviews.FollowUp{ID: uuid.NewString(), BranchID: k.branch.ID, PatientID: p.ID, DoctorID: &k.doctor.ID,
		Locale: p.Locale, Status: reviews.Open, FirstDueAt: now, CreatedAt: now}
	if visit {
		id, start := uuid.NewString(), now.Add(-24*time.Hour)
		k.exec(`INSERT INTO appointments (id, branch_id, patient_id, service_id, doctor_id, chair_id, starts_at, ends_at,
			blocked_until, status, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'completed', 'admin', ?, ?)`,
			id, k.branch.ID, p.ID, k.service, k.doctor.ID, k.chair, start, start.Add(30*time.Minute), start.Add(30*time.Minute), now, now)
		f.AppointmentID = &id
	} else {
		id := uuid.NewString()
		k.exec(`INSERT INTO campaigns (id, branch_id, name, purpose, source, created_at) VALUES (?, ?, 'Recall', 'service', 'ids', ?)`,
			id, k.branch.ID, now)
		f.CampaignID = &id
	}
	task, err := k.env.Tasks.Open(ctx, k.db.W, tasks.New{Kind: tasks.FollowUpCall, BranchID: &f.BranchID,
		PatientID: &f.PatientID, AppointmentID: f.AppointmentID, Text: "Follow-up call"})
	if err != nil {
		k.t.Fatalf("task: %v", err)
	}
	f.TaskID = task
	k.exec(`INSERT INTO follow_ups (id, branch_id, patient_id, appointment_id, campaign_id, doctor_id, task_id, locale, status,
		attempts, first_due_at, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', 0, ?, ?, ?)`,
		f.ID, f.BranchID, f.PatientID, f.AppointmentID, f.CampaignID, f.DoctorID, f.TaskID, f.Locale, now, now, now)
	return f
}

func (k *kit) exec(query string, args ...any) {
	k.t.Helper()
	if err := db.Exec(context.Background(), k.db.W, query, args...); err != nil {
		k.t.Fatalf("%s: %v", query, err)
	}
}

func (k *kit) count(query string, args ...any) int {
	k.t.Helper()
	var n int
	if err := db.Get(context.Background(), k.db.R, &n, query, args...); err != nil {
		k.t.Fatalf("%s: %v", query, err)
	}
	return n
}

// recordCall stores answers by phone as the core does, in a call's transaction.
func (k *kit) recordCall(f reviews.FollowUp, a reviews.Answers) error {
	ctx := context.Background()
	return k.db.InTx(ctx, func(tx db.Tx) error { return k.env.Surveys.RecordCall(ctx, tx, f, k.adminID, a) })
}

// sendLink queues the survey link as the core does after the last failed attempt.
func (k *kit) sendLink(f reviews.FollowUp) error {
	ctx := context.Background()
	return k.db.InTx(ctx, func(tx db.Tx) error {
		_, err := k.env.Surveys.SendLink(ctx, tx, f)
		return err
	})
}

// message is one queued outbox row.
type message struct {
	Template  string `db:"template"`
	Recipient string `db:"recipient"`
	Body      string `db:"body"`
	Key       string `db:"dedupe_key"`
	Locale    string `db:"locale"`
}

// messages are the patient's queued messages of a template, oldest first.
func (k *kit) messages(patientID, template string) []message {
	k.t.Helper()
	var out []message
	err := db.Select(context.Background(), k.db.R, &out, `SELECT template, recipient, body, dedupe_key, locale FROM outbox
		WHERE patient_id = ? AND template = ? ORDER BY created_at, id`, patientID, template)
	if err != nil {
		k.t.Fatal(err)
	}
	return out
}

var tokenRE = regexp.MustCompile(regexp.QuoteMeta(apitest.PublicURL) + `/s/([A-Za-z0-9_-]{43})`)

// linkToken sends the link and reads its token out of the message, through the short link.
func (k *kit) linkToken(f reviews.FollowUp) string {
	k.t.Helper()
	if err := k.sendLink(f); err != nil {
		k.t.Fatalf("send link: %v", err)
	}
	sent := k.messages(f.PatientID, "survey_link")
	if len(sent) != 1 {
		k.t.Fatalf("survey link messages: %+v", sent)
	}
	m := tokenRE.FindStringSubmatch(k.env.ExpandLinks(sent[0].Body))
	if m == nil {
		k.t.Fatalf("no survey link in %q", sent[0].Body)
	}
	return m[1]
}

// task is a manager's task as stored.
type task struct {
	Text      string  `db:"text"`
	Kind      string  `db:"kind"`
	PatientID *string `db:"patient_id"`
	BranchID  *string `db:"branch_id"`
}

func (k *kit) managerTasks(patientID string) []task {
	k.t.Helper()
	var out []task
	err := db.Select(context.Background(), k.db.R, &out, `SELECT text, kind, patient_id, branch_id FROM inbox_tasks
		WHERE queue = 'manager' AND patient_id = ?`, patientID)
	if err != nil {
		k.t.Fatal(err)
	}
	return out
}

// setLinks gives the branch its review links as its owner.
func (k *kit) setLinks(links ...map[string]any) {
	k.t.Helper()
	if links == nil {
		links = []map[string]any{} // explicitly none
	}
	r := k.owner.Do(http.MethodPut, "/api/v1/surveys/review-links?branch_id="+k.branch.ID, map[string]any{"links": links})
	if r.Status != http.StatusOK {
		k.t.Fatalf("review links: %d %s", r.Status, r.Body)
	}
}

// page is one answer of the patient page.
type page struct {
	status int
	header http.Header
	body   string
}

func (k *kit) get(path string) page {
	k.t.Helper()
	return k.do(httptest.NewRequest(http.MethodGet, path, nil))
}

// post sends the form as a browser would, with the page's nonce unless one is given.
func (k *kit) post(tok string, form url.Values) page {
	k.t.Helper()
	form = maps.Clone(form)
	if form.Get("nonce") == "" {
		form.Set("nonce", nonceOf(k.t, k.get("/s/"+tok).body))
	}
	req := httptest.NewRequest(http.MethodPost, "/s/"+tok, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return k.do(req)
}

func (k *kit) postJSON(tok, body string) page {
	k.t.Helper()
	req := httptest.NewRequest(http.MethodPost, "/s/"+tok, strings.NewReader(body))
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

// good are answers of a happy patient.
func good() reviews.Answers {
	return reviews.Answers{Overall: 5, Care: 5, Expectations: reviews.Better, Recommend: 10, Comment: "Świetnie!"}
}

// refused expects a problem with status naming field (or carrying that code).
func refused(t testing.TB, r *apitest.Response, status int, fieldOrCode string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("got %d %s, want %d %s", r.Status, r.Body, status, fieldOrCode)
	}
	p := r.Problem(t)
	if p.Code == fieldOrCode {
		return
	}
	for _, f := range p.Errors {
		if f.Field == fieldOrCode {
			return
		}
	}
	t.Fatalf("problem %s does not name %s: %s", p.Code, fieldOrCode, r.Body)
}
