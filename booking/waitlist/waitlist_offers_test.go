package waitlist_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

func TestCancellationOffersTheTimeToMatchingEntriesOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newWaitKit(t, d)
		start := k.At(10, 0)
		weekday := int(start.Weekday()+6)%7 + 1
		entry := func(phone, locale string, change func(b map[string]any)) string {
			b := k.entryBody(k.patient("P"+phone[len(phone)-2:], phone, locale))
			change(b)
			return k.join(b)
		}
		matching := map[string]string{ // phone → locale
			"+48601200001": "pl", "+48601200002": "sv",
		}
		entry("+48601200001", "pl", func(map[string]any) {})
		entry("+48601200002", "sv", func(b map[string]any) {
			b["doctor_id"] = k.Doctors[0].ID
			b["preferences"] = map[string]any{"weekdays": []int{weekday}, "from": "09:00", "to": "10:30"}
		})
		others := map[string]func(b map[string]any){
			"+48601200003": func(b map[string]any) { b["doctor_id"] = k.Doctors[1].ID },
			"+48601200004": func(b map[string]any) { b["service_id"] = k.Extraction.ID },
			"+48601200005": func(b map[string]any) { b["earliest"] = k.Day.AddDate(0, 0, 1).Format(time.DateOnly) },
			"+48601200006": func(b map[string]any) { b["preferences"] = map[string]any{"from": "10:15"} },
			"+48601200007": func(b map[string]any) { b["preferences"] = map[string]any{"to": "10:15"} },
			"+48601200008": func(b map[string]any) { b["preferences"] = map[string]any{"weekdays": []int{weekday%7 + 1}} },
		}
		for phone, change := range others {
			entry(phone, "en", change)
		}
		left := entry("+48601200009", "en", func(map[string]any) {})
		bookingtest.ExpectStatus(t, k.owner.Do(http.MethodDelete, "/api/v1/waitlist/"+left, nil), http.StatusNoContent, "")

		apptID := k.bookAndCancel(0, start)
		for phone, locale := range matching {
			offers := k.offers(phone)
			if len(offers) != 1 || !strings.HasPrefix(offers[0].DedupeKey, "waitlist:") ||
				!strings.HasSuffix(offers[0].DedupeKey, ":"+k.Doctors[0].ID+":"+start.UTC().Format(time.RFC3339)) {
				t.Fatalf("%s: offers %+v", phone, offers)
			}
			if want := map[string]string{"pl": "zwolnił", "sv": "ledig"}[locale]; !strings.Contains(offers[0].Body, want) {
				t.Errorf("%s: not in %s: %q", phone, locale, offers[0].Body)
			}
			r := k.offer(k.offerToken(phone))
			bookingtest.ExpectStatus(t, r, http.StatusOK, "")
			var o offerJSON
			r.Decode(t, &o)
			if o.Status != "offered" || !o.Start.Equal(start) || o.Doctor.ID != k.Doctors[0].ID {
				t.Errorf("%s: offer %s", phone, r.Body)
			}
		}
		for phone := range others {
			if offers := k.offers(phone); len(offers) != 0 {
				t.Errorf("%s does not match but was offered: %+v", phone, offers)
			}
		}
		if n := len(k.offers("+48601200009")); n != 0 {
			t.Errorf("an entry taken off the list was offered")
		}
		// A redelivered event changes nothing: the subscriber is idempotent.
		ev := visit.Event{ID: 1, VisitID: apptID, Kind: visit.EventCancelled}
		if err := k.Env.Waitlist.OnEvent(context.Background(), ev); err != nil {
			t.Fatal(err)
		}
		if n := k.count(`SELECT COUNT(*) FROM waitlist_offers`); n != 2 {
			t.Fatalf("%d offers after redelivery, want 2", n)
		}
		if n := k.count(`SELECT COUNT(*) FROM patient_links WHERE purpose = 'waitlist_offer'`); n != 2 {
			t.Fatalf("%d offer links after redelivery, want 2", n)
		}
	})
}

