package reminders_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// BenchmarkPlan100k plans the reminders of 100 000 upcoming visits of one branch
// (ReplanBranch on visits never planned: what enabling reminders or a bulk import
// does). One op is all 100 000 visits.
//
//	go test -run '^$' -bench Plan100k -benchtime 3x ./reminders/
func BenchmarkPlan100k(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchPlan(b, dbtest.New(b)) })
	if os.Getenv(dbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { benchPlan(b, dbtest.NewPostgres(b)) })
	}
}

const benchVisits = 100_000

func benchPlan(b *testing.B, d *db.DB) {
	f := newFixture(b, d)
	ctx := context.Background()
	seedVisits(b, f, benchVisits)
	if d.Dialect == db.Postgres {
		// A live database has statistics (autovacuum); rows inserted a moment ago do not.
		if err := db.Exec(ctx, d.W, `ANALYZE`); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		if err := db.Exec(ctx, d.W, `DELETE FROM reminder_plans`); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		n, err := f.env.Reminders.ReplanBranch(ctx, f.branch.ID)
		if err != nil || n != benchVisits {
			b.Fatalf("planned %d visits: %v", n, err)
		}
	}
	b.StopTimer()
	var plans int
	if err := db.Get(ctx, d.R, &plans, `SELECT COUNT(*) FROM reminder_plans`); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(plans), "plans")
}

// seedVisits inserts n booked check-ups, 40 minutes apart from tomorrow on, for 1 000
// patients, with multi-row inserts (booking them one by one would take minutes).
func seedVisits(b *testing.B, f *fixture, n int) {
	ctx := context.Background()
	now := time.Now().UTC().Truncate(time.Second)
	var chair string
	if err := db.Get(ctx, f.db.R, &chair, `SELECT id FROM chairs WHERE branch_id = ?`, f.branch.ID); err != nil {
		b.Fatal(err)
	}
	patients := make([]string, 1000)
	err := f.db.InTx(ctx, func(tx db.Tx) error {
		for i := range patients {
			patients[i] = uuid.NewString()
			err := db.Exec(ctx, tx, `INSERT INTO patients (id, first_name, last_name, phone, locale, created_at, updated_at)
				VALUES (?, 'Bench', 'Patient', ?, 'sv', ?, ?)`, patients[i], fmt.Sprintf("+46701%06d", i), now, now)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	start := now.Add(24 * time.Hour).Truncate(time.Hour)
	const batch = 500
	tuple := "(?, ?, ?, ?, ?, ?, ?, ?, ?, 'booked', 'phone', ?, ?)"
	for from := 0; from < n; from += batch {
		m := min(batch, n-from)
		args := make([]any, 0, m*11)
		for i := from; i < from+m; i++ {
			s := start.Add(time.Duration(i) * 40 * time.Minute)
			args = append(args, uuid.NewString(), f.branch.ID, patients[i%len(patients)], f.svc.ID, f.doctor.ID, chair,
				s, s.Add(30*time.Minute), s.Add(30*time.Minute), now, now)
		}
		err := db.Exec(ctx, f.db.W, `INSERT INTO appointments (id, branch_id, patient_id, service_id, doctor_id, chair_id,
			starts_at, ends_at, blocked_until, status, source, created_at, updated_at) VALUES `+
			strings.TrimSuffix(strings.Repeat(tuple+", ", m), ", "), args...)
		if err != nil {
			b.Fatal(err)
		}
	}
}
