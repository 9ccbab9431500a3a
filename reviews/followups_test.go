package reviews_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// A completed extraction gets its call the next day at the start of calling hours, in
// the front desk's queue, with the script in the patient's language; a redelivered
// event plans nothing more; a check-up waits three days.
func TestACompletedVisitGetsItsFollowUpCallOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.f.OpenOn(k.dayAt(1, 10, 0)) // the calls' days, whatever holiday falls there
		k.f.OpenOn(k.dayAt(3, 10, 0))
		visitID := k.complete("extraction", 9, "+48601000001")
		c := k.only(k.calls(k.admin, "&due=all"))
		if c.AppointmentID == nil || *c.AppointmentID != visitID || c.Status != "open" || c.Attempts != 0 {
			t.Fatalf("call: %+v", c)
		}
		if want := k.dayAt(1, 10, 0); !c.DueAt.Equal(want) {
			t.Errorf("due %v, want %v (next day, calls open at 10:00 in Warsaw)", c.DueAt.In(k.f.Loc), want)
		}
		if c.PatientName != "Jan Kowalski" || c.PatientPhone != "+48601000001" || c.ServiceName != "Ekstrakcja" ||
			c.DoctorName == nil || *c.DoctorName == "" {
			t.Errorf("call lines: %+v", c)
		}
		if !strings.Contains(c.Script, "Jan") || !strings.Contains(c.Script, "Centrum") || !strings.Contains(c.Script, *c.DoctorName) {
			t.Errorf("script: %q", c.Script)
		}
		// Redelivering the completion plans nothing more.
		if _, err := d.W.ExecContext(context.Background(), `DELETE FROM event_deliveries WHERE subscriber = 'follow_ups'`); err != nil {
			t.Fatal(err)
		}
		k.f.Env.Events.RunOnce(context.Background())
		k.deliver()
		if n := len(k.calls(k.admin, "&due=all")); n != 1 {
			t.Errorf("after redelivery: %d calls, want 1", n)
		}
		k.complete("checkup", 11, "+48601000002")
		list := k.calls(k.admin, "&due=all")
		if len(list) != 2 || !list[1].DueAt.Equal(k.dayAt(3, 10, 0)) {
			t.Errorf("check-up's call: %+v, want due %v", list, k.dayAt(3, 10, 0))
		}
		// Not due today: today's list is empty.
		if n := len(k.calls(k.admin, "")); n != 0 {
			t.Errorf("today's list has %d calls", n)
		}
	})
}

// A service whose rule says no call, and a patient who asked not to be called, get no
// follow-up; opting out also ends the calls the patient already had.
func TestNoCallForServicesWithoutAPlanOrPatientsWhoOptedOut(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		bookingtest.ExpectStatus(t, k.owner.Do(http.MethodPut, "/api/v1/follow-ups/rules/"+k.f.Checkup.ID,
			map[string]any{"days": nil}), http.StatusOK, "")
		k.complete("checkup", 9, "+48601000003")
		if n := len(k.calls(k.admin, "&due=all")); n != 0 {
			t.Fatalf("a service without a plan got %d calls", n)
		}
		k.complete("extraction", 10, "+48601000004")
		c := k.only(k.calls(k.admin, "&due=all"))
		bookingtest.ExpectStatus(t, k.admin.Do(http.MethodPost, "/api/v1/call-opt-outs",
			map[string]any{"patient_id": c.PatientID, "opted_out": true}), http.StatusOK, "")
		if n := len(k.calls(k.admin, "&due=all")); n != 0 {
			t.Fatalf("an opted-out patient keeps %d calls", n)
		}
		k.complete("extraction", 12, "+48601000004")
		if n := len(k.calls(k.admin, "&due=all")); n != 0 {
			t.Fatalf("an opted-out patient got a new call")
		}
	})
}

// Three attempts: the second two hours after the first, the third at the start of the
// next calling day; a retry that would fall after calling hours moves to the next day.
func TestRetriesStayInsideCallingHours(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.openCallDays(2)
		k.complete("extraction", 9, "+48601000005")
		c := k.only(k.calls(k.admin, "&due=all"))
		k.advanceTo(k.dayAt(1, 10, 0))
		step := func(outcome string, due time.Time) {
			t.Helper()
			bookingtest.ExpectStatus(t, k.attempt(k.admin, c.ID, outcome, map[string]any{"note": "no luck"}), http.StatusCreated, "")
			got := k.only(k.calls(k.admin, "&due=all"))
			if !got.DueAt.Equal(due) {
				t.Fatalf("after %s: due %v, want %v", outcome, got.DueAt.In(k.f.Loc), due.In(k.f.Loc))
			}
		}
		step("no_answer", k.dayAt(0, 12, 0))
		k.advanceTo(k.dayAt(0, 12, 5))
		step("busy", k.dayAt(1, 10, 0))
		got := k.only(k.calls(k.admin, "&due=all"))
		if len(got.Previous) != 2 || got.Previous[0].Outcome != "no_answer" || got.Previous[1].Outcome != "busy" {
			t.Errorf("previous attempts: %+v", got.Previous)
		}
		k.advanceTo(k.dayAt(1, 10, 1))
		bookingtest.ExpectStatus(t, k.attempt(k.admin, c.ID, "voicemail", nil), http.StatusCreated, "")
		if n := len(k.calls(k.admin, "&due=all")); n != 0 {
			t.Fatalf("after the last attempt the call is still listed")
		}
		bookingtest.ExpectStatus(t, k.attempt(k.admin, c.ID, "reached", nil), http.StatusConflict, "follow_up_closed")
	})
}

// A first try late in the day is retried the next morning, never after 19:00.
func TestALateFirstRetryMovesToTheNextMorning(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.openCallDays(2)
		k.complete("extraction", 9, "+48601000006")
		c := k.only(k.calls(k.admin, "&due=all"))
		k.advanceTo(k.dayAt(1, 17, 30))
		bookingtest.ExpectStatus(t, k.attempt(k.admin, c.ID, "no_answer", nil), http.StatusCreated, "")
		if got := k.only(k.calls(k.admin, "&due=all")); !got.DueAt.Equal(k.dayAt(1, 10, 0)) {
			t.Errorf("due %v, want the next day at 10:00", got.DueAt.In(k.f.Loc))
		}
	})
}

// Reached, declined and wrong number finish the call and close its task.
func TestFinishingOutcomesCloseTheTask(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		for i, outcome := range []string{"reached", "declined", "wrong_number"} {
			k.complete("extraction", 9+i, "+4860100010"+string(rune('0'+i)))
			list := k.calls(k.admin, "&due=all")
			c := list[len(list)-1]
			r := k.attempt(k.admin, c.ID, outcome, map[string]any{"note": "ok"})
			bookingtest.ExpectStatus(t, r, http.StatusCreated, "")
			var out struct {
				FollowUp struct {
					Status string `json:"status"`
				} `json:"follow_up"`
			}
			r.Decode(t, &out)
			if out.FollowUp.Status != outcome {
				t.Errorf("%s: status %q", outcome, out.FollowUp.Status)
			}
			var status string
			if err := db.Get(context.Background(), d.R, &status, `SELECT status FROM inbox_tasks WHERE id = ?`, c.TaskID); err != nil || status != "done" {
				t.Errorf("%s: task %q %v", outcome, status, err)
			}
		}
	})
}
