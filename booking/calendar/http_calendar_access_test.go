package calendar_test

import (
	"bytes"
	"context"
	"net/http"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/staff"
)

// bump changes a visit as the lifecycle does: a new status and the next SEQUENCE.
func (f *calFixture) bump(id, status string) {
	f.t.Helper()
	f.env.Clock.Advance(time.Minute)
	err := db.Exec(context.Background(), f.d.W, `UPDATE appointments SET status = ?, sequence = sequence + 1, updated_at = ?
		WHERE id = ?`, status, f.env.Clock.Now(), id)
	if err != nil {
		f.t.Fatalf("bump: %v", err)
	}
}

func TestCalendarFeedIsStableAndFollowsChanges(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newCalFixture(t, d)
		a, _ := f.add(calVisit{f.warsaw, f.chairW, 0, 2, "booked"})
		b, _ := f.add(calVisit{f.warsaw, f.chairW, 0, 3, "booked"})
		path := f.feedURL(f.docAPI[0], "")
		first, events := f.fetch(path)
		again, _ := f.fetch(path)
		if !bytes.Equal(first.Body, again.Body) || first.Header.Get("ETag") == "" ||
			first.Header.Get("ETag") != again.Header.Get("ETag") {
			t.Fatal("two fetches of an unchanged feed differ")
		}
		calSameIDs(t, events, a, b)
		poll := f.env.Anonymous()
		poll.Header.Set("If-None-Match", first.Header.Get("ETag"))
		if r := poll.Do(http.MethodGet, path, nil); r.Status != http.StatusNotModified {
			t.Fatalf("If-None-Match of the current ETag: %d, want 304", r.Status)
		}

		f.bump(a, "confirmed")
		r, events := f.fetch(path)
		calSameIDs(t, events, a, b)
		calExpectEvent(t, events[a], "1", "CONFIRMED")
		calExpectEvent(t, events[b], "0", "TENTATIVE")
		if r.Header.Get("ETag") == first.Header.Get("ETag") {
			t.Error("the ETag did not change with the feed")
		}
		f.bump(a, "cancelled")
		_, events = f.fetch(path)
		calExpectEvent(t, events[a], "2", "CANCELLED")
		if got := icsProp(events[a], ics.ComponentPropertyTransp); got != "TRANSPARENT" {
			t.Errorf("a cancelled visit still blocks time: TRANSP %q", got)
		}
	})
}

func calExpectEvent(t *testing.T, ev *ics.VEvent, sequence, status string) {
	t.Helper()
	if ev == nil {
		t.Fatal("event missing")
	}
	if got := icsProp(ev, ics.ComponentPropertySequence); got != sequence {
		t.Errorf("SEQUENCE %s, want %s", got, sequence)
	}
	if got := icsProp(ev, ics.ComponentPropertyStatus); got != status {
		t.Errorf("STATUS %s, want %s", got, status)
	}
}

func TestCalendarFeedRevocation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newCalFixture(t, d)
		doc := f.docAPI[0]
		path := f.feedURL(doc, "")
		var again calFeeds
		doc.Do(http.MethodGet, "/api/v1/me/calendar", nil).Decode(t, &again)
		if again.Created != nil || len(again.Feeds) != 1 || again.Feeds[0].Kind != "doctor" ||
			again.Feeds[0].SubjectID != f.doctors[0].ID {
			t.Fatalf("a second call made or showed a token, or lost the feed: %+v", again)
		}
		f.fetch(path)
		if r := doc.Do(http.MethodDelete, "/api/v1/me/calendar", nil); r.Status != http.StatusNoContent {
			t.Fatalf("revoke: %d %s", r.Status, r.Body)
		}
		calProblem(t, f.env.Anonymous().Do(http.MethodGet, path, nil), http.StatusNotFound, "calendar_not_found")
		fresh := f.feedURL(doc, "")
		if fresh == path {
			t.Fatal("the new URL is the revoked one")
		}
		f.fetch(fresh)
		anon := f.env.Anonymous()
		for _, bad := range []string{fresh[:len(fresh)-4], fresh[:len(fresh)-4] + ".ical", "/api/v1/calendars/abc.ics",
			"/api/v1/calendars/" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics"} {
			calProblem(t, anon.Do(http.MethodGet, bad, nil), http.StatusNotFound, "calendar_not_found")
		}
		calProblem(t, anon.Do(http.MethodGet, "/api/v1/me/calendar", nil), http.StatusUnauthorized, "unauthorized")
	})
}