func TestAFreedTimeNoLongerFreeIsNotOffered(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newWaitKit(t, d)
		k.join(k.entryBody(k.patient("Ola", "+48601300001", "pl")))
		start := k.At(11, 0)
		r := k.owner.Do(http.MethodPost, "/api/v1/appointments", k.Booking(0, k.Checkup, start, "+48601777001"))
		id := bookingtest.DecodeID(t, r)
		k.owner.Do(http.MethodPost, "/api/v1/appointments/"+id+"/cancel", map[string]string{"reason": "moved away"})
		// Before the relay runs, the front desk gives the time to a phone caller.
		bookingtest.ExpectStatus(t, k.owner.Do(http.MethodPost, "/api/v1/appointments", k.Booking(0, k.Checkup, start, "+48601777002")),
			http.StatusCreated, "")
		k.relay()
		if n := len(k.offers("+48601300001")); n != 0 {
			t.Fatalf("a taken time was offered (%d)", n)
		}
	})
}

func TestAMovedVisitOffersTheTimeItLeft(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newWaitKit(t, d)
		k.join(k.entryBody(k.patient("Ola", "+48601350001", "pl")))
		r := k.owner.Do(http.MethodPost, "/api/v1/appointments", k.Booking(1, k.Checkup, k.At(9, 0), "+48601777003"))
		id := bookingtest.DecodeID(t, r)
		bookingtest.ExpectStatus(t, k.owner.Do(http.MethodPatch, "/api/v1/appointments/"+id,
			map[string]string{"start": k.At(16, 0).Format(time.RFC3339)}), http.StatusOK, "")
		k.relay()
		r = k.offer(k.offerToken("+48601350001"))
		var o offerJSON
		r.Decode(t, &o)
		if !o.Start.Equal(k.At(9, 0)) || o.Doctor.ID != k.Doctors[1].ID {
			t.Fatalf("offer %s, want the 09:00 that the visit left", r.Body)
		}
	})
}

func TestTwoPatientsRaceForOneOfferAndOneBooks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newWaitKit(t, d)
		phones := []string{"+48601400001", "+48601400002"}
		entries := []string{k.join(k.entryBody(k.patient("Ala", phones[0], "pl"))),
			k.join(k.entryBody(k.patient("Ela", phones[1], "en")))}
		k.bookAndCancel(1, k.At(12, 0))
		tokens := []string{k.offerToken(phones[0]), k.offerToken(phones[1])}
		answers := make([]int, 2)
		var wg sync.WaitGroup
		for i := range 2 {
			wg.Go(func() { answers[i] = k.holdOffer(tokens[i]).Status })
		}
		wg.Wait()
		winner := 0
		if answers[1] == http.StatusCreated {
			winner = 1
		}
		loser := 1 - winner
		if answers[winner] != http.StatusCreated || answers[loser] != http.StatusConflict {
			t.Fatalf("hold answers %v, want one 201 and one 409", answers)
		}
		var holdID string
		if err := db.Get(context.Background(), d.R, &holdID, `SELECT CAST(hold_id AS TEXT) FROM waitlist_offers WHERE hold_id IS NOT NULL`); err != nil {
			t.Fatal(err)
		}
		bookingtest.ExpectStatus(t, k.verify(holdID, k.code(phones[winner], holdID)), http.StatusOK, "")
		k.relay()
		if s := k.entryStatus(entries[winner]); s != "booked" {
			t.Fatalf("winner's entry %q", s)
		}
		if s := k.entryStatus(entries[loser]); s != "waiting" {
			t.Fatalf("loser's entry %q", s)
		}
		expectOfferStatus(t, k, tokens[winner], "taken")
		expectOfferStatus(t, k, tokens[loser], "lost")
		bookingtest.ExpectStatus(t, k.holdOffer(tokens[loser]), http.StatusConflict, "slot_taken")
		bookingtest.ExpectStatus(t, k.holdOffer(tokens[winner]), http.StatusConflict, "offer_taken")
		if n := k.count(`SELECT COUNT(*) FROM appointments WHERE status = 'booked' AND source = 'waitlist'`); n != 1 {
			t.Fatalf("%d visits booked from the waitlist", n)
		}
		bookingtest.AssertNoOverlaps(t, d)
	})
}

