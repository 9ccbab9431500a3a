package telephony_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// kit is the whole app over one database with a Moscow branch open 09:00–21:00 every
// day and a generic PBX line.
type kit struct {
	t      testing.TB
	env    *apitest.Env
	db     *db.DB
	branch string
	owner  *apitest.Client
	token  string
	lineID string
}

func newKit(t testing.TB, d *db.DB) *kit {
	t.Helper()
	k := &kit{t: t, env: apitest.NewEnv(t, d), db: d}
	k.openingHours()
	k.owner = k.env.As(actor.Owner)
	hours := clinic.OpeningHours{}
	for _, wd := range clinic.Weekdays {
		hours[wd] = []clinic.Interval{{Open: "09:00", Close: "21:00"}}
	}
	b, err := k.env.Clinic.CreateBranch(context.Background(), clinic.BranchInput{Name: "Арбат", Address: "Арбат, 1",
		Phone: "+74951234567", Country: "RU", TimeZone: "Europe/Moscow", Locale: "ru", Currency: "RUB", Hours: hours})
	if err != nil {
		t.Fatalf("branch: %v", err)
	}
	k.branch = b.ID
	k.lineID, k.token = k.line(map[string]any{"provider": "generic", "name": "Asterisk"})
	return k
}

// openingHours moves the clock to the next 12:00 Moscow time, so callbacks are due in
// opening hours.
func (k *kit) openingHours() {
	msk, _ := time.LoadLocation("Europe/Moscow")
	now := k.env.Clock.Now().In(msk)
	noon := time.Date(now.Year(), now.Month(), now.Day()+1, 12, 0, 0, 0, msk)
	k.env.Clock.Advance(noon.Sub(now))
}

// line connects a phone line to the branch through the API and returns its id and token.
func (k *kit) line(body map[string]any) (string, string) {
	k.t.Helper()
	body["branch_id"] = k.branch
	var out struct {
		ID    string `json:"id"`
		Token string `json:"token"`
	}
	r := k.owner.Do(http.MethodPost, "/api/v1/phone-lines", body)
	if r.Status != http.StatusCreated {
		k.t.Fatalf("line: %d %s", r.Status, r.Body)
	}
	r.Decode(k.t, &out)
	return out.ID, out.Token
}

// patient puts a card in the directory and returns its id.
func (k *kit) patient(first, last, phone, birth string) string {
	k.t.Helper()
	p, _, err := k.env.Clinic.CreatePatient(context.Background(), clinic.PatientInput{BranchID: k.branch, FirstName: first,
		LastName: last, Phone: phone, BirthDate: birth})
	if err != nil {
		k.t.Fatalf("patient: %v", err)
	}
	return p.ID
}

// generic posts one generic PBX event and expects it accepted.
func (k *kit) generic(form url.Values) {
	k.t.Helper()
	r := k.postGeneric(k.token, form)
	if r.Status != http.StatusOK {
		k.t.Fatalf("generic %v: %d %s", form, r.Status, r.Body)
	}
}

func (k *kit) postGeneric(token string, form url.Values) *apitest.Response {
	return k.env.Anonymous().Raw(http.MethodPost, "/api/v1/telephony/"+token+"/events",
		"application/x-www-form-urlencoded", []byte(form.Encode()))
}

// event builds a generic event form.
func event(name, callID string, kv ...string) url.Values {
	f := url.Values{"event": {name}, "callId": {callID}}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Add(kv[i], kv[i+1])
	}
	return f
}

// process runs the call job until nothing is waiting.
func (k *kit) process() {
	k.t.Helper()
	for {
		n, err := k.env.Telephony.ProcessOnce(context.Background())
		if err != nil {
			k.t.Fatalf("process: %v", err)
		}
		if n == 0 {
			return
		}
	}
}

// callRow is a call as the log answers it.
type callRow struct {
	ID          string     `json:"id"`
	Direction   string     `json:"direction"`
	From        string     `json:"from"`
	To          string     `json:"to"`
	Extension   string     `json:"extension"`
	AnsweredBy  *string    `json:"answered_by"`
	AnswerAt    *time.Time `json:"answer_at"`
	EndAt       *time.Time `json:"end_at"`
	Disposition *string    `json:"disposition"`
}

// calls reads the branch's call log of the last day.
func (k *kit) calls() []callRow {
	k.t.Helper()
	now := k.env.Clock.Now()
	q := url.Values{"branch_id": {k.branch}, "from": {now.Add(-24 * time.Hour).Format(time.RFC3339)},
		"to": {now.Add(time.Hour).Format(time.RFC3339)}}
	var out struct {
		Items []callRow `json:"items"`
	}
	r := k.owner.Do(http.MethodGet, "/api/v1/calls?"+q.Encode(), nil)
	if r.Status != http.StatusOK {
		k.t.Fatalf("calls: %d %s", r.Status, r.Body)
	}
	r.Decode(k.t, &out)
	return out.Items
}

// onlyCall reads the one call of the log.
func (k *kit) onlyCall() callRow {
	k.t.Helper()
	cs := k.calls()
	if len(cs) != 1 {
		k.t.Fatalf("want one call, got %d: %+v", len(cs), cs)
	}
	return cs[0]
}

// taskRow is a task as the queue answers it.
type taskRow struct {
	ID      string `json:"id"`
	Kind    string `json:"kind"`
	Status  string `json:"status"`
	Patient *struct {
		ID string `json:"id"`
	} `json:"patient"`
	Text     string    `json:"text"`
	DueAt    time.Time `json:"due_at"`
	DoneNote string    `json:"done_note"`
}

// callbacks lists callback tasks with status (open, done, all).
func (k *kit) callbacks(status string) []taskRow {
	k.t.Helper()
	var out struct {
		Items []taskRow `json:"items"`
	}
	r := k.owner.Do(http.MethodGet, "/api/v1/tasks?kind=callback&status="+status, nil)
	if r.Status != http.StatusOK {
		k.t.Fatalf("tasks: %d %s", r.Status, r.Body)
	}
	r.Decode(k.t, &out)
	return out.Items
}

func disp(c callRow) string {
	if c.Disposition == nil {
		return "<none>"
	}
	return *c.Disposition
}

// seq makes distinct call ids within a test.
var seq int

func callID() string {
	seq++
	return fmt.Sprintf("call-%d-%d", time.Now().UnixNano(), seq)
}

// otherBranch makes a second branch, for staff who must not see the first one's calls.
func (k *kit) otherBranch() string {
	k.t.Helper()
	b, err := k.env.Clinic.CreateBranch(context.Background(), clinic.BranchInput{Name: "Тверская", Address: "Тверская, 1",
		Phone: "+74957654321", Country: "RU", TimeZone: "Europe/Moscow", Locale: "ru", Currency: "RUB"})
	if err != nil {
		k.t.Fatalf("branch: %v", err)
	}
	return b.ID
}