func TestCalendarFeedStopsWithItsOwner(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newCalFixture(t, d)
		path := f.feedURL(f.docAPI[1], "")
		f.fetch(path)
		off := false
		if _, err := f.env.Staff.Update(t.Context(), f.docIDs[1], staff.Change{Active: &off}); err != nil {
			t.Fatal(err)
		}
		calProblem(t, f.env.Anonymous().Do(http.MethodGet, path, nil), http.StatusNotFound, "calendar_not_found")
	})
}

// TestCalendarFeedAccess: staff subscribe only to calendars they may see, and a feed
// shows only its own doctor's, chair's or branch's visits.
func TestCalendarFeedAccess(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newCalFixture(t, d)
		inW, _ := f.add(calVisit{f.warsaw, f.chairW, 1, 2, "booked"})
		inM, _ := f.add(calVisit{f.moscow, f.chairM, 0, 2, "booked"})
		nurseStaff := f.newStaff("cal-nurse@clinic.test", actor.Nurse, f.warsaw.ID)
		nurse := f.login("cal-nurse@clinic.test")
		admin := f.env.As(actor.Admin)

		var list calFeeds
		nurse.Do(http.MethodGet, "/api/v1/me/calendar", nil).Decode(t, &list)
		if list.Created != nil || len(list.Feeds) != 0 {
			t.Fatalf("a nurse has no calendar of her own, yet: %+v", list)
		}
		calProblem(t, nurse.Do(http.MethodGet, "/api/v1/me/calendar?kind=doctor", nil), http.StatusBadRequest, "validation_failed")
		calProblem(t, nurse.Do(http.MethodGet, "/api/v1/me/calendar?subject_id="+f.warsaw.ID, nil), http.StatusBadRequest, "validation_failed")
		calProblem(t, nurse.Do(http.MethodGet, "/api/v1/me/calendar?kind=branch&subject_id="+f.moscow.ID, nil), http.StatusForbidden, "calendar_forbidden")
		calProblem(t, nurse.Do(http.MethodGet, "/api/v1/me/calendar?kind=chair&subject_id="+f.chairM.ID, nil), http.StatusForbidden, "calendar_forbidden")
		calProblem(t, nurse.Do(http.MethodGet, "/api/v1/me/calendar?kind=doctor&subject_id="+f.doctors[1].ID, nil), http.StatusForbidden, "calendar_forbidden")
		calProblem(t, f.docAPI[0].Do(http.MethodGet, "/api/v1/me/calendar?kind=doctor&subject_id="+f.doctors[1].ID, nil), http.StatusForbidden, "calendar_forbidden")
		calProblem(t, admin.Do(http.MethodGet, "/api/v1/me/calendar?kind=branch&subject_id="+f.patient.ID, nil), http.StatusNotFound, "calendar_subject_not_found")
		calProblem(t, admin.Do(http.MethodGet, "/api/v1/me/calendar?kind=chair", nil), http.StatusBadRequest, "validation_failed")

		branchFeed := f.feedURL(nurse, "?kind=branch&subject_id="+f.warsaw.ID)
		_, events := f.fetch(branchFeed)
		calSameIDs(t, events, inW)
		_, events = f.fetch(f.feedURL(nurse, "?kind=chair&subject_id="+f.chairW.ID))
		calSameIDs(t, events, inW)
		_, events = f.fetch(f.feedURL(admin, "?kind=doctor&subject_id="+f.doctors[0].ID))
		calSameIDs(t, events, inM)
		_, events = f.fetch(f.feedURL(admin, "?kind=branch&subject_id="+f.moscow.ID))
		calSameIDs(t, events, inM)

		nurse.Do(http.MethodGet, "/api/v1/me/calendar", nil).Decode(t, &list)
		if len(list.Feeds) != 2 || list.Created != nil {
			t.Fatalf("the nurse's two feeds are not listed: %+v", list)
		}
		none := []string{}
		if _, err := f.env.Staff.Update(t.Context(), nurseStaff.ID, staff.Change{BranchIDs: &none}); err != nil {
			t.Fatal(err)
		}
		calProblem(t, f.env.Anonymous().Do(http.MethodGet, branchFeed, nil), http.StatusNotFound, "calendar_not_found")
	})
}