func TestTheFirstToVerifyWinsWhenAHoldLapses(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newWaitKit(t, d)
		phones := []string{"+48601500001", "+48601500002"}
		k.join(k.entryBody(k.patient("Ala", phones[0], "pl")))
		second := k.join(k.entryBody(k.patient("Ela", phones[1], "pl")))
		k.bookAndCancel(0, k.At(13, 0))
		first := k.holdOffer(k.offerToken(phones[0]))
		bookingtest.ExpectStatus(t, first, http.StatusCreated, "")
		var lapsed heldOut
		first.Decode(t, &lapsed)
		bookingtest.ExpectStatus(t, k.holdOffer(k.offerToken(phones[1])), http.StatusConflict, "slot_taken")
		k.moveClockTo(lapsed.ExpiresAt.Add(time.Second)) // the first patient never typed the code
		r := k.holdOffer(k.offerToken(phones[1]))
		bookingtest.ExpectStatus(t, r, http.StatusCreated, "")
		var h heldOut
		r.Decode(t, &h)
		bookingtest.ExpectStatus(t, k.verify(h.HoldID, k.code(phones[1], h.HoldID)), http.StatusOK, "")
		bookingtest.ExpectStatus(t, k.verify(lapsed.HoldID, k.code(phones[0], lapsed.HoldID)), http.StatusGone, "hold_expired")
		k.relay()
		if s := k.entryStatus(second); s != "booked" {
			t.Fatalf("second entry %q", s)
		}
		expectOfferStatus(t, k, k.offerToken(phones[0]), "lost")
		bookingtest.ExpectStatus(t, k.holdOffer(k.offerToken(phones[0])), http.StatusConflict, "slot_taken")
	})
}

func TestAnEndedOfferIsGone(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newWaitKit(t, d)
		phones := []string{"+48601600001", "+48601600002"}
		k.join(k.entryBody(k.patient("Ala", phones[0], "pl")))
		leaving := k.join(k.entryBody(k.patient("Ela", phones[1], "pl")))
		start := k.At(14, 0)
		k.bookAndCancel(0, start)
		bookingtest.ExpectStatus(t, k.offer("not-a-token"), http.StatusNotFound, "offer_not_found")
		bookingtest.ExpectStatus(t, k.offer(strings.Repeat("A", 43)), http.StatusNotFound, "offer_not_found")
		bookingtest.ExpectStatus(t, k.holdOffer(strings.Repeat("A", 43)), http.StatusNotFound, "offer_not_found")
		bookingtest.ExpectStatus(t, k.owner.Do(http.MethodDelete, "/api/v1/waitlist/"+leaving, nil), http.StatusNoContent, "")
		bookingtest.ExpectStatus(t, k.offer(k.offerToken(phones[1])), http.StatusGone, "offer_expired")
		bookingtest.ExpectStatus(t, k.holdOffer(k.offerToken(phones[1])), http.StatusGone, "offer_expired")
		token := k.offerToken(phones[0])
		expectOfferStatus(t, k, token, "offered")
		k.moveClockTo(start) // the link dies when the offered visit would begin
		bookingtest.ExpectStatus(t, k.offer(token), http.StatusGone, "offer_expired")
		bookingtest.ExpectStatus(t, k.holdOffer(token), http.StatusGone, "offer_expired")
		if n := k.count(`SELECT COUNT(*) FROM appointments WHERE source = 'waitlist'`); n != 0 {
			t.Fatalf("%d holds placed through ended offers", n)
		}
	})
}

func expectOfferStatus(t *testing.T, k *waitKit, token, status string) {
	t.Helper()
	r := k.offer(token)
	bookingtest.ExpectStatus(t, r, http.StatusOK, "")
	var o offerJSON
	r.Decode(t, &o)
	if o.Status != status {
		t.Fatalf("offer status %q, want %q", o.Status, status)
	}
}
