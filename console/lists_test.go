package console_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/booking/waitlist"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/reviews"
	"github.com/frontdeskhq/frontdesk/reviews/recall"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// Each tab lists what the desk acts on, and its label counts it: a task, an
// unanswered visit of the next working day, a declined reply, a freed time offered
// to a waiting patient, a follow-up call, a missed call.
func TestListsTabsShowTheirRowsAndCounts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		lc := newListsClinic(k, "en")
		lc.task(tasks.DeliveryFailed, "The reminder to Wiśniewska did not arrive", lc.patient("Wiśniewska").ID)
		lc.book("Zielińska", lc.workDay(10, 0))
		lc.task(tasks.Decline, "Kamińska will not come", lc.patient("Kamińska").ID)
		lc.task(tasks.Callback, "Missed call from +48601000999", "")
		caller := lc.patient("Lewandowska")
		_, err := k.e.Reviews.StartCampaign(lc.ctx, reviews.CampaignIn{BranchID: lc.branch.ID, Name: "Check-in calls",
			Purpose: reviews.PurposeService, Script: "How are you?", Audience: reviews.Audience{PatientIDs: []string{caller.ID}}})
		listsMust(t, err)
		waiting := lc.patient("Dąbrowska")
		freed := lc.book("Wójcik", lc.workDay(12, 0))
		day := freed.Start.In(lc.loc).Format("2006-01-02")
		_, err = k.e.Waitlist.Join(lc.ctx, waitlist.JoinRequest{PatientID: waiting.ID, BranchID: lc.branch.ID,
			ServiceID: lc.proc.ID, Earliest: day, Latest: day})
		listsMust(t, err)
		_, err = k.e.Booking.Move(lc.ctx, freed.ID, booking.Change{Action: booking.ActionCancel, Reason: "ill"})
		listsMust(t, err)
		lc.deliver()

		dk := k.desk()
		dk.signIn(k.staffMember(actor.Admin, lc.branch.ID))
		for tab, want := range map[string]string{"tasks": "did not arrive", "unconfirmed": "Zielińska",
			"replies": "Kamińska", "waitlist": "Dąbrowska", "follow_ups": "Lewandowska", "callbacks": "48601000999"} {
			p := lc.tab(dk, tab)
			if got := listsCount(p, tab); got != "1" {
				t.Errorf("tab %s counts %q, want 1", tab, got)
			}
			if !strings.Contains(p.Body, want) {
				t.Errorf("tab %s does not show %q:\n%s", tab, want, p.Body)
			}
		}
		if p := lc.tab(dk, "tasks"); strings.Contains(p.Body, "Kamińska will not come") || listsCount(p, "recall") != "0" {
			t.Error("the tasks tab shows a reply's task, or recall counts what is not due")
		}
	})
}

// Two desks never call one patient: the second to take a task is refused with 409
// and a message saying someone else has it, and the task leaves the other's list.
func TestClaimingATaskTwiceFromTwoDesksIsRefused(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		lc := newListsClinic(k, "pl")
		id := lc.task(tasks.Callback, "Missed call from +48601000111", "")
		one, two := k.desk(), k.desk()
		one.signIn(k.staffMember(actor.Admin, lc.branch.ID))
		two.signIn(k.staffMember(actor.Admin, lc.branch.ID))
		list := "/console/lists?branch=" + lc.branch.ID + "&tab=callbacks"
		formTwo := two.get(list)
		act := "/console/lists/tasks/" + id + "/claim?branch=" + lc.branch.ID + "&tab=callbacks"
		if r := one.postFrom(list, act, nil); r.Status != http.StatusSeeOther {
			t.Fatalf("first claim: %d\n%s", r.Status, r.Body)
		}
		r := two.post(act, url.Values{"_csrf": {formTwo.csrf(t)}})
		if r.Status != http.StatusConflict || !strings.Contains(r.Body, "Ktoś inny właśnie się tym zajmuje") ||
			!strings.Contains(r.Body, `role="alert"`) {
			t.Fatalf("second claim: %d, want 409 with the message\n%s", r.Status, r.Body)
		}
		if p := two.get(list); strings.Contains(p.Body, "+48601000111") || listsCount(p, "callbacks") != "0" {
			t.Error("a task someone else holds is still on the other desk's list")
		}
		if p := one.get(list); !strings.Contains(p.Body, "przez Ciebie") {
			t.Error("the desk holding the task is not told it holds it")
		}
	})
}

