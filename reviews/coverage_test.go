package reviews_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/tasks"
	"github.com/frontdeskhq/frontdesk/visit"
)

// nextYear is the year after the test clock's, so fixed dates in it are always ahead.
func (k *kit) nextYear() int { return k.f.Env.Clock.Now().In(k.f.Loc).Year() + 1 }

// expectDue fails unless the only call on the list is due at want.
func (k *kit) expectDue(want time.Time) {
	k.t.Helper()
	if c := k.only(k.calls(k.admin, "&due=all")); !c.DueAt.Equal(want) {
		k.t.Errorf("due %v, want %v", c.DueAt.In(k.f.Loc), want)
	}
}

// A call that would fall on a public holiday of the branch's country (6 January,
// Epiphany in Poland) is due the next open day when calling hours start.
func TestAFollowUpOnAPublicHolidayIsDueTheNextOpenDay(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		y := k.nextYear()
		k.moveTo(k.on(y, time.January, 5, 8))
		k.completeAt("extraction", k.on(y, time.January, 5, 9), "+48601000201")
		k.expectDue(k.on(y, time.January, 7, 10))
	})
}

// A call that would fall on a day the owner closed the branch is due the next open
// day at 10:00.
func TestAFollowUpOnABranchClosureIsDueTheNextOpenDay(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		y := k.nextYear()
		k.moveTo(k.on(y, time.February, 10, 8))
		closed := k.on(y, time.February, 11, 0).Format(time.DateOnly)
		bookingtest.ExpectStatus(t, k.owner.Do(http.MethodPost, "/api/v1/branches/"+k.f.Branch.ID+"/closures",
			map[string]any{"date": closed, "reason": "renovation"}), http.StatusCreated, "")
		k.completeAt("extraction", k.on(y, time.February, 10, 9), "+48601000202")
		k.expectDue(k.on(y, time.February, 12, 10))
	})
}

// lastSunday is the last Sunday of month in year, in Warsaw.
func (k *kit) lastSunday(year int, month time.Month) int {
	day := time.Date(year, month+1, 0, 12, 0, 0, 0, k.f.Loc)
	for day.Weekday() != time.Sunday {
		day = day.AddDate(0, 0, -1)
	}
	return day.Day()
}

// Across the October DST change in Warsaw, the calls are due at 10:00 wall-clock time:
// on the 25-hour day itself (09:00 UTC, no longer 08:00) and on the Tuesday after.
func TestFollowUpsAcrossTheAutumnDSTChangeAreDueAtTenLocal(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		y := k.nextYear()
		sun := k.lastSunday(y, time.October)
		k.moveTo(k.on(y, time.October, sun-1, 8))
		k.completeAt("extraction", k.on(y, time.October, sun-1, 9), "+48601000203")
		k.completeAt("checkup", k.on(y, time.October, sun-1, 11), "+48601000204")
		list := k.calls(k.admin, "&due=all")
		if len(list) != 2 {
			t.Fatalf("calls: %+v", list)
		}
		want := []time.Time{k.on(y, time.October, sun, 10), k.on(y, time.October, sun+2, 10)}
		for i, c := range list {
			if !c.DueAt.Equal(want[i]) || c.DueAt.UTC().Hour() != 9 {
				t.Errorf("call %d due %v (%v UTC), want %v", i, c.DueAt.In(k.f.Loc), c.DueAt.UTC(), want[i])
			}
		}
	})
}

// assignCallsTo sets the branch's calling policy (the defaults) with its calls for
// staffID, or the front desk's queue when nil.
func (k *kit) assignCallsTo(staffID *string) {
	k.t.Helper()
	bookingtest.ExpectStatus(k.t, k.owner.Do(http.MethodPut, "/api/v1/follow-ups/settings", map[string]any{
		"branch_id": k.f.Branch.ID, "calls_open": "10:00", "calls_close": "19:00", "max_attempts": 3,
		"retry_minutes": 120, "queue": tasks.FrontDesk, "assignee_id": staffID}), http.StatusOK, "")
}

