package reviews_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

type share struct {
	Numerator   int      `json:"numerator"`
	Denominator int      `json:"denominator"`
	Value       *float64 `json:"value"`
}

type figures struct {
	Attempted  int   `json:"attempted"`
	First      share `json:"reached_first_attempt"`
	Second     share `json:"reached_by_second_attempt"`
	Overall    share `json:"reached_overall"`
	Completion []struct {
		Day     string  `json:"day"`
		StaffID *string `json:"staff_id"`
		Due     int     `json:"due"`
		Done    int     `json:"done"`
	} `json:"completion"`
}

// A marketing campaign reaches only patients with marketing consent on its channel;
// scripted attempts give reach on the first attempt, by the second and overall, and
// every call due was made on its day.
func TestCampaignReachAndCompletionFromScriptedAttempts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		yes := map[string]any{"sms": map[string]any{"service": true, "marketing": true}}
		ids := []string{k.patient(yes), k.patient(yes), k.patient(yes), k.patient(yes), k.patient(nil)}
		r := k.admin.Do(http.MethodPost, "/api/v1/campaigns", map[string]any{"branch_id": k.f.Branch.ID,
			"name": "Hygiene offer", "purpose": "marketing", "consent_channel": "sms",
			"script": "We have a spring hygiene offer.", "audience": map[string]any{"patient_ids": ids}})
		bookingtest.ExpectStatus(t, r, http.StatusCreated, "")
		var camp struct {
			ID       string `json:"id"`
			Patients int    `json:"patients"`
			Skipped  int    `json:"skipped"`
		}
		r.Decode(t, &camp)
		if camp.Patients != 4 || camp.Skipped != 1 {
			t.Fatalf("campaign: %+v, want 4 calls and 1 skipped (no marketing consent)", camp)
		}
		list := k.calls(k.admin, "&due=all&campaign_id="+camp.ID)
		if len(list) != 4 || list[0].Script == "" {
			t.Fatalf("campaign calls: %+v", list)
		}
		byPatient := map[string]call{}
		for _, c := range list {
			byPatient[c.PatientID] = c
		}
		start := list[0].DueAt
		k.advanceTo(start)
		k.try(byPatient[ids[0]], "reached")
		k.try(byPatient[ids[1]], "no_answer")
		k.try(byPatient[ids[2]], "no_answer")
		k.try(byPatient[ids[3]], "declined")
		k.retryAll(camp.ID, map[string]string{ids[1]: "reached", ids[2]: "no_answer"})
		k.retryAll(camp.ID, map[string]string{ids[2]: "voicemail"})
		// A week holds the retries' days even when they move past Christmas's three closed days.
		local := start.In(k.f.Loc)
		q := "?branch_id=" + k.f.Branch.ID + "&campaign_id=" + camp.ID + "&from=" + local.Format(time.DateOnly) +
			"&to=" + local.AddDate(0, 0, 7).Format(time.DateOnly)
		r = k.owner.Do(http.MethodGet, "/api/v1/follow-ups/figures"+q, nil)
		bookingtest.ExpectStatus(t, r, http.StatusOK, "")
		var f figures
		r.Decode(t, &f)
		if f.Attempted != 4 || f.First.Numerator != 1 || f.Second.Numerator != 2 || f.Overall.Numerator != 2 ||
			f.First.Denominator != 4 || *f.First.Value != 0.25 || *f.Overall.Value != 0.5 {
			t.Errorf("reach: %+v", f)
		}
		due, done := 0, 0
		for _, c := range f.Completion {
			due, done = due+c.Due, done+c.Done
		}
		if due != 7 || done != 7 {
			t.Errorf("completion: %d due, %d done, want 7 and 7: %+v", due, done, f.Completion)
		}
		var status string
		if err := db.Get(t.Context(), d.R, &status, `SELECT status FROM follow_ups WHERE patient_id = ?`, ids[2]); err != nil || status != "unreached" {
			t.Errorf("after three failed calls: %q %v", status, err)
		}
	})
}

func (k *kit) try(c call, outcome string) {
	k.t.Helper()
	bookingtest.ExpectStatus(k.t, k.attempt(k.admin, c.ID, outcome, nil), http.StatusCreated, "")
}

// retryAll moves the clock to the campaign's next due call and logs each patient's
// outcome.
func (k *kit) retryAll(campaignID string, outcomes map[string]string) {
	k.t.Helper()
	list := k.calls(k.admin, "&due=all&campaign_id="+campaignID)
	if len(list) != len(outcomes) {
		k.t.Fatalf("open calls %d, want %d", len(list), len(outcomes))
	}
	k.advanceTo(list[len(list)-1].DueAt)
	for _, c := range list {
		k.try(c, outcomes[c.PatientID])
	}
}

// The recall list and a period's no-shows become campaigns: the patient due for a
// check-up and the one who did not come are on their lists; a patient due who has
// booked since is not called.
func TestCampaignsFromTheRecallListAndNoShows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.complete("checkup", 9, "+48601000040")
		k.complete("checkup", 10, "+48601000042")
		nextWeek := k.f.At(11, 0).AddDate(0, 0, 7)
		k.f.OpenOn(nextWeek)
		bookingtest.ExpectStatus(t, k.admin.Do(http.MethodPost, "/api/v1/appointments",
			k.f.Booking(0, k.f.Checkup, nextWeek, "+48601000042")), http.StatusCreated, "")
		missed := bookingtest.DecodeID(t, k.admin.Do(http.MethodPost, "/api/v1/appointments",
			k.f.Booking(1, k.f.Checkup, k.f.At(12, 0), "+48601000041")))
		k.advanceTo(k.f.At(13, 0))
		bookingtest.ExpectStatus(t, k.admin.Do(http.MethodPost, "/api/v1/appointments/"+missed+"/no-show", nil), http.StatusOK, "")
		day := k.f.Day.Format(time.DateOnly)
		for name, audience := range map[string]map[string]any{
			"recall":   {"recall_due_before": k.f.Day.AddDate(0, 7, 0).Format(time.DateOnly)},
			"no_shows": {"no_shows": map[string]any{"from": day, "to": day}},
		} {
			r := k.admin.Do(http.MethodPost, "/api/v1/campaigns", map[string]any{"branch_id": k.f.Branch.ID,
				"name": name, "purpose": "service", "audience": audience})
			bookingtest.ExpectStatus(t, r, http.StatusCreated, "")
			var camp struct {
				ID       string `json:"id"`
				Source   string `json:"source"`
				Patients int    `json:"patients"`
			}
			r.Decode(t, &camp)
			list := k.calls(k.admin, "&due=all&campaign_id="+camp.ID)
			want := map[string]string{"recall": "+48601000040", "no_shows": "+48601000041"}[name]
			if camp.Source != name || camp.Patients != 1 || len(list) != 1 || list[0].PatientPhone != want {
				t.Errorf("%s campaign: %+v, calls %+v", name, camp, list)
			}
		}
	})
}
