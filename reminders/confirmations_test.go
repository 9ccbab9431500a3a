package reminders_test

import (
	"net/http"
	"path"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// TestStaffBookingConfirmed: a phone booking by the front desk sends the patient the
// confirmation with the manage link in the booking's transaction; once the owner turns
// phone confirmations off, the next phone booking sends none (and the other sources
// still do).
func TestStaffBookingConfirmed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.at(0, 9, 0))
		booked := f.confirmations(a.ID)
		if len(booked) != 1 || booked[0].Template != messaging.TemplateBookingConfirmation ||
			!strings.Contains(booked[0].Body, "Götgatan 1") || !strings.Contains(booked[0].Body, "/") {
			t.Fatalf("confirmation %+v", booked)
		}
		owner := f.env.As(actor.Owner)
		path := "/api/v1/branches/" + f.branch.ID + "/booking-confirmations"
		var got map[string]bool
		owner.Do(http.MethodGet, path, nil).Decode(t, &got)
		if !got["admin"] || !got["phone"] || !got["doctor_app"] || !got["walk_in"] {
			t.Fatalf("defaults %v", got)
		}
		r := owner.Do(http.MethodPut, path, map[string]any{"admin": true, "phone": false, "doctor_app": true, "walk_in": true})
		if r.Status != http.StatusOK {
			t.Fatalf("put %d %s", r.Status, r.Body)
		}
		if r := owner.Do(http.MethodPut, path, map[string]any{"admin": true}); r.Status != http.StatusBadRequest {
			t.Fatalf("partial put %d %s", r.Status, r.Body)
		}
		owner.Do(http.MethodGet, path, nil).Decode(t, &got)
		if got["phone"] || !got["admin"] {
			t.Fatalf("stored %v", got)
		}
		b := f.book(f.at(1, 9, 0))
		if rows := f.confirmations(b.ID); len(rows) != 0 {
			t.Fatalf("phone confirmations are off, yet %+v", rows)
		}
		if rows := keyed(f.outbox(b.ID), "reminder:"); len(rows) == 0 {
			t.Fatal("turning confirmations off must leave reminders alone")
		}
	})
}

// TestSameDayBookingReminded: a visit booked in the morning for the afternoon falls
// after every default rule's moment, yet still gets one reminder two hours before; a
// visit an hour ahead gets none.
func TestSameDayBookingReminded(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		today := f.openMorning()
		a := f.book(today.Add(6 * time.Hour))
		ps := plans(t, f, a.ID)
		if len(ps) != 1 || ps[0].Rule != "soon" || !ps[0].DueAt.Equal(today.Add(4*time.Hour)) {
			t.Fatalf("same-day plans %v", summary(ps))
		}
		reminded := keyed(f.outbox(a.ID), "reminder:")
		if len(reminded) != 1 || !reminded[0].NotBefore.Equal(today.Add(4*time.Hour)) {
			t.Fatalf("same-day reminder rows %+v", reminded)
		}
		// The confirmation and the reminder, queued in one transaction, share one manage link.
		var links int
		err := db.Get(t.Context(), d.R, &links, `SELECT COUNT(*) FROM patient_links WHERE appointment_id = ? AND purpose = 'manage_visit'`, a.ID)
		booked := f.confirmations(a.ID)
		if err != nil || links != 1 || len(booked) != 1 {
			t.Fatalf("%d manage links (%v) for a confirmation %+v and a reminder", links, err, booked)
		}
		// …and one short link to it, which both texts carry.
		short := shortLinkIn(t, booked[0].Body)
		if got := shortLinkIn(t, reminded[0].Body); got != short {
			t.Fatalf("the reminder carries %s, the confirmation %s", got, short)
		}
		var shorts int
		err = db.Get(t.Context(), d.R, &shorts, `SELECT COUNT(*) FROM short_links WHERE code = ?`, path.Base(short))
		if err != nil || shorts != 1 {
			t.Fatalf("short link %s stored %d times (%v)", short, shorts, err)
		}
		if b := f.book(today.Add(time.Hour)); len(plans(t, f, b.ID)) != 0 {
			t.Fatalf("a visit an hour ahead got %v", summary(plans(t, f, b.ID)))
		}
	})
}

// shortLinkIn is the one short link (…/l/<code>) a text's body carries.
func shortLinkIn(t *testing.T, body string) string {
	t.Helper()
	links := regexp.MustCompile(`https?://\S+/l/[0-9A-Za-z]+`).FindAllString(body, -1)
	if len(links) != 1 {
		t.Fatalf("want one short link in %q, found %v", body, links)
	}
	return links[0]
}
