package booking_test

import (
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// storm fires bodies at POST /api/v1/appointments all at once and counts answers.
func storm(t *testing.T, c *apitest.Client, bodies []map[string]any) (created, taken int64) {
	t.Helper()
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, b := range bodies {
		wg.Go(func() {
			<-start
			r := c.Do(http.MethodPost, "/api/v1/appointments", b)
			switch {
			case r.Status == http.StatusCreated:
				atomic.AddInt64(&created, 1)
			case r.Status == http.StatusConflict:
				atomic.AddInt64(&taken, 1)
			default:
				t.Errorf("unexpected %d: %s", r.Status, r.Body)
			}
		})
	}
	close(start)
	wg.Wait()
	return created, taken
}

func TestHundredParallelBookingsForOneTime(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		bodies := make([]map[string]any, 100)
		for i := range bodies {
			bodies[i] = f.Booking(0, f.Checkup, f.At(10, 0), fmt.Sprintf("+4860100%04d", i))
		}
		created, taken := storm(t, f.Env.As(actor.Admin), bodies)
		if created != 1 || taken != 99 {
			t.Fatalf("created %d, taken %d; want 1 and 99", created, taken)
		}
		bookingtest.AssertNoOverlaps(t, d)
	})
}

// TestOverlapsThatAreNotEqual: visits that overlap without starting together, and
// the chair-turnover buffer, are refused too.
func TestOverlapsThatAreNotEqual(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		admin := f.Env.As(actor.Admin)
		bookingtest.ExpectStatus(t, admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, f.At(10, 0), "+48601000001")), http.StatusCreated, "")
		for _, start := range []time.Time{f.At(9, 45), f.At(10, 15), f.At(10, 30)} {
			r := admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, start, "+48601000002"))
			bookingtest.ExpectStatus(t, r, http.StatusConflict, "slot_taken")
			if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != "doctor_id" {
				t.Errorf("%s: conflict does not name the doctor: %+v", start.Format("15:04"), p.Errors)
			}
		}
		bookingtest.ExpectStatus(t, admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, f.At(10, 45), "+48601000003")), http.StatusCreated, "")
		bookingtest.AssertNoOverlaps(t, d)
	})
}

// TestALongVisitBlocksPastCancelledOnes: of the visits starting before a new one only
// the latest active one can reach into it; a cancelled visit starting later than a
// long one must not hide it.
func TestALongVisitBlocksPastCancelledOnes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		admin := f.Env.As(actor.Admin)
		// The cancelled check-up (9:15, blocked until 10:00 at most) starts after the
		// extraction (9:00, blocked past 10:00) and ends before the new visit (10:00).
		short := bookingtest.DecodeID(t, admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, f.At(9, 15), "+48601000001")))
		bookingtest.ExpectStatus(t, admin.Do(http.MethodPost, "/api/v1/appointments/"+short+"/cancel", map[string]string{"reason": "ill"}), http.StatusOK, "")
		bookingtest.ExpectStatus(t, admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Extraction, f.At(9, 0), "+48601000002")), http.StatusCreated, "")
		r := admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, f.At(10, 0), "+48601000003"))
		bookingtest.ExpectStatus(t, r, http.StatusConflict, "slot_taken")
		if p := r.Problem(t); len(p.Errors) != 1 || p.Errors[0].Field != "doctor_id" {
			t.Errorf("conflict does not name the doctor: %+v", p.Errors)
		}
		bookingtest.AssertNoOverlaps(t, d)
	})
}

// TestOneChairTwoDoctors: two doctors racing for the only surgery chair — one wins, the
// other is told the chair is taken.
func TestOneChairTwoDoctors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		bodies := []map[string]any{}
		for i := range 20 {
			bodies = append(bodies, f.Booking(i%2, f.Extraction, f.At(12, 0), fmt.Sprintf("+4860200%04d", i)))
		}
		created, taken := storm(t, f.Env.As(actor.Owner), bodies)
		if created != 1 || taken != 19 {
			t.Fatalf("created %d, taken %d", created, taken)
		}
		r := f.Env.As(actor.Owner).Do(http.MethodPost, "/api/v1/appointments", f.Booking(1, f.Extraction, f.At(12, 30), "+48602999999"))
		bookingtest.ExpectStatus(t, r, http.StatusConflict, "slot_taken")
		bookingtest.AssertNoOverlaps(t, d)
	})
}

func TestRescheduleIntoATakenTimeKeepsTheOldVisit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		admin := f.Env.As(actor.Admin)
		first := bookingtest.DecodeID(t, admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, f.At(9, 0), "+48601000001")))
		admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, f.At(11, 0), "+48601000002"))
		r := admin.Do(http.MethodPatch, "/api/v1/appointments/"+first, map[string]any{"start": f.At(11, 15).Format(time.RFC3339)})
		bookingtest.ExpectStatus(t, r, http.StatusConflict, "slot_taken")
		var old struct {
			Status string `json:"status"`
		}
		admin.Do(http.MethodGet, "/api/v1/appointments/"+first, nil).Decode(t, &old)
		if old.Status != "booked" {
			t.Fatalf("old visit is %s after a failed reschedule", old.Status)
		}
		r = admin.Do(http.MethodPatch, "/api/v1/appointments/"+first, map[string]any{"start": f.At(9, 15).Format(time.RFC3339)})
		bookingtest.ExpectStatus(t, r, http.StatusOK, "")
		var moved struct {
			RescheduledFrom string `json:"rescheduled_from"`
		}
		r.Decode(t, &moved)
		if moved.RescheduledFrom != first {
			t.Fatalf("new visit not linked: %s", r.Body)
		}
		bookingtest.AssertNoOverlaps(t, d)
	})
}

// TestParallelReschedulesIntoOneTime: many visits moving into one free time at once;
// one moves, the rest stay where they were.
func TestParallelReschedulesIntoOneTime(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := bookingtest.NewClinic(t, d)
		admin := f.Env.As(actor.Admin)
		var ids []string
		for i := range 8 {
			ids = append(ids, bookingtest.DecodeID(t, admin.Do(http.MethodPost, "/api/v1/appointments", f.Booking(0, f.Checkup, f.At(8+i, 0), fmt.Sprintf("+4860300%04d", i)))))
		}
		var wg sync.WaitGroup
		var ok atomic.Int64
		for _, id := range ids {
			wg.Go(func() {
				r := admin.Do(http.MethodPatch, "/api/v1/appointments/"+id, map[string]any{"start": f.At(17, 0).Format(time.RFC3339)})
				if r.Status == http.StatusOK {
					ok.Add(1)
				} else if r.Status != http.StatusConflict {
					t.Errorf("reschedule: %d %s", r.Status, r.Body)
				}
			})
		}
		wg.Wait()
		if ok.Load() != 1 {
			t.Fatalf("%d reschedules succeeded", ok.Load())
		}
		bookingtest.AssertNoOverlaps(t, d)
	})
}
