package recall_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/reviews/recall"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Each benchmark reports p50-ms and p95-ms over its b.N runs.
//
//	go test ./reviews/recall/ -run '^$' -bench . -benchtime 200x -count 1

// BenchmarkCompletedVisit hands a completed visit's event to recall again: the visit,
// its service and rule read, the recall's guarded upsert and the plan's check, in one
// transaction (the cost every completion adds to the event delivery).
func BenchmarkCompletedVisit(b *testing.B) { eachBenchDB(b, benchEvent) }

// BenchmarkDueList reads a page of 50 due recalls with their skip reasons and services.
func BenchmarkDueList(b *testing.B) { eachBenchDB(b, benchList) }

// BenchmarkSweepSkipped runs the sweep over 50 due recalls it must pass by (no consent):
// what every run pays for patients who stay due.
func BenchmarkSweepSkipped(b *testing.B) { eachBenchDB(b, benchSweep) }

func eachBenchDB(b *testing.B, fn func(b *testing.B, d *db.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, dbtest.New(b)) })
	if os.Getenv(dbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { fn(b, dbtest.NewPostgres(b)) })
	}
}

// seed completes n hygiene visits of n patients.
func seed(b *testing.B, k *kit, n int) []string {
	var visits []string
	for i := range n {
		id, _ := k.book(k.hygiene, k.next(), fmt.Sprintf("+486020%05d", i))
		k.complete(id)
		visits = append(visits, id)
	}
	return visits
}

func benchEvent(b *testing.B, d *db.DB) {
	k := newKit(b, d)
	id := seed(b, k, 1)[0]
	e := visit.Event{Kind: visit.EventCompleted, VisitID: id}
	timed(b, func() error { return k.f.Env.Recall.OnEvent(context.Background(), e) })
}

func benchList(b *testing.B, d *db.DB) {
	k := newKit(b, d)
	seed(b, k, 50)
	f := recall.Filter{BranchID: k.f.Branch.ID, DueBefore: "2100-01-01", Limit: 50}
	timed(b, func() error {
		p, err := k.f.Env.Recall.List(context.Background(), f)
		if err == nil && len(p.Items) != 50 {
			err = fmt.Errorf("%d recalls, want 50", len(p.Items))
		}
		return err
	})
}

func benchSweep(b *testing.B, d *db.DB) {
	k := newKit(b, d)
	seed(b, k, 50)
	k.at(k.dayPlus(7, 0) + " 12:00")
	timed(b, func() error {
		n, err := k.f.Env.Recall.Sweep(context.Background())
		if err == nil && n != 0 {
			err = fmt.Errorf("sent %d, want none", n)
		}
		return err
	})
}

// timed runs fn b.N times and reports its p50 and p95 in milliseconds.
func timed(b *testing.B, fn func() error) {
	b.Helper()
	var took []time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		if err := fn(); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	at := func(q float64) float64 { return float64(took[int(q*float64(len(took)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(at(0.5), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
}