// An attempt without an outcome, or a closing note too long, is the list again with
// the field marked, in the Polish-speaking administrator's language; nothing is stored.
func TestBadAttemptsAreMarkedInTheStaffLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		lc := newListsClinic(k, "pl")
		id := lc.task(tasks.DeliveryFailed, "Nie doręczono", lc.patient("Nowicka").ID)
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Admin, lc.branch.ID))
		list := "/console/lists?branch=" + lc.branch.ID + "&tab=tasks"
		base := "/console/lists/tasks/" + id
		r := dk.postFrom(list, base+"/attempt?branch="+lc.branch.ID+"&tab=tasks", url.Values{"note": {"dzwoniłam"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="outcome-`+id+`" name="outcome" required aria-invalid="true"`) ||
			!strings.Contains(r.Body, "To pole jest wymagane.") || !strings.Contains(r.Body, `value="dzwoniłam"`) {
			t.Fatalf("attempt without outcome: %d\n%s", r.Status, r.Body)
		}
		long := dk.postFrom(list, base+"/done?branch="+lc.branch.ID+"&tab=tasks", url.Values{"note": {strings.Repeat("x", 2001)}})
		if long.Status != http.StatusUnprocessableEntity || !strings.Contains(long.Body, "Notatka jest za długa") {
			t.Fatalf("done with a long note: %d", long.Status)
		}
		task, err := k.e.Tasks.Get(lc.ctx, id)
		if err != nil || task.Status != "open" || task.AttemptCount != 0 {
			t.Fatalf("a refused form changed the task: %+v %v", task, err)
		}
		ok := dk.postFrom(list, base+"/attempt?branch="+lc.branch.ID+"&tab=tasks", url.Values{"outcome": {"no_answer"}})
		done := dk.postFrom(list, base+"/done?branch="+lc.branch.ID+"&tab=tasks", url.Values{"note": {"oddzwoniła"}})
		if ok.Status != http.StatusSeeOther || done.Status != http.StatusSeeOther {
			t.Fatalf("attempt %d, done %d", ok.Status, done.Status)
		}
		if task, _ = k.e.Tasks.Get(lc.ctx, id); task.Status != "done" || task.AttemptCount != 1 || task.DoneNote != "oddzwoniła" {
			t.Errorf("after the attempt and done: %+v", task)
		}
	})
}

// A follow-up call is taken, tried and logged from its tab; an unconfirmed visit is
// confirmed by phone in one click.
func TestFollowUpAttemptAndPhoneConfirmation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		lc := newListsClinic(k, "en")
		p := lc.patient("Kaczmarek")
		_, err := k.e.Reviews.StartCampaign(lc.ctx, reviews.CampaignIn{BranchID: lc.branch.ID, Name: "Calls",
			Purpose: reviews.PurposeService, Script: "Hello", Audience: reviews.Audience{PatientIDs: []string{p.ID}}})
		listsMust(t, err)
		v := lc.book("Mazur", lc.workDay(9, 0))
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Admin, lc.branch.ID))
		list := "/console/lists?branch=" + lc.branch.ID + "&tab=follow_ups"
		page, err := k.e.Reviews.Calls(lc.ctx, reviews.CallFilter{BranchID: lc.branch.ID, Due: reviews.DueAll})
		listsMust(t, err)
		if len(page.Items) != 1 {
			t.Fatalf("calls: %+v", page.Items)
		}
		act := "/console/lists/follow-ups/" + page.Items[0].ID + "/attempt?branch=" + lc.branch.ID + "&tab=follow_ups"
		if r := dk.postFrom(list, act, url.Values{}); r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("call attempt without outcome: %d", r.Status)
		}
		if r := dk.postFrom(list, act, url.Values{"outcome": {"reached"}, "note": {"all good"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("call attempt: %d\n%s", r.Status, r.Body)
		}
		if p := dk.get(list); listsCount(p, "follow_ups") != "0" {
			t.Error("a reached call is still on the list")
		}
		confirm := "/console/lists/visits/" + v.ID + "/confirm?branch=" + lc.branch.ID + "&tab=unconfirmed"
		if r := dk.postFrom(list, confirm, nil); r.Status != http.StatusSeeOther {
			t.Fatalf("confirm: %d\n%s", r.Status, r.Body)
		}
		if got, _ := k.e.Booking.Get(lc.ctx, v.ID); got.Status != "confirmed" {
			t.Errorf("visit after confirming by phone: %s", got.Status)
		}
	})
}

// The lists are the front desk's: a nurse is refused them, and their actions.
func TestNurseCannotOpenTheLists(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		lc := newListsClinic(k, "en")
		id := lc.task(tasks.Callback, "Missed call", "")
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Nurse, lc.branch.ID))
		if p := dk.get("/console/lists"); p.Status != http.StatusForbidden {
			t.Errorf("nurse on the lists: %d", p.Status)
		}
		csrf := dk.get("/console/supplies").csrf(t)
		if r := dk.post("/console/lists/tasks/"+id+"/claim", url.Values{"_csrf": {csrf}}); r.Status != http.StatusForbidden {
			t.Errorf("nurse claiming a task: %d", r.Status)
		}
	})
}

// A recall falls due months after a completed visit: it shows on the recall tab and
// one click takes it off.
func TestRecallDueShowsAndIsDismissed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		lc := newListsClinic(k, "en")
		_, err := k.e.Recall.SetRule(lc.ctx, lc.proc.ID, 6)
		listsMust(t, err)
		v := lc.book("Ostrowska", lc.workDay(10, 0))
		k.e.Clock.Advance(v.Start.Sub(k.e.Clock.Now()) + 5*time.Minute)
		for _, c := range []booking.Change{{Action: booking.ActionCheckIn}, {Action: booking.ActionSeat, OverrideReason: "signed on paper"},
			{Action: booking.ActionComplete}} {
			_, err := k.e.Booking.Move(lc.ctx, v.ID, c)
			listsMust(t, err)
		}
		lc.deliver()
		k.e.Clock.Advance(190 * 24 * time.Hour)
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Admin, lc.branch.ID))
		p := lc.tab(dk, "recall")
		if listsCount(p, "recall") != "1" || !strings.Contains(p.Body, "Ostrowska") {
			t.Fatalf("recall tab:\n%s", p.Body)
		}
		page, err := k.e.Recall.List(lc.ctx, recall.Filter{BranchID: lc.branch.ID, Limit: 10})
		listsMust(t, err)
		list := "/console/lists?branch=" + lc.branch.ID + "&tab=recall"
		act := "/console/lists/recalls/" + page.Items[0].ID + "/dismiss?branch=" + lc.branch.ID + "&tab=recall"
		if r := dk.postFrom(list, act, nil); r.Status != http.StatusSeeOther {
			t.Fatalf("dismiss: %d\n%s", r.Status, r.Body)
		}
		if p := dk.get(list); listsCount(p, "recall") != "0" {
			t.Error("a dismissed recall is still counted")
		}
	})
}
