package recall_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// plan is a treatment plan as the API answers it.
type plan struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Stages []struct {
		Position    int     `json:"position"`
		ServiceID   string  `json:"service_id"`
		DueOn       *string `json:"due_on"`
		DoneAt      *string `json:"done_at"`
		DoneVisitID *string `json:"done_appointment_id"`
		MessagedAt  *string `json:"messaged_at"`
	} `json:"stages"`
}

// createPlan records a plan for the patient as c.
func (k *kit) createPlan(c *apitest.Client, patient string, stages ...map[string]any) plan {
	k.t.Helper()
	r := c.Do(http.MethodPost, "/api/v1/treatment-plans", map[string]any{"patient_id": patient,
		"branch_id": k.f.Branch.ID, "stages": stages})
	bookingtest.ExpectStatus(k.t, r, http.StatusCreated, "")
	var p plan
	r.Decode(k.t, &p)
	return p
}

func (k *kit) plans(patient string) []plan {
	k.t.Helper()
	var out struct {
		Items []plan `json:"items"`
	}
	r := k.admin.Do(http.MethodGet, "/api/v1/patients/"+patient+"/treatment-plans", nil)
	bookingtest.ExpectStatus(k.t, r, http.StatusOK, "")
	r.Decode(k.t, &out)
	return out.Items
}

// auditEntry is a row of the patient's audit log.
type auditEntry struct {
	Action   string `json:"action"`
	Entity   string `json:"entity"`
	EntityID string `json:"entity_id"`
}

func stage(serviceID string, afterDays int) map[string]any {
	return map[string]any{"service_id": serviceID, "after_days": afterDays}
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// A plan's stage is done by a completed visit of its service; the next becomes due its
// after_days after that visit's date and the sweep reminds the patient once to book
// it, unless they already booked that service; the last stage done completes the plan.
func TestTreatmentPlanStagesAdvanceAndRemindOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		first, patient := k.book(k.f.Checkup, k.next(), "+48601000031")
		other, otherPatient := k.book(k.f.Checkup, k.next(), "+48601000032")
		k.consent(patient)
		k.consent(otherPatient)
		doctor := k.f.DoctorAPI[0]
		p := k.createPlan(doctor, patient, stage(k.f.Checkup.ID, 0), stage(k.f.Extraction.ID, 14), stage(k.hygiene.ID, 30))
		k.createPlan(doctor, otherPatient, stage(k.f.Checkup.ID, 0), stage(k.f.Extraction.ID, 14))
		if p.Stages[0].DueOn == nil || p.Stages[1].DueOn != nil || p.Status != "active" {
			t.Fatalf("a new plan: %+v, want only the first stage due", p)
		}
		var log struct {
			Items []auditEntry `json:"items"`
		}
		k.owner.Do(http.MethodGet, "/api/v1/audit?patient_id="+patient, nil).Decode(t, &log)
		if !slices.Contains(log.Items, auditEntry{Action: "create", Entity: "treatment_plan", EntityID: p.ID}) {
			t.Fatalf("the patient's audit log lacks the plan: %+v", log.Items)
		}
		k.complete(first)
		k.complete(other)
		got := k.plans(patient)[0]
		if str(got.Stages[0].DoneVisitID) != first || str(got.Stages[1].DueOn) != k.dayPlus(0, 14) || got.Stages[2].DueOn != nil {
			t.Fatalf("after the first stage: %+v, want the second due on %s", got, k.dayPlus(0, 14))
		}
		k.at(k.dayPlus(0, 14) + " 12:00")
		k.book(k.f.Extraction, k.f.At(10, 0).AddDate(0, 0, 16), "+48601000032")
		if n := k.sweep() + k.sweep(); n != 1 {
			t.Fatalf("two sweeps sent %d reminders, want 1", n)
		}
		rows := k.outbox("treatment_next_stage")
		if len(rows) != 1 || *rows[0].PatientID != patient {
			t.Fatalf("reminders: %+v, want one to %s (the other has the extraction booked)", rows, patient)
		}
		if body := k.f.Env.ExpandLinks(rows[0].Body); !strings.Contains(body, "service="+k.f.Extraction.ID) || !strings.Contains(body, "2") {
			t.Fatalf("reminder %q should name stage 2 and link to booking the extraction", body)
		}
		second, _ := k.book(k.f.Extraction, k.f.At(10, 0).AddDate(0, 0, 15), "+48601000031")
		k.complete(second)
		got = k.plans(patient)[0]
		if got.Stages[1].MessagedAt == nil || str(got.Stages[1].DoneVisitID) != second || str(got.Stages[2].DueOn) != k.dayPlus(0, 45) {
			t.Fatalf("after the second stage: %+v, want the third due on %s", got, k.dayPlus(0, 45))
		}
		third, _ := k.book(k.hygiene, k.f.At(10, 0).AddDate(0, 0, 17), "+48601000031")
		k.complete(third)
		if got := k.plans(patient)[0]; got.Status != "completed" || got.Stages[2].DoneAt == nil {
			t.Fatalf("after the last stage: %+v, want the plan completed", got)
		}
	})
}
