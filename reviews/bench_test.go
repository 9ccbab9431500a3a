package reviews_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/staff"
)

// The target: the call list of a branch with 5 000 open follow-up calls answers
// within 5 ms at p95 on both databases. Each benchmark reports p50-ms and p95-ms over
// its b.N requests; the baseline runs the bare indexed walk of one page on the same
// database in the same run, since the machine is shared and noisy.
//
//	go test ./reviews/ -run '^$' -bench 'CallList' -benchtime 1000x -count 3

// benchCalls is how many open calls the benchmarks seed.
const benchCalls = 5000

// BenchmarkCallList drives GET /api/v1/follow-ups (the first page of 50, every open
// call and today's) through the fiber app as an administrator.
func BenchmarkCallList(b *testing.B) {
	eachBenchDB(b, func(b *testing.B, d *db.DB) {
		k := newKit(b, d)
		seedCalls(b, k, d)
		token := signIn(b, k)
		for _, due := range []string{"all", "today"} {
			b.Run(due, func(b *testing.B) {
				path := "/api/v1/follow-ups?branch_id=" + k.f.Branch.ID + "&due=" + due
				latencies(b, func() time.Duration { return listOnce(b, k, path, token) })
			})
		}
	})
}

// BenchmarkCallListBaseline walks one page of the index alone, without the joins,
// scripts and attempts.
func BenchmarkCallListBaseline(b *testing.B) {
	eachBenchDB(b, func(b *testing.B, d *db.DB) {
		k := newKit(b, d)
		seedCalls(b, k, d)
		ctx := context.Background()
		latencies(b, func() time.Duration {
			var ids []string
			start := time.Now()
			err := db.Select(ctx, d.R, &ids, `SELECT id FROM follow_ups WHERE branch_id = ? AND status = 'open'
				ORDER BY due_at, id LIMIT 51`, k.f.Branch.ID)
			if err != nil || len(ids) != 51 {
				b.Fatal(len(ids), err)
			}
			return time.Since(start)
		})
	})
}

func eachBenchDB(b *testing.B, fn func(b *testing.B, d *db.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, dbtest.New(b)) })
	if os.Getenv(dbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { fn(b, dbtest.NewPostgres(b)) })
	}
}

func signIn(b *testing.B, k *kit) string {
	email := "bench-admin@centrum.test"
	_, err := k.f.Env.Staff.Create(context.Background(), staff.NewStaff{Email: email, Name: "Bench", Role: actor.Admin,
		Password: apitest.Password})
	if err != nil {
		b.Fatal(err)
	}
	return k.f.Env.Login(email, apitest.Password)
}

func listOnce(b *testing.B, k *kit, path, token string) time.Duration {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	start := time.Now()
	resp, err := k.f.Env.HTTP.Test(req, -1)
	if err != nil {
		b.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	took := time.Since(start)
	_ = resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"script"`) {
		b.Fatalf("%d %.200s %v", resp.StatusCode, body, err)
	}
	return took
}

func latencies(b *testing.B, one func() time.Duration) {
	var took []time.Duration
	for b.Loop() {
		took = append(took, one())
	}
	slices.Sort(took)
	at := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
}

// seedCalls writes benchCalls patients, each with an open follow-up call and its task,
// due over the last 30 days, in one campaign (every tenth with two failed attempts), in batches.
func seedCalls(b *testing.B, k *kit, d *db.DB) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	var staffID string
	if err := db.Get(ctx, d.R, &staffID, `SELECT id FROM staff LIMIT 1`); err != nil {
		b.Fatal(err)
	}
	campaign := uuid.NewString()
	err := d.InTx(ctx, func(tx db.Tx) error {
		if err := db.Exec(ctx, tx, `INSERT INTO campaigns (id, branch_id, name, purpose, source, created_at)
			VALUES (?, ?, 'Recall', 'service', 'ids', ?)`, campaign, k.f.Branch.ID, now); err != nil {
			return err
		}
		for i := range benchCalls {
			if err := seedOne(ctx, tx, k, i, now, staffID, campaign); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

func seedOne(ctx context.Context, tx db.Tx, k *kit, i int, now time.Time, staffID, campaign string) error {
	patient, task, follow := uuid.NewString(), uuid.NewString(), uuid.NewString()
	due := now.Add(-time.Duration(i%(30*24)) * time.Hour)
	steps := []struct {
		q    string
		args []any
	}{
		{`INSERT INTO patients (id, first_name, last_name, phone, locale, created_at, updated_at) VALUES (?, ?, 'Nowak', ?, 'pl', ?, ?)`,
			[]any{patient, fmt.Sprintf("Anna%d", i), fmt.Sprintf("+48700%06d", i), now, now}},
		{`INSERT INTO inbox_tasks (id, kind, patient_id, branch_id, text, status, created_at, due_at, queue) VALUES (?, 'follow_up_call', ?, ?, 'call', 'open', ?, ?, 'front_desk')`,
			[]any{task, patient, k.f.Branch.ID, now, due}},
		{`INSERT INTO follow_ups (id, branch_id, patient_id, campaign_id, doctor_id, service_id, task_id, locale, status, attempts, first_due_at, due_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, 'pl', 'open', 0, ?, ?, ?)`,
			[]any{follow, k.f.Branch.ID, patient, campaign, k.f.Doctors[0].ID, k.f.Extraction.ID, task, due, due, now}},
	}
	for _, s := range steps {
		if err := db.Exec(ctx, tx, s.q, s.args...); err != nil {
			return err
		}
	}
	if i%10 != 0 {
		return nil
	}
	for n := 1; n <= 2; n++ {
		err := db.Exec(ctx, tx, `INSERT INTO follow_up_attempts (follow_up_id, number, staff_id, due_at, at, outcome, note) VALUES (?, ?, ?, ?, ?, 'no_answer', '')`,
			follow, n, staffID, due, due)
		if err != nil {
			return err
		}
	}
	return nil
}