// assignee=me keeps the calls whose task is assigned to the caller: the assignee sees
// theirs, another administrator's "me" list is empty while their full list has it.
func TestAssigneeMeListsTheCallsAssignedToTheCaller(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		ana, anaID := k.desk()
		bob, _ := k.desk()
		k.assignCallsTo(&anaID)
		visitID := k.complete("extraction", 9, "+48601000210")
		mine := k.only(k.calls(ana, "&due=all&assignee=me"))
		if mine.AppointmentID == nil || *mine.AppointmentID != visitID || mine.AssigneeID == nil || *mine.AssigneeID != anaID {
			t.Errorf("ana's call: %+v, want visit %s assigned to %s", mine, visitID, anaID)
		}
		if got := k.calls(bob, "&due=all&assignee=me"); len(got) != 0 {
			t.Errorf("bob's assignee=me list: %+v, want none", got)
		}
		if n := len(k.calls(bob, "&due=all")); n != 1 {
			t.Errorf("bob's full list has %d calls, want 1", n)
		}
	})
}

// A claim is not an assignment: a queue call an administrator claimed is on their list
// as theirs to call, but not on their assignee=me list.
func TestAClaimedQueueCallIsNotOnTheClaimersMeList(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.complete("extraction", 9, "+48601000211")
		bob, bobID := k.desk()
		c := k.only(k.calls(bob, "&due=all"))
		bookingtest.ExpectStatus(t, bob.Do(http.MethodPost, "/api/v1/follow-ups/"+c.ID+"/claim", nil), http.StatusOK, "")
		held := k.only(k.calls(bob, "&due=all"))
		if held.ClaimedBy == nil || *held.ClaimedBy != bobID || held.AssigneeID != nil {
			t.Errorf("claimed call: %+v, want claimed by %s, assigned to nobody", held, bobID)
		}
		if got := k.calls(bob, "&due=all&assignee=me"); len(got) != 0 {
			t.Errorf("assignee=me after a claim: %+v, want none", got)
		}
	})
}

// hasTask is whether c's own task list (assignee=me) holds the task id.
func (k *kit) hasTask(c *apitest.Client, id string) bool {
	k.t.Helper()
	r := c.Do(http.MethodGet, "/api/v1/tasks?kind="+tasks.FollowUpCall+"&assignee=me", nil)
	bookingtest.ExpectStatus(k.t, r, http.StatusOK, "")
	var out struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	r.Decode(k.t, &out)
	for _, it := range out.Items {
		if it.ID == id {
			return true
		}
	}
	return false
}

// A calling policy naming a person opens the follow-up task for that person: it is on
// their task list, not on another administrator's, and the row names them.
func TestAPolicyAssigneeGetsTheFollowUpTask(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		ana, anaID := k.desk()
		bob, _ := k.desk()
		k.assignCallsTo(&anaID)
		k.complete("extraction", 9, "+48601000212")
		c := k.only(k.calls(k.admin, "&due=all"))
		if !k.hasTask(ana, c.TaskID) || k.hasTask(bob, c.TaskID) {
			t.Errorf("task %s: on ana's list %v, on bob's %v; want only ana's", c.TaskID, k.hasTask(ana, c.TaskID), k.hasTask(bob, c.TaskID))
		}
		var assignee *string
		if err := db.Get(t.Context(), d.R, &assignee, `SELECT assignee_id FROM inbox_tasks WHERE id = ?`, c.TaskID); err != nil ||
			assignee == nil || *assignee != anaID {
			t.Errorf("task's assignee %v (%v), want %s", assignee, err, anaID)
		}
	})
}

// named registers a patient at branchID and returns its id.
func (k *kit) named(first, last, branchID string) string {
	k.t.Helper()
	k.seq++
	return bookingtest.DecodeID(k.t, k.admin.Do(http.MethodPost, "/api/v1/patients", map[string]any{
		"first_name": first, "last_name": last, "phone": fmt.Sprintf("+4860166%04d", k.seq), "branch_id": branchID}))
}

