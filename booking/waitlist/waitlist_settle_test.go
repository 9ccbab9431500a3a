package waitlist_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// A batch of bookings where one took an offer settles that one exactly as OnEvent
// does (taken, its entry booked, the others of its time lost) and leaves the rest
// alone; the same batch delivered again changes nothing.
func TestABatchSettlesTheOneBookingThatTookAnOffer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newWaitKit(t, d)
		phones := []string{"+48601700001", "+48601700002", "+48601700003"}
		entries := make([]string, len(phones))
		for i, phone := range phones {
			entries[i] = k.join(k.entryBody(k.patient("Ala", phone, "pl")))
		}
		k.bookAndCancel(1, k.At(12, 0))
		tokens := []string{k.offerToken(phones[0]), k.offerToken(phones[1]), k.offerToken(phones[2])}
		r := k.holdOffer(tokens[0])
		bookingtest.ExpectStatus(t, r, http.StatusCreated, "")
		var h heldOut
		r.Decode(t, &h)
		bookingtest.ExpectStatus(t, k.verify(h.HoldID, k.code(phones[0], h.HoldID)), http.StatusOK, "")
		others := []string{k.book(0, 9), k.book(1, 16)}
		batch := []visit.Event{booked(others[0]), booked(h.HoldID), booked(others[1])}
		for range 2 { // the second time is a redelivery
			write, err := k.Env.Waitlist.PrepareEvents(context.Background(), batch)
			if err != nil || write == nil {
				t.Fatalf("prepare: %v (writes %v)", err, write != nil)
			}
			if err := d.InTx(context.Background(), func(tx db.Tx) error { return write(context.Background(), tx) }); err != nil {
				t.Fatal(err)
			}
			expectOfferStatus(t, k, tokens[0], "taken")
			expectOfferStatus(t, k, tokens[1], "lost")
			expectOfferStatus(t, k, tokens[2], "lost")
			for i, want := range []string{"booked", "waiting", "waiting"} {
				if s := k.entryStatus(entries[i]); s != want {
					t.Fatalf("entry %d %q, want %q", i, s, want)
				}
			}
		}
		// Bookings that touch no offer need no writes at all.
		if write, err := k.Env.Waitlist.PrepareEvents(context.Background(), []visit.Event{booked(others[0]),
			booked(others[1])}); err != nil || write != nil {
			t.Fatalf("untouched bookings: %v (writes %v)", err, write != nil)
		}
	})
}

// A visit booked and freed in one batch is refused, so the relay hands the events to
// OnEvent in their order (settling before offering); the relay's outcome stands.
func TestABatchRefusesAVisitBookedAndFreed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newWaitKit(t, d)
		id := k.book(0, 10)
		_, err := k.Env.Waitlist.PrepareEvents(context.Background(), []visit.Event{booked(id),
			{VisitID: id, Kind: visit.EventCancelled}})
		if err == nil {
			t.Fatal("a visit booked and freed in one batch was prepared")
		}
		k.relay()
		if n := k.count(`SELECT COUNT(*) FROM appointment_events WHERE delivered_at IS NULL`); n != 0 {
			t.Fatalf("%d events left undelivered", n)
		}
	})
}

func booked(id string) visit.Event { return visit.Event{VisitID: id, Kind: visit.EventBooked} }

// book has the front desk book the check-up with doctor i at hh:00 for someone new.
func (k *waitKit) book(doctor, hh int) string {
	k.T.Helper()
	r := k.owner.Do(http.MethodPost, "/api/v1/appointments", k.Booking(doctor, k.Checkup, k.At(hh, 0), fmt.Sprintf("+486017771%02d", hh)))
	bookingtest.ExpectStatus(k.T, r, http.StatusCreated, "")
	return bookingtest.DecodeID(k.T, r)
}
