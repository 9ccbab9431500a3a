package figures

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// kitBase is what every figures test kit holds: a service over a real database, the
// branch it counts and a clock the test moves.
type kitBase struct {
	t      *testing.T
	d      *db.DB
	s      *Service
	branch string
	mu     sync.Mutex
	now    time.Time
}

// clock is the kit's time, for the services it builds.
func (k *kitBase) clock() time.Time {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.now
}

func (k *kitBase) setNow(t time.Time) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.now = t
}

func (k *kitBase) exec(query string, args ...any) {
	k.t.Helper()
	if err := db.Exec(context.Background(), k.d.W, query, args...); err != nil {
		k.t.Fatalf("%v\n%s", err, query)
	}
}

func (k *kitBase) rebuild(dates ...string) {
	k.t.Helper()
	for _, date := range dates {
		if err := k.s.Rebuild(context.Background(), k.branch, date); err != nil {
			k.t.Fatal(date, err)
		}
	}
}

// report reads the branch's figures over from..to, by figure name.
func (k *kitBase) report(from, to, by string, people bool) map[string]Series {
	k.t.Helper()
	r, err := k.s.Figures(context.Background(), Query{BranchID: k.branch, From: from, To: to, By: by, People: people})
	if err != nil {
		k.t.Fatal(err)
	}
	out := map[string]Series{}
	for _, s := range r.Figures {
		out[s.Name] = s
	}
	return out
}