// startCampaign starts a service campaign with audience; it returns its id and count.
func (k *kit) startCampaign(name string, audience map[string]any) (string, int) {
	k.t.Helper()
	r := k.admin.Do(http.MethodPost, "/api/v1/campaigns", map[string]any{"branch_id": k.f.Branch.ID,
		"name": name, "purpose": "service", "audience": audience})
	bookingtest.ExpectStatus(k.t, r, http.StatusCreated, "")
	var camp struct {
		ID       string `json:"id"`
		Source   string `json:"source"`
		Patients int    `json:"patients"`
	}
	r.Decode(k.t, &camp)
	return camp.ID, camp.Patients
}

// called is the sorted patient ids of a campaign's open calls.
func (k *kit) called(campaignID string) []string {
	var ids []string
	for _, c := range k.calls(k.admin, "&due=all&campaign_id="+campaignID) {
		ids = append(ids, c.PatientID)
	}
	slices.Sort(ids)
	return ids
}

// elsewhere creates a second branch and returns its id.
func (k *kit) elsewhere() string {
	b := bookingtest.Must(k.f.Env.Clinic.CreateBranch(context.Background(), clinic.BranchInput{Name: "Mokotów",
		Address: "ul. Puławska 1, Warszawa", Phone: "+48221234568", Country: "PL", TimeZone: "Europe/Warsaw",
		Locale: "pl", Currency: "PLN", Hours: k.f.Branch.Hours}))(k.t)
	return b.ID
}

// A campaign from the directory's filter calls the branch's patients the name prefix
// finds, not another name, not a match registered at another branch; an empty filter
// calls every patient of the branch and still nobody from the other.
func TestACampaignFromADirectoryFilterCallsTheBranchsMatches(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		other := k.elsewhere()
		here := k.f.Branch.ID
		kowal := []string{k.named("Ewa", "Kowalska", here), k.named("Piotr", "Kowalczyk", here)}
		nowak := k.named("Anna", "Nowak", here)
		k.named("Adam", "Kowalewski", other)
		id, n := k.startCampaign("Kowal", map[string]any{"filter": map[string]any{"q": "kowal"}})
		slices.Sort(kowal)
		if got := k.called(id); n != 2 || !slices.Equal(got, kowal) {
			t.Errorf("filter q=kowal: %d patients, called %v, want %v", n, got, kowal)
		}
		all := append(slices.Clone(kowal), nowak)
		slices.Sort(all)
		id, n = k.startCampaign("Everyone", map[string]any{"filter": map[string]any{"q": ""}})
		if got := k.called(id); n != 3 || !slices.Equal(got, all) {
			t.Errorf("empty filter: %d patients, called %v, want %v", n, got, all)
		}
	})
}

// figuresOf reads the figures over the eight days from the local date of day (retries
// move past Christmas's three closed days); campaignID "" is the whole branch.
func (k *kit) figuresOf(campaignID string, day time.Time) figures {
	k.t.Helper()
	local := day.In(k.f.Loc)
	q := "?branch_id=" + k.f.Branch.ID + "&from=" + local.Format(time.DateOnly) +
		"&to=" + local.AddDate(0, 0, 7).Format(time.DateOnly)
	if campaignID != "" {
		q += "&campaign_id=" + campaignID
	}
	r := k.owner.Do(http.MethodGet, "/api/v1/follow-ups/figures"+q, nil)
	bookingtest.ExpectStatus(k.t, r, http.StatusOK, "")
	var f figures
	r.Decode(k.t, &f)
	return f
}

// totals is a figure's reach numerators and its completion's calls due and done.
func totals(f figures) [6]int {
	due, done := 0, 0
	for _, c := range f.Completion {
		due, done = due+c.Due, done+c.Done
	}
	return [6]int{f.Attempted, f.First.Numerator, f.Second.Numerator, f.Overall.Numerator, due, done}
}

