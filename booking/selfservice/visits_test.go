package selfservice_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestManageLinkConfirmRescheduleCancel(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newSelfKit(t, d)
		booked, token := k.book(0, k.At(10, 0), phoneN(1))
		v := decodeVisit(t, k.act(token, "confirm", nil), http.StatusOK)
		if v.Status != "confirmed" || v.CanConfirm || !v.CanChange {
			t.Fatalf("confirmed: %+v", v)
		}
		if v := decodeVisit(t, k.act(token, "confirm", nil), http.StatusOK); v.Status != "confirmed" {
			t.Errorf("confirming twice: %+v", v)
		}
		moved := decodeVisit(t, k.act(token, "reschedule", map[string]any{"start": k.At(16, 30).Format(time.RFC3339)}), http.StatusOK)
		if moved.ID == booked.Visit.ID || moved.Status != "booked" || !moved.Start.Equal(k.At(16, 30)) || moved.Doctor.ID != k.Doctors[0].ID {
			t.Fatalf("moved: %+v", moved)
		}
		if v := decodeVisit(t, k.visit(token), http.StatusOK); v.ID != moved.ID {
			t.Errorf("the link shows %s, want the new visit %s", v.ID, moved.ID)
		}
		if n := k.count(`SELECT COUNT(*) FROM appointments WHERE id = ? AND status = 'rescheduled' AND rescheduled_to = ?`,
			booked.Visit.ID, moved.ID); n != 1 {
			t.Error("the old visit is not marked rescheduled to the new one")
		}
		bookingtest.ExpectStatus(t, k.act(token, "cancel", map[string]any{"reason": ""}), http.StatusBadRequest, "validation_failed")
		cancelled := decodeVisit(t, k.act(token, "cancel", map[string]any{"reason": "I feel better"}), http.StatusOK)
		if cancelled.ID != moved.ID || cancelled.Status != "cancelled" || cancelled.CanChange || cancelled.CanConfirm {
			t.Fatalf("cancelled: %+v", cancelled)
		}
		bookingtest.ExpectStatus(t, k.act(token, "cancel", map[string]any{"reason": "again"}), http.StatusConflict, "invalid_transition")
		if n := k.count(`SELECT COUNT(*) FROM appointments WHERE id = ? AND cancelled_by = 'patient' AND cancel_reason = 'I feel better'`,
			moved.ID); n != 1 {
			t.Error("the cancellation does not say the patient made it and why")
		}
		if n := k.count(`SELECT COUNT(*) FROM audit_log WHERE actor_kind = 'patient' AND patient_link LIKE 'link:%'`); n < 4 {
			t.Errorf("%d audit rows name the link, want the confirm, move and cancel", n)
		}
		bookingtest.AssertNoOverlaps(t, d)
	})
}

func TestManageLinkRescheduleKeepsTheRules(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newSelfKit(t, d)
		_, token := k.book(0, k.At(10, 0), phoneN(1))
		k.book(0, k.At(11, 0), phoneN(2))
		cases := []struct {
			start  time.Time
			status int
			code   string
		}{
			{k.At(11, 0), http.StatusConflict, "slot_taken"},
			{k.At(10, 35), http.StatusUnprocessableEntity, "not_on_grid"},
			{k.Env.Clock.Now().Add(-time.Hour), http.StatusUnprocessableEntity, "too_soon"},
			{k.At(10, 0).AddDate(0, 0, 90), http.StatusUnprocessableEntity, "too_far"},
		}
		for _, c := range cases {
			r := k.act(token, "reschedule", map[string]any{"start": c.start.Format(time.RFC3339)})
			bookingtest.ExpectStatus(t, r, c.status, c.code)
		}
		bookingtest.ExpectStatus(t, k.act(token, "reschedule", map[string]any{"start": "tomorrow"}), http.StatusBadRequest, "validation_failed")
		if v := decodeVisit(t, k.visit(token), http.StatusOK); v.Status != "booked" || !v.Start.Equal(k.At(10, 0)) {
			t.Errorf("a refused move changed the visit: %+v", v)
		}
	})
}

// TestTooLateToChangeOnline moves the clock into the change window: cancelling and
// moving then send the patient to the branch's phone, while confirming still works.
func TestTooLateToChangeOnline(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newSelfKit(t, d)
		_, token := k.book(0, k.At(10, 0), phoneN(1))
		k.moveClockTo(k.At(10, 0).Add(-23 * time.Hour))
		if v := decodeVisit(t, k.visit(token), http.StatusOK); v.CanChange || !v.CanConfirm {
			t.Errorf("inside the window: %+v", v)
		}
		for action, body := range map[string]any{"cancel": map[string]any{"reason": "ill"},
			"reschedule": map[string]any{"start": k.At(15, 0).Format(time.RFC3339)}} {
			r := k.act(token, action, body)
			bookingtest.ExpectStatus(t, r, http.StatusConflict, "too_late_to_change")
			if p := r.Problem(t); !strings.Contains(p.Detail, "+48221234567") {
				t.Errorf("%s: the detail does not name the branch phone: %q", action, p.Detail)
			}
		}
		if v := decodeVisit(t, k.act(token, "confirm", nil), http.StatusOK); v.Status != "confirmed" {
			t.Errorf("confirming inside the window: %+v", v)
		}
		k.moveClockTo(k.At(10, 30))
		bookingtest.ExpectStatus(t, k.act(token, "cancel", map[string]any{"reason": "ill"}), http.StatusConflict, "too_late_to_change")
	})
}

func TestBadAndExpiredLinksAreNotFound(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newSelfKit(t, d)
		_, token := k.book(0, k.At(10, 0), phoneN(1))
		other := strings.Repeat("A", 43)
		for _, bad := range []string{other, "short", token + "x", strings.ToUpper(token)} {
			if bad == token {
				continue
			}
			bookingtest.ExpectStatus(t, k.visit(bad), http.StatusNotFound, "link_not_found")
			bookingtest.ExpectStatus(t, k.act(bad, "confirm", nil), http.StatusNotFound, "link_not_found")
			bookingtest.ExpectStatus(t, k.act(bad, "cancel", map[string]any{"reason": "x"}), http.StatusNotFound, "link_not_found")
		}
		k.moveClockTo(k.At(10, 30).Add(24*time.Hour + time.Minute))
		bookingtest.ExpectStatus(t, k.visit(token), http.StatusNotFound, "link_not_found")
	})
}

func decodeVisit(t *testing.T, r *apitest.Response, status int) visitJSON {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	var v visitJSON
	r.Decode(t, &v)
	return v
}
