package figures

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// The target: a year of figures for a branch with 30 doctors (about 60 000
// visits) answers within 50 ms at p95 on both databases. The stored sums are what a
// year of rebuilds leaves: every figure's branch day, each doctor's part of it and
// each administrator's part of the per-person ones, and the rows of the medians. The
// baseline reads the same year's branch days alone, without adding them up.
//
//	go test ./figures/ -run '^$' -bench 'YearOfFigures' -benchtime 200x -count 3

const (
	benchDoctors = 30
	benchDesk    = 8
	// benchVisitsPerDoctorDay is the year's visits a doctor's day part stands for: 60 000 over 30
	// doctors and about 250 working days is 8 a day each.
	benchVisitsPerDoctorDay = 8
)

// BenchmarkYearOfFigures reads a year by week with the people (the owner's dashboard),
// and by month for one doctor.
func BenchmarkYearOfFigures(b *testing.B) {
	benchEachDB(b, func(b *testing.B, d *db.DB) {
		s, branch, doctors := benchSeedYear(b, d)
		from, to := "2025-12-01", "2026-11-30"
		b.Run("weeks_people", func(b *testing.B) {
			benchLatencies(b, func(ctx context.Context) error {
				_, err := s.Figures(ctx, Query{BranchID: branch, From: from, To: to, By: "week", People: true})
				return err
			})
		})
		b.Run("months_doctor", func(b *testing.B) {
			benchLatencies(b, func(ctx context.Context) error {
				_, err := s.Figures(ctx, Query{BranchID: branch, From: from, To: to, By: "month", DoctorID: doctors[7]})
				return err
			})
		})
		b.Run("baseline", func(b *testing.B) {
			benchLatencies(b, func(ctx context.Context) error {
				var days []daySum
				return db.Select(ctx, d.R, &days, sqlBenchBaseline, branch, from, to)
			})
		})
	})
}

// benchSeedYear stores a year of sums for a 30-doctor branch over the real catalog.
func benchSeedYear(b *testing.B, d *db.DB) (*Service, string, []string) {
	b.Helper()
	ctx := context.Background()
	clock := func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) }
	dir := clinic.NewService(d, audit.New(d, clock), clock)
	br, err := dir.CreateBranch(ctx, clinic.BranchInput{Name: "Centrum", Country: "PL", TimeZone: "Europe/Warsaw",
		Locale: "pl", Currency: "PLN"})
	if err != nil {
		b.Fatal(err)
	}
	s := NewService(Deps{DB: d, Branches: dir, Clock: clock})
	if len(s.Catalog()) == 0 {
		b.Fatal("the catalog is empty")
	}
	doctors, desk := benchIDs(benchDoctors), benchIDs(benchDesk)
	day := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	for ; day.Before(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)); day = day.AddDate(0, 0, 1) {
		if err := d.InTx(ctx, func(tx db.Tx) error {
			return benchSeedDay(ctx, tx, s, br.ID, day.Format(time.DateOnly), doctors, desk)
		}); err != nil {
			b.Fatal(err)
		}
	}
	// After a bulk load as autovacuum would: fresh statistics, and on PostgreSQL a
	// visibility map, without which no index-only scan skips the table.
	analyze := "ANALYZE"
	if d.Dialect == db.Postgres {
		analyze = "VACUUM ANALYZE figure_days, figure_facts, figure_runs"
	}
	if err := db.Exec(ctx, d.W, analyze); err != nil {
		b.Fatal(err)
	}
	return s, br.ID, doctors
}

func benchIDs(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = uuid.NewString()
	}
	return out
}

const (
	// The baseline: the year's branch days read as they are stored, nothing added up.
	sqlBenchBaseline = `SELECT figure, day, num, den FROM figure_days
		WHERE branch_id = ? AND doctor_id = '' AND staff_id = '' AND day >= ? AND day <= ?`
	sqlBenchDayHead  = `INSERT INTO figure_days (branch_id, doctor_id, staff_id, day, figure, week, month, level, num, den) VALUES `
	sqlBenchDayTuple = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// benchSeedDay writes one day: each figure's branch sum and parts, and the medians' rows.
func benchSeedDay(ctx context.Context, tx db.Tx, s *Service, branch, day string, doctors, desk []string) error {
	var rows [][]any
	var facts []Fact
	week, month := periodKeys(day)
	levels := map[string]int{}
	for _, c := range s.collectors {
		for _, name := range c.Figures {
			levels[name] = map[bool]int{true: 1}[c.Frozen]
		}
	}
	for i, def := range s.Catalog() {
		num, den, level := int64(i%5+1), int64(benchDoctors*benchVisitsPerDoctorDay), levels[def.Name]
		rows = append(rows, []any{branch, "", "", day, def.Name, week, month, level, num * benchDoctors, den})
		for _, doc := range doctors {
			rows = append(rows, []any{branch, doc, "", day, def.Name, week, month, level, num, int64(benchVisitsPerDoctorDay)})
		}
		if def.PerPerson {
			for _, who := range desk {
				rows = append(rows, []any{branch, "", who, day, def.Name, week, month, level, num, den / benchDesk})
			}
		}
		if def.Sum == Median {
			for j := range 20 {
				facts = append(facts, Fact{Figure: def.Name, BranchID: branch, Day: day, Subject: def.Subject,
					SubjectID: uuid.NewString(), StaffID: desk[j%benchDesk], Num: int64(j * 3), Den: 1})
			}
		}
	}
	if err := benchInsertDays(ctx, tx, rows); err != nil {
		return err
	}
	return insertFacts(ctx, tx, facts)
}

func benchInsertDays(ctx context.Context, tx db.Tx, rows [][]any) error {
	for chunk := range slices.Chunk(rows, 500) {
		args := make([]any, 0, len(chunk)*10)
		for _, r := range chunk {
			args = append(args, r...)
		}
		query := sqlBenchDayHead + strings.Repeat(sqlBenchDayTuple+", ", len(chunk)-1) + sqlBenchDayTuple
		if err := db.Exec(ctx, tx, query, args...); err != nil {
			return err
		}
	}
	return nil
}

// benchLatencies runs fn b.N times and reports the median and the 95th percentile.
func benchLatencies(b *testing.B, fn func(ctx context.Context) error) {
	ctx := context.Background()
	took := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		if err := fn(ctx); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(took)
	at := func(q float64) float64 { return float64(took[int(q*float64(len(took)-1))].Microseconds()) / 1000 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
}

func benchEachDB(b *testing.B, fn func(b *testing.B, d *db.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, dbtest.New(b)) })
	if os.Getenv(dbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { fn(b, dbtest.NewPostgres(b)) })
	}
}
