package questionnaire_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestBadLinks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		p := k.patient("Jan", "Kowalski", "+48601234567", "")
		token, expires := k.link(k.book(p.ID, 2))
		if r := k.get("/q/" + token); r.status != http.StatusOK || !strings.Contains(r.header.Get("Content-Security-Policy"), "script-src 'sha256-") {
			t.Fatalf("open: %d, CSP %q", r.status, r.header.Get("Content-Security-Policy"))
		}
		unknown := strings.Repeat("A", 43)
		for _, path := range []string{"/q/" + unknown, "/q/short", "/q/" + token[:42] + "B"} {
			r := k.get(path)
			if r.status != http.StatusNotFound || strings.Contains(r.body, "expired") {
				t.Errorf("%s: %d", path, r.status)
			}
		}
		forged := k.post(token, url.Values{"nonce": {"1.forged"}, "action": {"submit"}, "q.first_name": {"Jan"}})
		if forged.status != http.StatusForbidden || !strings.Contains(forged.body, `value="Jan"`) {
			t.Errorf("a form without this server's nonce: %d", forged.status)
		}
		k.env.Clock.Advance(time.Until(expires) + time.Hour)
		if r := k.get("/q/" + token); r.status != http.StatusGone {
			t.Errorf("expired: %d", r.status)
		}
		if r := k.post(token, url.Values{"nonce": {"x"}, "action": {"submit"}}); r.status != http.StatusGone {
			t.Errorf("expired post: %d", r.status)
		}
	})
}

func TestRefusedAnswersComeBackInThePatientsLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		pl := k.patient("Jan", "Kowalski", "+48601234567", "") // the branch speaks Polish
		ru := k.patient("Дарья", "Ёлкина", "+48601234568", "ru")
		for i, c := range []struct{ patient, want string }{
			{pl.ID, "Prosimy odpowiedzieć na to pytanie."},
			{ru.ID, "Пожалуйста, ответьте на этот вопрос."},
		} {
			token, _ := k.link(k.book(c.patient, 2+i))
			form := adult()
			form.Del("q.last_name")
			form.Set("q.pain_level", "12")
			form.Set("action", "submit")
			r := k.post(token, form)
			if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, c.want) || !strings.Contains(r.body, `href="#f-pain_level"`) {
				t.Errorf("%d, want %q:\n%s", r.status, c.want, r.body)
			}
			if !strings.Contains(r.body, `value="12"`) || !strings.Contains(r.body, `value="Zofia"`) {
				t.Error("the refused form lost what was typed")
			}
			if _, ok, _ := k.env.Questionnaires.Latest(context.Background(), c.patient); ok {
				t.Error("a refused submission was stored")
			}
		}
	})
}

func TestJSONClientsGetProblemsNamingFields(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		p := k.patient("Jan", "Kowalski", "+48601234567", "")
		token, _ := k.link(k.book(p.ID, 2))
		r := k.postJSON(token, `{"action": "submit", "answers": {"first_name": "Jan", "pain_level": 20}}`)
		var prob api.Problem
		_ = json.Unmarshal([]byte(r.body), &prob)
		if r.status != http.StatusUnprocessableEntity || !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") {
			t.Fatalf("%d %s", r.status, r.body)
		}
		fields := map[string]string{}
		for _, e := range prob.Errors {
			fields[e.Field] = e.Message
		}
		if fields["answers.pain_level"] != "Liczba może wynosić najwyżej 10." || fields["answers.last_name"] == "" {
			t.Errorf("fields = %v", fields)
		}
		r = k.postJSON(token, `{"action": "save", "answers": {"first_name": "Jan", "conditions": ["diabetes"]}}`)
		if r.status != http.StatusOK || !strings.Contains(r.body, `"draft"`) {
			t.Errorf("draft: %d %s", r.status, r.body)
		}
	})
}

