package surveys_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/reviews"
)

type npsAnswer struct {
	Promoters      int      `json:"promoters"`
	Passives       int      `json:"passives"`
	Detractors     int      `json:"detractors"`
	Responses      int      `json:"responses"`
	NPS            *float64 `json:"nps"`
	LowSample      bool     `json:"low_sample"`
	OverallAverage *float64 `json:"overall_average"`
	CareAverage    *float64 `json:"care_average"`
	Definition     string   `json:"definition"`
}

func (k *kit) nps(query url.Values) npsAnswer {
	k.t.Helper()
	query.Set("branch_id", k.branch.ID)
	r := k.owner.Do(http.MethodGet, "/api/v1/surveys/nps?"+query.Encode(), nil)
	if r.Status != http.StatusOK {
		k.t.Fatalf("nps: %d %s", r.Status, r.Body)
	}
	var out npsAnswer
	r.Decode(k.t, &out)
	return out
}

// answer records a phone survey with recommend and overall, an hour after the last.
func (k *kit) answer(recommend, overall int) {
	k.t.Helper()
	k.env.Clock.Advance(time.Hour)
	n := k.count(`SELECT COUNT(*) FROM surveys`)
	f := k.followUp(k.patient(fmt.Sprintf("P%d", n), fmt.Sprintf("+486012340%02d", n), "pl", false), false)
	if err := k.recordCall(f, reviews.Answers{Overall: overall, Care: 4, Expectations: reviews.AsExpected, Recommend: recommend}); err != nil {
		k.t.Fatal(err)
	}
}

// NPS is % promoters (9–10) − % detractors (0–6): 5, 3 and 2 of 10 make 50 − 20 = 30.
func TestNPSArithmetic(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		empty := k.nps(url.Values{})
		if empty.NPS != nil || empty.Responses != 0 || !empty.LowSample || empty.OverallAverage != nil || empty.Definition == "" {
			t.Errorf("no responses: %+v", empty)
		}
		for _, r := range []int{9, 10, 9, 10, 9, 7, 8, 7, 0, 6} {
			k.answer(r, 5)
		}
		got := k.nps(url.Values{})
		if got.Promoters != 5 || got.Passives != 3 || got.Detractors != 2 || got.Responses != 10 || got.NPS == nil ||
			*got.NPS != 30 || !got.LowSample || *got.OverallAverage != 5 || *got.CareAverage != 4 {
			t.Errorf("5/3/2: %+v", got)
		}
		k.answer(6, 1) // a third detractor of 11: (5 − 3) / 11 = 18.18… → 18.2
		if got = k.nps(url.Values{}); got.NPS == nil || *got.NPS != 18.2 || *got.OverallAverage != 4.6 {
			t.Errorf("rounded to one decimal: %+v %v", got, *got.NPS)
		}
		warsaw, _ := time.LoadLocation("Europe/Warsaw")
		tomorrow := k.env.Clock.Now().In(warsaw).AddDate(0, 0, 1).Format(time.DateOnly)
		if got = k.nps(url.Values{"from": {tomorrow}}); got.Responses != 0 || got.NPS != nil {
			t.Errorf("from tomorrow: %+v", got)
		}
		if got = k.nps(url.Values{"doctor_id": {k.doctor.ID}, "to": {tomorrow}}); got.Responses != 11 {
			t.Errorf("the doctor's: %+v", got)
		}
	})
}

type listAnswer struct {
	Items []struct {
		ID          string  `json:"id"`
		PatientName string  `json:"patient_name"`
		DoctorName  *string `json:"doctor_name"`
		Via         string  `json:"via"`
		Recommend   int     `json:"recommend"`
		Low         bool    `json:"low"`
	} `json:"items"`
	Next string `json:"next_cursor"`
}

// The answered surveys come newest first, page by page, with the patient and doctor.
func TestAnsweredListPages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		for _, r := range []int{1, 2, 3, 4, 5} {
			k.answer(r+5, 4)
		}
		k.followUp(k.patient("Unanswered", "+48601234599", "pl", true), true)
		var seen []int
		cursor := ""
		for range 3 {
			q := url.Values{"branch_id": {k.branch.ID}, "limit": {"2"}, "cursor": {cursor}}
			r := k.admin.Do(http.MethodGet, "/api/v1/surveys?"+q.Encode(), nil)
			if r.Status != http.StatusOK {
				t.Fatalf("list: %d %s", r.Status, r.Body)
			}
			var page listAnswer
			r.Decode(t, &page)
			for _, it := range page.Items {
				if !strings.HasPrefix(it.PatientName, "P") || !strings.HasSuffix(it.PatientName, " Kowalski") || it.DoctorName == nil || *it.DoctorName != "Dr Anna Nowak" || it.Via != "phone" {
					t.Errorf("item: %+v", it)
				}
				if it.Low != (it.Recommend <= 6) {
					t.Errorf("low mark: %+v", it)
				}
				seen = append(seen, it.Recommend)
			}
			if cursor = page.Next; cursor == "" {
				break
			}
		}
		if len(seen) != 5 || seen[0] != 10 || seen[4] != 6 {
			t.Errorf("newest first, every one once: %v", seen)
		}
		if n := k.count(`SELECT COUNT(*) FROM audit_log WHERE action = 'read' AND entity = 'survey'`); n != 5 {
			t.Errorf("audited reads: %d", n)
		}
		nurse := k.env.SignIn(actor.Nurse, k.branch.ID)
		if r := nurse.Do(http.MethodGet, "/api/v1/surveys?branch_id="+k.branch.ID, nil); r.Status != http.StatusForbidden {
			t.Errorf("a nurse reads surveys: %d", r.Status)
		}
	})
}
