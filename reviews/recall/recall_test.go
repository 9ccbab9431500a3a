package recall_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// A completed hygiene visit sets the patient's recall six months after the visit's
// date in the branch's calendar; the event delivered again changes nothing, an older
// visit completed later does not move it back, a newer one moves it later.
func TestACompletedHygieneVisitSetsTheRecallOnceAndLaterVisitsMoveIt(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		later, patient := k.book(k.hygiene, k.f.At(9, 0).AddDate(0, 0, 1), "+48601000001")
		earlier, _ := k.book(k.hygiene, k.f.At(9, 0), "+48601000001")
		k.complete(later)
		got := k.byPatient()[patient+"|"+k.hygiene.ID]
		if got.DueOn != k.dayPlus(6, 1) || got.Status != "due" || got.FromVisitID != later {
			t.Fatalf("recall after the visit: %+v, want due %s from %s", got, k.dayPlus(6, 1), later)
		}
		for range 2 { // a redelivered completion
			if err := k.f.Env.Recall.OnEvent(context.Background(), visit.Event{Kind: visit.EventCompleted, VisitID: later}); err != nil {
				t.Fatal(err)
			}
		}
		k.complete(earlier)
		all := k.byPatient()
		if len(all) != 1 || all[patient+"|"+k.hygiene.ID].DueOn != k.dayPlus(6, 1) {
			t.Fatalf("an older visit or a redelivery moved the recall: %+v", all)
		}
		newest, _ := k.book(k.hygiene, k.f.At(9, 0).AddDate(0, 0, 5), "+48601000001")
		k.complete(newest)
		if got := k.byPatient()[patient+"|"+k.hygiene.ID]; got.DueOn != k.dayPlus(6, 5) || got.FromVisitID != newest {
			t.Fatalf("a newer visit should move the recall to %s: %+v", k.dayPlus(6, 5), got)
		}
	})
}

// Rules per service: a check-up recalls after 6 months by default, an extraction not
// at all; the owner's rules change both for visits completed afterwards.
func TestRulesPerServiceChangeTheInterval(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		rules := k.rules()
		if rules[k.f.Checkup.ID] != 6 || rules[k.hygiene.ID] != 6 || rules[k.f.Extraction.ID] != 0 {
			t.Fatalf("default rules: %v", rules)
		}
		p := k.visit(k.f.Extraction, "+48601000002")
		if _, ok := k.byPatient()[p+"|"+k.f.Extraction.ID]; ok {
			t.Fatal("an extraction set a recall without a rule")
		}
		for id, months := range map[string]int{k.f.Checkup.ID: 12, k.f.Extraction.ID: 3} {
			r := k.owner.Do(http.MethodPut, "/api/v1/recalls/rules/"+id, map[string]int{"months": months})
			bookingtest.ExpectStatus(t, r, http.StatusOK, "")
		}
		if rules := k.rules(); rules[k.f.Checkup.ID] != 12 || rules[k.f.Extraction.ID] != 3 || rules[k.hygiene.ID] != 6 {
			t.Fatalf("rules after the owner's changes: %v", rules)
		}
		p2 := k.visit(k.f.Checkup, "+48601000003")
		p3 := k.visit(k.f.Extraction, "+48601000004")
		all := k.byPatient()
		if all[p2+"|"+k.f.Checkup.ID].DueOn != k.dayPlus(12, 0) || all[p3+"|"+k.f.Extraction.ID].DueOn != k.dayPlus(3, 0) {
			t.Fatalf("recalls under the new rules: %+v", all)
		}
	})
}

func (k *kit) rules() map[string]int {
	k.t.Helper()
	var out struct {
		Items []struct {
			ServiceID string `json:"service_id"`
			Months    int    `json:"months"`
		} `json:"items"`
	}
	k.f.DoctorAPI[0].Do(http.MethodGet, "/api/v1/recalls/rules", nil).Decode(k.t, &out)
	m := map[string]int{}
	for _, r := range out.Items {
		m[r.ServiceID] = r.Months
	}
	return m
}

