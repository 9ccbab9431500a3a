package booking_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// seedEvents books one visit (its booked event) and adds events for it up to n in
// all, returning their ids oldest first.
func seedEvents(t *testing.T, f *fixture, n int) []int64 {
	t.Helper()
	ctx := t.Context()
	a, err := f.env.Booking.Book(ctx, booking.BookRequest{ServiceID: f.checkup.ID, DoctorID: f.doctors[0].ID,
		Start: f.at(9, 0), Source: booking.SourcePhone,
		Patient: &clinic.PatientInput{FirstName: "Ewa", LastName: "Relay", Phone: "+48601999000"}})
	if err != nil {
		t.Fatalf("book: %v", err)
	}
	for range n - 1 {
		err := db.Exec(ctx, f.db.W, `INSERT INTO appointment_events (appointment_id, kind, to_status, actor_kind, at)
			VALUES (?, 'confirmed', 'confirmed', 'system', ?)`, a.ID, time.Now().UTC())
		if err != nil {
			t.Fatalf("event: %v", err)
		}
	}
	var ids []int64
	if err := db.Select(ctx, f.db.R, &ids, `SELECT id FROM appointment_events ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	return ids
}

func newRelay(f *fixture, batch int) *booking.Relay {
	return booking.NewRelay(f.env.Booking, booking.RelayOptions{Batch: batch, Now: f.env.Clock.Now,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
}

func undelivered(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	if err := db.Get(t.Context(), d.R, &n, `SELECT COUNT(*) FROM appointment_events WHERE delivered_at IS NULL`); err != nil {
		t.Fatal(err)
	}
	return n
}

// drain runs rounds until one delivers nothing and returns the total delivered.
func drain(t *testing.T, r *booking.Relay) int {
	t.Helper()
	total := 0
	for range 100 {
		n, err := r.RunOnce(t.Context())
		if err != nil {
			t.Fatalf("relay: %v", err)
		}
		if n == 0 {
			return total
		}
		total += n
	}
	t.Fatal("the relay never ran dry")
	return total
}

func TestRelayDeliversEveryEventOnceOldestFirst(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ids := seedEvents(t, f, 7)
		r := newRelay(f, 3)
		var first, second []int64
		r.Subscribe("first", func(_ context.Context, e booking.Event) error { first = append(first, e.ID); return nil })
		r.Subscribe("second", func(_ context.Context, e booking.Event) error { second = append(second, e.ID); return nil })
		if n := drain(t, r); n != len(ids) {
			t.Fatalf("delivered %d, want %d", n, len(ids))
		}
		if !slices.Equal(first, ids) || !slices.Equal(second, ids) {
			t.Fatalf("delivered %v and %v, want each of %v once in order", first, second, ids)
		}
		if n := undelivered(t, d); n != 0 {
			t.Fatalf("%d events left undelivered", n)
		}
		if n := drain(t, r); n != 0 || len(first) != len(ids) {
			t.Fatalf("a second pass delivered %d more", n)
		}
	})
}

func TestRelayRetriesAFailedEventAfterItsBackoff(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ids := seedEvents(t, f, 2)
		r := newRelay(f, 10)
		calls := map[string][]int64{}
		failures := 2 // one error, then one panic, on the oldest event
		r.Subscribe("steady", func(_ context.Context, e booking.Event) error {
			calls["steady"] = append(calls["steady"], e.ID)
			return nil
		})
		r.Subscribe("flaky", func(_ context.Context, e booking.Event) error {
			calls["flaky"] = append(calls["flaky"], e.ID)
			if e.ID == ids[0] && failures > 0 {
				failures--
				if failures == 0 {
					panic("flaky broke")
				}
				return errors.New("flaky is down")
			}
			return nil
		})
		if n := drain(t, r); n != 1 {
			t.Fatalf("first round delivered %d, want only the healthy event", n)
		}
		var lastError string
		var attempts int
		row := d.R.QueryRowx(d.R.Rebind(`SELECT last_error, attempts FROM appointment_events WHERE id = ?`), ids[0])
		if err := row.Scan(&lastError, &attempts); err != nil || lastError != "subscriber flaky: flaky is down" || attempts != 1 {
			t.Fatalf("failed event: %q after %d attempts (%v)", lastError, attempts, err)
		}
		f.env.Clock.Advance(4 * time.Second)
		if n := drain(t, r); n != 0 {
			t.Fatalf("retried within the back-off: %d", n)
		}
		f.env.Clock.Advance(2 * time.Second) // 5 s after the failure
		if n := drain(t, r); n != 0 {
			t.Fatal("a panicking subscriber counted as delivered")
		}
		f.env.Clock.Advance(11 * time.Second) // the second back-off is 10 s
		if n := drain(t, r); n != 1 || undelivered(t, d) != 0 {
			t.Fatalf("after the back-off delivered %d, %d left", n, undelivered(t, d))
		}
		want := []int64{ids[0], ids[1], ids[0], ids[0]}
		if !slices.Equal(calls["steady"], want) || !slices.Equal(calls["flaky"], want) {
			t.Fatalf("calls %v, want every subscriber called again until all succeed: %v", calls, want)
		}
	})
}

func TestTwoRelaysNeverDeliverOneEventTwice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		ids := seedEvents(t, f, 60)
		var mu sync.Mutex
		seen := map[int64]int{}
		record := func(_ context.Context, e booking.Event) error {
			mu.Lock()
			defer mu.Unlock()
			seen[e.ID]++
			return nil
		}
		var wg sync.WaitGroup
		for range 2 {
			r := newRelay(f, 4)
			r.Subscribe("record", record)
			wg.Go(func() {
				for range 200 {
					if _, err := r.RunOnce(context.Background()); err != nil {
						t.Errorf("relay: %v", err)
						return
					}
					if undelivered(t, d) == 0 {
						return
					}
				}
			})
		}
		wg.Wait()
		for _, id := range ids {
			if seen[id] != 1 {
				t.Errorf("event %d delivered %d times", id, seen[id])
			}
		}
	})
}

func TestRelayTakesOverTheEventsOfARelayThatStopped(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		seedEvents(t, f, 3)
		ctx, crash := context.WithCancel(t.Context())
		dying := newRelay(f, 10)
		dying.Subscribe("crash", func(context.Context, booking.Event) error { crash(); return nil })
		if _, err := dying.RunOnce(ctx); err == nil {
			t.Fatal("the dying relay finished its round")
		}
		heir := newRelay(f, 10)
		heir.Subscribe("ok", func(context.Context, booking.Event) error { return nil })
		if n := drain(t, heir); n != 0 {
			t.Fatalf("took %d leased events before the lease ran out", n)
		}
		f.env.Clock.Advance(time.Minute + time.Second)
		if n := drain(t, heir); n < 2 || undelivered(t, d) != 0 {
			t.Fatalf("after the lease delivered %d, %d left", n, undelivered(t, d))
		}
	})
}
