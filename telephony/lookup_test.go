package telephony_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func (k *kit) lookup(number, accept string) (int, string) {
	c := k.env.Anonymous()
	c.Header = http.Header{}
	if accept != "" {
		c.Header.Set("Accept", accept)
	}
	r := c.Raw(http.MethodGet, "/api/v1/telephony/"+k.token+"/lookup?number="+url.QueryEscape(number), "", nil)
	return r.Status, string(r.Body)
}

func TestLookupFindsThePatientAndTheChildrenOfAGuardian(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		mother := k.patient("Ольга", "Петрова", "+79161234567", "1985-02-01")
		child := k.patient("Маша", "Петрова", "+79160000001", "2016-09-01")
		r := k.owner.Do(http.MethodPost, "/api/v1/patients/"+child+"/guardians", map[string]string{"guardian_id": mother})
		if r.Status != http.StatusCreated {
			t.Fatalf("guardian: %d %s", r.Status, r.Body)
		}
		if st, body := k.lookup("8 (916) 123-45-67", "text/plain"); st != 200 || body != "Ольга Петрова, Маша Петрова" {
			t.Fatalf("text lookup: %d %q", st, body)
		}
		var out struct {
			Number    string `json:"number"`
			NewCaller bool   `json:"new_caller"`
			Patients  []struct {
				PatientID   string `json:"patient_id"`
				ViaGuardian bool   `json:"via_guardian"`
			} `json:"patients"`
		}
		r = k.env.Anonymous().Raw(http.MethodGet, "/api/v1/telephony/"+k.token+"/lookup?number=79161234567", "", nil)
		r.Decode(t, &out)
		if out.Number != "+79161234567" || out.NewCaller || len(out.Patients) != 2 || !out.Patients[1].ViaGuardian ||
			out.Patients[1].PatientID != child {
			t.Fatalf("json lookup: %+v", out)
		}
		if st, body := k.lookup("+48601000000", "text/plain"); st != 200 || body != "" {
			t.Fatalf("new caller: %d %q", st, body)
		}
		if st, _ := k.lookup("", ""); st != http.StatusBadRequest {
			t.Fatalf("no number: %d", st)
		}
		for _, g := range []string{child, k.otherBranch()} {
			r := k.owner.Do(http.MethodPost, "/api/v1/patients/"+child+"/guardians", map[string]string{"guardian_id": g})
			if p := r.Problem(t); r.Status != http.StatusBadRequest || p.Errors[0].Field != "guardian_id" {
				t.Fatalf("guardian %s: %d %s", g, r.Status, r.Body)
			}
		}
		if r := k.owner.Do(http.MethodDelete, "/api/v1/patients/"+child+"/guardians/"+mother, nil); r.Status != http.StatusNoContent {
			t.Fatalf("remove guardian: %d %s", r.Status, r.Body)
		}
		if st, body := k.lookup("+79161234567", "text/plain"); st != 200 || body != "Ольга Петрова" {
			t.Fatalf("after the guardianship ended: %d %q", st, body)
		}
	})
}

func TestLiveCallsShowTheCallersCardBeforePickUp(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.patient("Анна", "Смирнова", "+79161234567", "1990-03-01")
		id := callID()
		k.generic(event("newCall", id, "from", "89161234567", "direction", "in"))
		k.env.Clock.Advance(time.Second)
		k.generic(event("newCall", callID(), "from", "+79990001122", "direction", "in"))
		k.process()
		var out struct {
			Items []struct {
				From      string `json:"from"`
				NewCaller bool   `json:"new_caller"`
				Cards     []struct {
					Name      string  `json:"name"`
					Age       *int    `json:"age"`
					OpenTasks int     `json:"open_tasks"`
					NextVisit *string `json:"next_visit"`
				} `json:"cards"`
			} `json:"items"`
		}
		r := k.env.As("admin").Do(http.MethodGet, "/api/v1/calls/live?branch_id="+k.branch, nil)
		r.Decode(t, &out)
		if len(out.Items) != 2 || out.Items[0].From != "+79161234567" || len(out.Items[0].Cards) != 1 ||
			out.Items[0].Cards[0].Name != "Анна Смирнова" || out.Items[0].Cards[0].Age == nil || !out.Items[1].NewCaller {
			t.Fatalf("live: %d %s", r.Status, r.Body)
		}
		k.env.Clock.Advance(time.Minute)
		k.generic(event("hangup", id, "cause", "normalClearing"))
		k.process()
		r = k.env.As("admin").Do(http.MethodGet, "/api/v1/calls/live?branch_id="+k.branch, nil)
		r.Decode(t, &out)
		if len(out.Items) != 1 {
			t.Fatalf("a call that ended is still live: %s", r.Body)
		}
	})
}
