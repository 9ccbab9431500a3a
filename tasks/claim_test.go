package tasks_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// TestClaimHidesTheTaskUntilReleaseOrExpiry walks one call through two administrators.
func TestClaimHidesTheTaskUntilReleaseOrExpiry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		id := k.open(tasks.New{Kind: tasks.Callback, BranchID: &k.centre})
		anna, annaID := k.desk()
		bea, beaID := k.desk()
		path := "/api/v1/tasks/" + id
		var claimed taskOut
		anna.Do(http.MethodPost, path+"/claim", nil).Decode(t, &claimed)
		if claimed.ClaimedBy == nil || *claimed.ClaimedBy != annaID {
			t.Fatalf("claim: %+v", claimed)
		}
		if got := list(t, bea, ""); len(got) != 0 {
			t.Errorf("claimed task on the other's list: %v", got)
		}
		if got := list(t, bea, "status=all"); !slices.Equal(got, []string{id}) {
			t.Errorf("status=all: %v", got)
		}
		if got := list(t, anna, ""); !slices.Equal(got, []string{id}) {
			t.Errorf("claimer's list: %v", got)
		}
		for action, body := range map[string]any{"claim": nil, "release": nil, "done": nil,
			"attempts": map[string]string{"outcome": "busy"}} {
			r := bea.Do(http.MethodPost, path+"/"+action, body)
			if r.Status != http.StatusConflict || r.Problem(t).Code != "task_claimed" {
				t.Errorf("%s on a claimed task: %d %s", action, r.Status, r.Body)
			}
		}
		if r := anna.Do(http.MethodPost, path+"/claim", nil); r.Status != http.StatusOK {
			t.Errorf("claiming again: %d %s", r.Status, r.Body)
		}
		if r := anna.Do(http.MethodPost, path+"/release", nil); r.Status != http.StatusOK {
			t.Fatalf("release: %d %s", r.Status, r.Body)
		}
		if r := anna.Do(http.MethodPost, path+"/release", nil); r.Status != http.StatusOK {
			t.Errorf("releasing a free task: %d %s", r.Status, r.Body)
		}
		bea.Do(http.MethodPost, path+"/claim", nil).Decode(t, &claimed)
		if claimed.ClaimedBy == nil || *claimed.ClaimedBy != beaID {
			t.Fatalf("claim after release: %+v", claimed)
		}
		k.env.Clock.Advance(tasks.ClaimFor - time.Second)
		if r := anna.Do(http.MethodPost, path+"/claim", nil); r.Status != http.StatusConflict {
			t.Errorf("claim before expiry: %d", r.Status)
		}
		k.env.Clock.Advance(time.Second)
		if got := list(t, anna, ""); !slices.Equal(got, []string{id}) {
			t.Errorf("expired claim still hides the task: %v", got)
		}
		if r := anna.Do(http.MethodPost, path+"/claim", nil); r.Status != http.StatusOK {
			t.Errorf("claim after expiry: %d %s", r.Status, r.Body)
		}
	})
}

func TestAttemptsAppendAndDoneKeepsTheNote(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		id := k.open(tasks.New{Kind: tasks.FollowUpCall, BranchID: &k.centre})
		desk, me := k.desk()
		path := "/api/v1/tasks/" + id
		for _, outcome := range []string{tasks.NoAnswer, tasks.Reached} {
			k.env.Clock.Advance(time.Minute)
			r := desk.Do(http.MethodPost, path+"/attempts", map[string]string{"outcome": outcome, "note": "tel. " + outcome})
			if r.Status != http.StatusCreated {
				t.Fatalf("attempt %s: %d %s", outcome, r.Status, r.Body)
			}
		}
		var done taskOut
		r := desk.Do(http.MethodPost, path+"/done", map[string]string{"note": "umówiona na kontrolę"})
		r.Decode(t, &done)
		if r.Status != http.StatusOK || done.Status != "done" || done.DoneNote != "umówiona na kontrolę" ||
			done.DoneBy == nil || *done.DoneBy != me || done.AttemptCount != 2 || done.LastOutcome == nil ||
			*done.LastOutcome != tasks.Reached {
			t.Fatalf("done: %d %s", r.Status, r.Body)
		}
		if r := desk.Do(http.MethodPost, path+"/attempts", map[string]string{"outcome": "busy"}); r.Status != http.StatusNotFound {
			t.Errorf("attempt on a closed task: %d", r.Status)
		}
		if r := desk.Do(http.MethodPost, path+"/done", nil); r.Status != http.StatusNotFound {
			t.Errorf("done twice: %d", r.Status)
		}
		var n int
		if err := db.Get(t.Context(), d.R, &n, `SELECT COUNT(*) FROM task_attempts WHERE task_id = ? AND staff_id = ?`, id, me); err != nil || n != 2 {
			t.Errorf("%d attempt rows: %v", n, err)
		}
	})
}

// TestParallelClaimsExactlyOneWins: many administrators claim one task at once; the
// guarded update lets exactly one through, the rest meet task_claimed.
func TestParallelClaimsExactlyOneWins(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		id := k.open(tasks.New{Kind: tasks.Callback})
		const claimers = 16
		ctxs := make([]context.Context, claimers)
		for i := range ctxs {
			ctxs[i] = k.staffCtx()
		}
		var wg sync.WaitGroup
		errs := make([]error, claimers)
		start := make(chan struct{})
		for i := range ctxs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				_, errs[i] = k.env.Tasks.Claim(ctxs[i], id)
			}()
		}
		close(start)
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, tasks.ErrClaimed):
				t.Errorf("claim: %v", err)
			}
		}
		if won != 1 {
			t.Errorf("%d claimers won, want exactly 1", won)
		}
	})
}
