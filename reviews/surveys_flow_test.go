package reviews_test

import (
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// consent records the patient's consent to service messages by SMS.
func (k *kit) consent(patientID string) {
	k.t.Helper()
	bookingtest.ExpectStatus(k.t, k.admin.Do(http.MethodPatch, "/api/v1/patients/"+patientID, map[string]any{
		"consents": map[string]any{"sms": map[string]any{"service": true, "marketing": false}}}), http.StatusOK, "")
}

func (k *kit) outbox(d *db.DB, template, patientID string) int {
	k.t.Helper()
	var n int
	if err := db.Get(k.t.Context(), d.R, &n, `SELECT COUNT(*) FROM outbox WHERE template = ? AND patient_id = ?`, template, patientID); err != nil {
		k.t.Fatal(err)
	}
	return n
}

// A patient reached on the phone answers the survey there: it is stored with the
// call, the invitation to review the clinic goes out whatever the score, and a low
// score puts a service-recovery call in the manager's queue.
func TestAReachedCallStoresThePhoneSurvey(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		bookingtest.ExpectStatus(t, k.owner.Do(http.MethodPut, "/api/v1/surveys/review-links?branch_id="+k.f.Branch.ID,
			map[string]any{"links": []map[string]any{{"site": "google", "url": "https://g.page/r/centrum/review"}}}), http.StatusOK, "")
		k.complete("extraction", 9, "+48601000050")
		c := k.only(k.calls(k.admin, "&due=all"))
		k.consent(c.PatientID)
		r := k.attempt(k.admin, c.ID, "reached", map[string]any{"note": "sore but fine", "survey": map[string]any{
			"overall": 3, "care": 5, "expectations": "worse", "recommend": 7, "comment": "long wait"}})
		bookingtest.ExpectStatus(t, r, http.StatusCreated, "")
		var via string
		if err := db.Get(t.Context(), d.R, &via, `SELECT via FROM surveys WHERE follow_up_id = ? AND overall = 3`, c.ID); err != nil || via != "phone" {
			t.Fatalf("phone survey: %q %v", via, err)
		}
		if n := k.outbox(d, "review_invitation", c.PatientID); n != 1 {
			t.Errorf("review invitations: %d, want 1", n)
		}
		var manager int
		if err := db.Get(t.Context(), d.R, &manager, `SELECT COUNT(*) FROM inbox_tasks WHERE queue = 'manager' AND status = 'open'
			AND patient_id = ?`, c.PatientID); err != nil || manager != 1 {
			t.Errorf("service-recovery tasks: %d %v", manager, err)
		}
	})
}

// After the last failed call the patient gets the survey link by their channel; a
// patient who refused service messages there is marked unreached instead.
func TestTheLastFailedCallSendsTheSurveyLink(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		bookingtest.ExpectStatus(t, k.owner.Do(http.MethodPut, "/api/v1/follow-ups/settings", map[string]any{
			"branch_id": k.f.Branch.ID, "calls_open": "10:00", "calls_close": "19:00", "max_attempts": 1,
			"retry_minutes": 120, "queue": "front_desk"}), http.StatusOK, "")
		k.complete("extraction", 9, "+48601000051")
		k.complete("extraction", 11, "+48601000052")
		list := k.calls(k.admin, "&due=all")
		// The first card says nothing about SMS, its preferred medium (a phone booking's
		// card): service messages go there, as reminders do.
		bookingtest.ExpectStatus(t, k.admin.Do(http.MethodPatch, "/api/v1/patients/"+list[1].PatientID, map[string]any{
			"consents": map[string]any{"sms": map[string]any{"service": false, "marketing": false}}}), http.StatusOK, "")
		for i, want := range []string{"link_sent", "unreached"} {
			r := k.attempt(k.admin, list[i].ID, "no_answer", nil)
			bookingtest.ExpectStatus(t, r, http.StatusCreated, "")
			var out struct {
				FollowUp struct {
					Status string `json:"status"`
				} `json:"follow_up"`
			}
			r.Decode(t, &out)
			if out.FollowUp.Status != want {
				t.Errorf("call %d: status %q, want %q", i, out.FollowUp.Status, want)
			}
		}
		if n := k.outbox(d, "survey_link", list[0].PatientID); n != 1 {
			t.Errorf("survey links to the patient whose card is silent: %d", n)
		}
		if n := k.outbox(d, "survey_link", list[1].PatientID); n != 0 {
			t.Errorf("survey links to the patient who refused: %d", n)
		}
	})
}