func TestOversizedAndHostileAnswers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		p := k.patient("Jan", "Kowalski", "+48601234567", "")
		token, _ := k.link(k.book(p.ID, 2))
		huge := url.Values{"action": {"save"}, "q.complaint": {strings.Repeat("x", 70<<10)}}
		if r := k.post(token, huge); r.status != http.StatusRequestEntityTooLarge {
			t.Errorf("huge body: %d", r.status)
		}
		if r := k.postJSON(token, `{"answers": {"complaint": "`+strings.Repeat("x", 70<<10)+`"}}`); r.status != http.StatusRequestEntityTooLarge {
			t.Errorf("huge JSON: %d", r.status)
		}
		long := url.Values{"action": {"save"}, "q.complaint": {strings.Repeat("y", 1001)}}
		if r := k.post(token, long); r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, "Maksymalnie 1000 znaków.") {
			t.Errorf("too long: %d", r.status)
		}
		many := url.Values{"action": {"save"}, "q.conditions": make([]string, 30)}
		for i := range many["q.conditions"] {
			many["q.conditions"][i] = "diabetes"
		}
		if r := k.post(token, many); r.status != http.StatusUnprocessableEntity {
			t.Errorf("too many values: %d", r.status)
		}

		hostile := `<script>alert(1)</script><img src=x onerror=alert(2)>{{.Patient}}`
		form := adult()
		form.Set("action", "submit")
		form.Set("q.medications", hostile)
		form.Set("q.first_name", `"><b>Zofia</b>`)
		if r := k.post(token, form); r.status != http.StatusSeeOther {
			t.Fatalf("submit: %d %s", r.status, r.body)
		}
		page := k.get("/q/" + token)
		if strings.Contains(page.body, "<script>alert") || strings.Contains(page.body, "<img") || strings.Contains(page.body, "<b>Zofia") {
			t.Error("an answer became markup")
		}
		if !strings.Contains(page.body, "&lt;script&gt;alert(1)&lt;/script&gt;") || !strings.Contains(page.body, "{{.Patient}}") {
			t.Error("the hostile answer is not shown as text")
		}
	})
}

func TestStaffMakeLinksAndSeeAlerts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		p := k.patient("Jan", "Kowalski", "+48601234567", "")
		visit := k.book(p.ID, 2)
		token, expires := k.link(visit)
		a := must(k.env.Booking.Get(context.Background(), visit))(t)
		if !expires.Equal(a.End.Add(24 * time.Hour)) {
			t.Errorf("expires %v, visit ends %v", expires, a.End)
		}
		alertsPath := "/api/v1/appointments/" + visit + "/medical-alerts"
		nurse := k.env.SignIn(actor.Nurse, k.branch.ID)
		r := nurse.Do(http.MethodGet, alertsPath, nil)
		if r.Status != http.StatusOK || !strings.Contains(string(r.Body), `"alerts":[]`) {
			t.Fatalf("no alerts yet: %d %s", r.Status, r.Body)
		}
		form := adult()
		form.Set("action", "submit")
		k.post(token, form)
		again, _ := k.link(k.book(p.ID, 9))
		form.Set("q.allergies", "anaesthetics")
		form.Del("q.allergies_other")
		k.post(again, form)

		r = k.env.SignIn(actor.Doctor, k.branch.ID).Do(http.MethodGet, alertsPath, nil)
		type alert struct {
			Kind, Code, Text string
			Changed          bool
		}
		var out struct {
			Changed         bool
			Alerts, Removed []alert
		}
		r.Decode(t, &out)
		if !out.Changed || len(out.Alerts) != 3 || out.Alerts[0].Code != "anaesthetics" || !out.Alerts[0].Changed || out.Alerts[1].Changed {
			t.Errorf("alerts = %+v", out)
		}
		if len(out.Removed) != 2 || out.Removed[0].Text != "Alergia: Lateks" || out.Removed[1].Text != "Alergia: penicillin" {
			t.Errorf("removed = %+v", out.Removed)
		}
		if r := nurse.Do(http.MethodPost, "/api/v1/appointments/"+visit+"/questionnaire", nil); r.Status != http.StatusForbidden {
			t.Errorf("nurse made a link: %d", r.Status)
		}
		if r := k.env.As(actor.Admin).Do(http.MethodPost, "/api/v1/appointments/00000000-0000-4000-8000-000000000000/questionnaire", nil); r.Status != http.StatusNotFound {
			t.Errorf("unknown visit: %d", r.Status)
		}
		if r := k.env.As(actor.Nurse).Do(http.MethodGet, alertsPath, nil); r.Status != http.StatusNotFound {
			t.Errorf("a nurse of no branch read the alerts: %d", r.Status)
		}
	})
}

func TestCardRulesComeBackAsQuestionProblems(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		p, _, err := k.env.Clinic.CreatePatient(context.Background(), clinic.PatientInput{BranchID: k.branch.ID,
			FirstName: "Jan", LastName: "Kowalski", Phone: "+48601234567", Email: "jan@example.com", PreferredChannel: "email"})
		if err != nil {
			t.Fatal(err)
		}
		token, _ := k.link(k.book(p.ID, 2))
		form := adult()
		form.Del("q.email")
		form.Set("action", "submit")
		r := k.post(token, form)
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(r.body, `href="#f-email"`) {
			t.Fatalf("%d: the card's rule (e-mail for an e-mail patient) not shown at the question", r.status)
		}
		if _, ok, _ := k.env.Questionnaires.Latest(context.Background(), p.ID); ok {
			t.Error("the response was stored although the card refused the change")
		}
	})
}