// The sweep sends a due recall once, in the branch's daytime, by the medium the
// patient consented to, with a link opening the booking page on the service; it
// passes by a patient with a future booking, one who texted STOP and one who never
// consented, and the list says why.
func TestSweepSendsADueRecallOnceAndSkipsBookedOptedOutAndUnconsented(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		phones := []string{"+48601000011", "+48601000012", "+48601000013", "+48601000014"}
		var ids []string
		for _, ph := range phones {
			ids = append(ids, k.visit(k.hygiene, ph))
		}
		for _, id := range ids[:3] {
			k.consent(id)
		}
		k.refuse(ids[3])
		k.stop(phones[2])
		k.at(k.dayPlus(6, -1) + " 11:00")
		if n := k.sweep(); n != 0 {
			t.Fatalf("the day before the due date the sweep sent %d", n)
		}
		k.at(k.dayPlus(6, 0) + " 08:30")
		if n := k.sweep(); n != 0 {
			t.Fatalf("before the branch's sending hours the sweep sent %d", n)
		}
		k.at(k.dayPlus(6, 0) + " 11:00")
		future := k.f.At(10, 0).AddDate(0, 6, 2)
		k.book(k.f.Checkup, future, phones[1])
		if n := k.sweep() + k.sweep(); n != 1 {
			t.Fatalf("two sweeps sent %d recalls, want 1", n)
		}
		rows := k.outbox("recall_due")
		if len(rows) != 1 || rows[0].Recipient != phones[0] || rows[0].Channel != "sms" || *rows[0].PatientID != ids[0] {
			t.Fatalf("outbox: %+v", rows)
		}
		link := "https://frontdesk.test/book/" + k.f.Branch.ID + "?locale=pl&service=" + k.hygiene.ID
		if body := k.f.Env.ExpandLinks(rows[0].Body); !strings.Contains(body, link) || !strings.Contains(body, "Higienizacja") {
			t.Fatalf("message %q lacks the booking link %s or the service's name", body, link)
		}
		want := map[string]string{ids[0]: "", ids[1]: "future_booking", ids[2]: "opted_out", ids[3]: "no_consent"}
		for _, r := range k.list(k.admin, nil).Items {
			reason := ""
			if r.SkipReason != nil {
				reason = *r.SkipReason
			}
			if reason != want[r.Patient.ID] || r.Skipped != (reason != "") {
				t.Errorf("patient %s: skipped %v %q, want %q", r.Patient.ID, r.Skipped, reason, want[r.Patient.ID])
			}
			if r.Service.Code != "hygiene" || r.Service.Names["pl"] != "Higienizacja" {
				t.Errorf("recall's service: %+v", r.Service)
			}
			delete(want, r.Patient.ID)
		}
		if len(want) != 0 {
			t.Fatalf("the list misses %v", want)
		}
		if got := k.byPatient()[ids[0]+"|"+k.hygiene.ID]; got.Status != "messaged" {
			t.Fatalf("the sent recall is %s, want messaged", got.Status)
		}
	})
}

// The list pages oldest due first with due_before excluding later ones; a dismissed
// recall leaves it.
func TestListPagesOldestDueFirstAndDismissedLeave(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		// Visits on the 29th to the 31st would share a due date six months on, in a
		// shorter month: they start from the first of the month then.
		lead := 0
		for k.f.At(9, 0).AddDate(0, 0, lead).Day() > 26 {
			lead++
		}
		var ids []string
		for i, ph := range []string{"+48601000021", "+48601000022", "+48601000023"} {
			id, patient := k.book(k.hygiene, k.f.At(9, 0).AddDate(0, 0, lead+2-i), ph)
			k.complete(id)
			ids = append(ids, patient)
		}
		if got := k.list(k.admin, url.Values{"due_before": {k.dayPlus(6, lead+2)}}).Items; len(got) != 2 {
			t.Fatalf("due before %s: %d recalls, want 2", k.dayPlus(6, lead+2), len(got))
		}
		if got := k.list(k.admin, nil).Items; len(got) != 0 {
			t.Fatalf("due by today: %d recalls, want none", len(got))
		}
		var seen []string
		q := url.Values{"due_before": {"2100-01-01"}, "limit": {"2"}}
		for {
			p := k.list(k.f.DoctorAPI[0], q)
			for _, r := range p.Items {
				seen = append(seen, r.Patient.ID)
			}
			if p.Next == nil {
				break
			}
			q.Set("cursor", *p.Next)
		}
		if strings.Join(seen, ",") != ids[2]+","+ids[1]+","+ids[0] {
			t.Fatalf("pages gave %v, want oldest due first %v", seen, []string{ids[2], ids[1], ids[0]})
		}
		r := k.byPatient()[ids[1]+"|"+k.hygiene.ID]
		bookingtest.ExpectStatus(t, k.admin.Do(http.MethodPost, "/api/v1/recalls/"+r.ID+"/dismiss", nil), http.StatusOK, "")
		if _, ok := k.byPatient()[ids[1]+"|"+k.hygiene.ID]; ok {
			t.Fatal("a dismissed recall is still listed")
		}
	})
}

// A service the clinic no longer sells is not offered: its due recalls wait.
func TestSweepOffersNoDeactivatedService(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		patient := k.visit(k.hygiene, "+48601000051")
		k.consent(patient)
		k.at(k.dayPlus(6, 0) + " 11:00")
		r := k.owner.Do(http.MethodPost, "/api/v1/services/"+k.hygiene.ID+"/deactivate", nil)
		bookingtest.ExpectStatus(t, r, http.StatusOK, "")
		if n := k.sweep(); n != 0 || len(k.outbox("recall_due")) != 0 {
			t.Fatalf("the sweep offered a deactivated service (%d sent)", n)
		}
		if got := k.byPatient()[patient+"|"+k.hygiene.ID]; got.Status != "due" {
			t.Fatalf("the recall is %s, want still due", got.Status)
		}
	})
}
