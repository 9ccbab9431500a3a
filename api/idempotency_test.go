package api_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestIdempotencyKeyReplaysTheFirstAnswer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apitest.NewEnv(t, d)
		c := e.As(actor.Owner)
		c.Header.Set("Idempotency-Key", "create-nurse-1")
		body := map[string]string{"email": "n1@clinic.test", "name": "Nurse One", "role": "nurse"}
		first := c.Do(http.MethodPost, "/api/v1/staff", body)
		second := c.Do(http.MethodPost, "/api/v1/staff", body)
		if first.Status != http.StatusCreated || second.Status != http.StatusCreated || string(first.Body) != string(second.Body) {
			t.Fatalf("first %d %s, retry %d %s", first.Status, first.Body, second.Status, second.Body)
		}
		if second.Header.Get("Idempotent-Replayed") != "true" {
			t.Error("the retry is not marked as replayed")
		}
		other := c.Do(http.MethodPost, "/api/v1/staff", map[string]string{"email": "n2@clinic.test", "name": "Nurse Two", "role": "nurse"})
		if other.Status != http.StatusBadRequest || other.Problem(t).Code != "idempotency_key_reused" {
			t.Fatalf("reused key: %d %s", other.Status, other.Body)
		}
	})
}

func TestFailedAnswersAreNotRemembered(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := apitest.NewEnv(t, d).As(actor.Owner)
		c.Header.Set("Idempotency-Key", "k")
		bad := c.Do(http.MethodPost, "/api/v1/staff", map[string]string{"email": "n1@clinic.test", "role": "nurse"})
		if bad.Status != http.StatusBadRequest {
			t.Fatalf("bad: %d", bad.Status)
		}
		c.Header.Set("Idempotency-Key", "k2")
		good := c.Do(http.MethodPost, "/api/v1/staff", map[string]string{"email": "n1@clinic.test", "name": "N", "role": "nurse"})
		if good.Status != http.StatusCreated {
			t.Fatalf("corrected retry: %d %s", good.Status, good.Body)
		}
	})
}

// TestParallelRetriesCreateOnce fires the same keyed request from many goroutines:
// exactly one staff user exists afterwards on either database.
func TestParallelRetriesCreateOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		c := apitest.NewEnv(t, d).As(actor.Owner)
		c.Header.Set("Idempotency-Key", "parallel")
		body := map[string]string{"email": "p@clinic.test", "name": "P", "role": "nurse"}
		var wg sync.WaitGroup
		statuses := make([]int, 16)
		for i := range statuses {
			wg.Go(func() { statuses[i] = c.Do(http.MethodPost, "/api/v1/staff", body).Status })
		}
		wg.Wait()
		for _, s := range statuses {
			if s != http.StatusCreated && s != http.StatusConflict {
				t.Errorf("status %d", s)
			}
		}
		var n int
		if err := d.R.Get(&n, "SELECT COUNT(*) FROM staff WHERE email = 'p@clinic.test'"); err != nil || n != 1 {
			t.Fatalf("%d rows (%v)", n, err)
		}
	})
}
