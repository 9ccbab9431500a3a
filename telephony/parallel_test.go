package telephony_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Phone systems retry eagerly and post from many workers at once; a webhook storm
// must still make one signal per event, one call per call and one callback per
// number, and never answer 5xx. The goroutines only collect what went wrong: t.Fatal
// belongs to the test's own goroutine.

// storm posts form(i) for i in [0, n) from n goroutines released together, each with
// a client of its own, and returns the answers that were not 200.
func (k *kit) storm(n int, form func(i int) url.Values) []string {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		bad   []string
		start = make(chan struct{})
	)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			f := form(i)
			r := k.env.Anonymous().Raw(http.MethodPost, "/api/v1/telephony/"+k.token+"/events",
				"application/x-www-form-urlencoded", []byte(f.Encode()))
			if r.Status != http.StatusOK {
				mu.Lock()
				bad = append(bad, fmt.Sprintf("%s %s: %d %s", f.Get("event"), f.Get("callId"), r.Status, r.Body))
				mu.Unlock()
			}
		}()
	}
	close(start)
	wg.Wait()
	return bad
}

// processTogether runs rounds of the call job from n goroutines at once until a
// whole round finds nothing, as overlapping River workers would, returning the errors.
func (k *kit) processTogether(n int) []error {
	var errs []error
	for {
		var (
			wg    sync.WaitGroup
			mu    sync.Mutex
			total int
		)
		for range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				done, err := k.env.Telephony.ProcessOnce(context.Background())
				mu.Lock()
				defer mu.Unlock()
				total += done
				if err != nil {
					errs = append(errs, err)
				}
			}()
		}
		wg.Wait()
		if total == 0 || len(errs) > 0 {
			return errs
		}
	}
}

// counted is a key and how many rows hold it.
type counted struct {
	Key string `db:"k"`
	N   int    `db:"n"`
}

// duplicates runs a COUNT(*) … GROUP BY query and returns the keys held more than once.
func (k *kit) duplicates(query string) []counted {
	k.t.Helper()
	var out []counted
	if err := db.Select(context.Background(), k.db.R, &out, query); err != nil {
		k.t.Fatalf("count: %v", err)
	}
	return out
}

const (
	sameCallTwice = `SELECT provider_call_id AS k, COUNT(*) AS n FROM calls
		GROUP BY provider_call_id HAVING COUNT(*) > 1`
	sameSignalTwice = `SELECT call_id || ' ' || event AS k, COUNT(*) AS n FROM call_signals
		GROUP BY call_id, event HAVING COUNT(*) > 1`
)

func TestParallelDuplicatesActOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		const n, caller = 16, "+79161230001"
		one := callID()
		missed := make([]string, n)
		for i := range missed {
			missed[i] = callID()
		}
		// the retried call's events, each 16 times, and 16 calls from one number at once
		var bad []string
		bad = append(bad, k.storm(n, func(int) url.Values {
			return event("newCall", one, "from", "+79161230002", "to", clinicNumber, "direction", "in")
		})...)
		bad = append(bad, k.storm(n, func(i int) url.Values {
			return event("newCall", missed[i], "from", caller, "to", clinicNumber, "direction", "in")
		})...)
		k.env.Clock.Advance(30 * time.Second) // past the short abandon: these are missed calls
		bad = append(bad, k.storm(n, func(int) url.Values { return event("hangup", one, "cause", "noAnswer") })...)
		bad = append(bad, k.storm(n, func(i int) url.Values { return event("hangup", missed[i], "cause", "noAnswer") })...)
		if len(bad) > 0 {
			t.Fatalf("%d requests failed, first: %s", len(bad), bad[0])
		}
		if errs := k.processTogether(2); len(errs) > 0 {
			t.Fatalf("overlapping rounds: %v", errs)
		}
		k.process()
		k.wantOnce(append(missed, one), caller)
	})
}

// wantOnce checks every call is one row of the log, every event one signal, and the
// number that rang many times is owed one callback.
func (k *kit) wantOnce(ids []string, caller string) {
	k.t.Helper()
	if dup := k.duplicates(sameCallTwice); len(dup) > 0 {
		k.t.Fatalf("calls stored twice: %+v", dup)
	}
	if dup := k.duplicates(sameSignalTwice); len(dup) > 0 {
		k.t.Fatalf("signals stored twice: %+v", dup)
	}
	if got := len(k.calls()); got != len(ids) {
		k.t.Fatalf("the log holds %d calls, want %d", got, len(ids))
	}
	owed := 0
	for _, cb := range k.callbacks("open") {
		if cb.Text == "Missed call from "+caller {
			owed++
		}
	}
	if owed != 1 {
		k.t.Fatalf("%s is owed %d callbacks, want 1: %+v", caller, owed, k.callbacks("open"))
	}
}