// twoCampaigns starts two service campaigns of two new patients each and returns
// their ids with their calls, in patient order.
func (k *kit) twoCampaigns() ([2]string, [2][]call) {
	var ids [2]string
	var lists [2][]call
	for i := range ids {
		ids[i], _ = k.startCampaign(fmt.Sprintf("Campaign %d", i), map[string]any{"patient_ids": []string{k.patient(nil), k.patient(nil)}})
	}
	for i, id := range ids {
		lists[i] = k.calls(k.admin, "&due=all&campaign_id="+id)
		slices.SortFunc(lists[i], func(a, b call) int { return strings.Compare(a.PatientID, b.PatientID) })
	}
	return ids, lists
}

// Branch-wide figures (no campaign_id) add up two campaigns' figures: reach on the
// first, by the second and overall, and completion's calls due and done.
func TestBranchFiguresAddUpOverTwoCampaigns(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		ids, lists := k.twoCampaigns()
		start := lists[0][0].DueAt
		k.advanceTo(start)
		k.try(lists[0][0], "reached")
		k.try(lists[0][1], "no_answer")
		k.try(lists[1][0], "no_answer")
		k.try(lists[1][1], "busy")
		retry := k.only(slices.DeleteFunc(k.calls(k.admin, "&due=all&campaign_id="+ids[1]),
			func(c call) bool { return c.PatientID != lists[1][0].PatientID }))
		k.advanceTo(retry.DueAt)
		k.try(retry, "reached")
		a, b, all := totals(k.figuresOf(ids[0], start)), totals(k.figuresOf(ids[1], start)), totals(k.figuresOf("", start))
		if want := [6]int{2, 1, 1, 1, 3, 2}; a != want {
			t.Errorf("campaign A: %v, want %v", a, want)
		}
		if want := [6]int{2, 0, 1, 1, 4, 3}; b != want {
			t.Errorf("campaign B: %v, want %v", b, want)
		}
		if want := [6]int{4, 1, 2, 2, 7, 5}; all != want {
			t.Errorf("branch: %v (attempted, first, second, overall, due, done), want %v = A + B", all, want)
		}
	})
}

// A cancelled visit gets no follow-up call: with its events delivered, and even with a
// stray completion event for it, there is no follow-up and no call task.
func TestACancelledVisitGetsNoFollowUpCall(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		id := bookingtest.DecodeID(t, k.admin.Do(http.MethodPost, "/api/v1/appointments",
			k.f.Booking(0, k.f.Extraction, k.f.At(9, 0), "+48601000220")))
		path := "/api/v1/appointments/" + id
		bookingtest.ExpectStatus(t, k.admin.Do(http.MethodPost, path+"/confirm", nil), http.StatusOK, "")
		bookingtest.ExpectStatus(t, k.admin.Do(http.MethodPost, path+"/cancel", map[string]string{"reason": "patient is ill"}), http.StatusOK, "")
		k.deliver()
		if err := k.f.Env.Reviews.OnEvent(t.Context(), visit.Event{Kind: visit.EventCompleted, VisitID: id}); err != nil {
			t.Fatal(err)
		}
		var rows, taskRows int
		if err := db.Get(t.Context(), d.R, &rows, `SELECT COUNT(*) FROM follow_ups WHERE appointment_id = ?`, id); err != nil {
			t.Fatal(err)
		}
		if err := db.Get(t.Context(), d.R, &taskRows, `SELECT COUNT(*) FROM inbox_tasks WHERE kind = ? AND appointment_id = ?`,
			tasks.FollowUpCall, id); err != nil {
			t.Fatal(err)
		}
		if got := k.calls(k.admin, "&due=all"); rows != 0 || taskRows != 0 || len(got) != 0 {
			t.Errorf("cancelled visit: %d follow-ups, %d tasks, calls %+v; want none", rows, taskRows, got)
		}
	})
}
