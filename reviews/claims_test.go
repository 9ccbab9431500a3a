package reviews_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Sixteen administrators claim one call at once: exactly one gets it, the others are
// told someone is on it and no longer see it; while the claim holds only the holder's
// attempt goes through, so two people never call one patient.
func TestParallelClaimsLetOnePersonCall(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.complete("extraction", 9, "+48601000020")
		c := k.only(k.calls(k.admin, "&due=all"))
		desks := make([]*apitest.Client, 16)
		for i := range desks {
			desks[i] = k.f.Env.SignIn(actor.Admin)
		}
		codes := make([]int, len(desks))
		var wg sync.WaitGroup
		for i, desk := range desks {
			wg.Add(1)
			go func() {
				defer wg.Done()
				codes[i] = desk.Do(http.MethodPost, "/api/v1/follow-ups/"+c.ID+"/claim", nil).Status
			}()
		}
		wg.Wait()
		winner := -1
		for i, code := range codes {
			switch {
			case code == http.StatusOK && winner == -1:
				winner = i
			case code == http.StatusOK:
				t.Fatalf("two claims won: %v", codes)
			case code != http.StatusConflict:
				t.Fatalf("claim answered %d: %v", code, codes)
			}
		}
		if winner == -1 {
			t.Fatalf("no claim won: %v", codes)
		}
		other := desks[(winner+1)%len(desks)]
		if n := len(k.calls(other, "&due=all")); n != 0 {
			t.Errorf("another administrator still sees the claimed call")
		}
		if n := len(k.calls(desks[winner], "&due=all")); n != 1 {
			t.Errorf("the holder does not see their call")
		}
		bookingtest.ExpectStatus(t, k.attempt(other, c.ID, "reached", nil), http.StatusConflict, "task_claimed")
		// While the claim holds, every other desk's attempt is refused, all at once.
		attempts := make([]int, len(desks))
		for i, desk := range desks {
			if i == winner {
				continue
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				attempts[i] = k.attempt(desk, c.ID, "no_answer", nil).Status
			}()
		}
		wg.Wait()
		for i, code := range attempts {
			if i != winner && code != http.StatusConflict {
				t.Errorf("attempt by desk %d while desk %d holds the call = %d", i, winner, code)
			}
		}
		bookingtest.ExpectStatus(t, k.attempt(desks[winner], c.ID, "no_answer", nil), http.StatusCreated, "")
		var n int
		if err := db.Get(t.Context(), d.R, &n, `SELECT COUNT(*) FROM follow_up_attempts WHERE follow_up_id = ?`, c.ID); err != nil || n != 1 {
			t.Errorf("attempts stored: %d %v", n, err)
		}
	})
}
