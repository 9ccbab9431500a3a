package monitoring_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// The target: importing 10 000 reviews within 2 s. Each run imports 10 000 new
// reviews, none replied (all waiting for a reply, so past BulkTasks they share one
// task), into a fresh source and reports the median over the runs; the baseline times
// the bare multi-row insert of 10 000 review rows on the same database in the same run.
//
//	go test ./reviews/monitoring/ -run '^$' -bench . -benchtime 3x
//
// (with FRONTDESK_TEST_POSTGRES_DSN set for PostgreSQL as well).

// BenchmarkImport10k imports a 10 000-row CSV file (reviews of 100 to 200 characters)
// through the service: reading, checking, looking up and storing them with their task.
func BenchmarkImport10k(b *testing.B) { eachBenchDB(b, benchImport) }

// BenchmarkImport10kHTTP posts a 10 000-row CSV file of short reviews (under the app's
// 1 MiB body limit) through the whole HTTP stack as an administrator.
func BenchmarkImport10kHTTP(b *testing.B) { eachBenchDB(b, benchImportHTTP) }

// BenchmarkInsert10kBaseline writes 10 000 review rows in 400-row INSERTs in one
// transaction: the floor under an import.
func BenchmarkInsert10kBaseline(b *testing.B) { eachBenchDB(b, benchBaseline) }

func eachBenchDB(b *testing.B, fn func(b *testing.B, d *db.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, dbtest.New(b)) })
	if os.Getenv(dbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { fn(b, dbtest.NewPostgres(b)) })
	}
}

const benchRows = 10000

// csvFile is an import of n reviews whose texts repeat text.
func csvFile(n int, text func(i int) string) []byte {
	var buf bytes.Buffer
	buf.WriteString("external_id,author,rating,comment,created_at\n")
	start := time.Date(2025, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := range n {
		fmt.Fprintf(&buf, "ext-%06d,Author %d,%d,%q,%s\n", i, i%97, 1+i%5, text(i),
			start.Add(time.Duration(i)*time.Hour).Format(time.RFC3339))
	}
	return buf.Bytes()
}

func benchImport(b *testing.B, d *db.DB) {
	k := newKit(b, d)
	body := csvFile(benchRows, func(i int) string {
		return strings.Repeat("Очень внимательный врач, всё объяснил. ", 3+i%3)
	})
	measure(b, func() func() {
		src := k.importSource("yandex")
		return func() {
			out, err := k.env.ReviewMonitor.ImportCSV(context.Background(), src.ID, body)
			if err != nil || out.New != benchRows {
				b.Fatalf("import: %+v %v", out, err)
			}
		}
	})
}

func benchImportHTTP(b *testing.B, d *db.DB) {
	k := newKit(b, d)
	body := csvFile(benchRows, func(int) string { return "Friendly staff, no waiting." })
	if len(body) > 1<<20 {
		b.Fatalf("the file is %d bytes, over the body limit", len(body))
	}
	measure(b, func() func() {
		src := k.importSource("yandex")
		return func() {
			req := httptest.NewRequest("POST", "/api/v1/reviews/sources/"+src.ID+"/import", bytes.NewReader(body))
			req.Header.Set("Content-Type", "text/csv")
			req.Header.Set("Authorization", "Bearer "+k.admin.Token)
			resp, err := k.env.HTTP.Test(req, -1)
			if err != nil || resp.StatusCode != 200 {
				b.Fatalf("import: %v %v", resp, err)
			}
		}
	})
}

func benchBaseline(b *testing.B, d *db.DB) {
	k := newKit(b, d)
	const head = `INSERT INTO reviews (id, source_id, branch_id, external_id, author, rating, comment, created_at_ext,
		updated_at_ext, stored_at, changed_at, reply_text, reply_status) VALUES `
	const tuple = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', 'none')"
	text := strings.Repeat("Очень внимательный врач, всё объяснил. ", 4)
	measure(b, func() func() {
		src, now := k.importSource("yandex"), time.Now().UTC()
		return func() {
			err := d.InTx(context.Background(), func(tx db.Tx) error {
				for start := 0; start < benchRows; start += 400 {
					var args []any
					for i := start; i < start+400; i++ {
						args = append(args, uuid.NewString(), src.ID, k.branch, fmt.Sprintf("ext-%06d", i), "Author", 1+i%5,
							text, now, now, now, now)
					}
					q := head + strings.TrimSuffix(strings.Repeat(tuple+", ", 400), ", ")
					if err := db.Exec(context.Background(), tx, q, args...); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

// measure times run() of each b.Loop round (prepared untimed by setup) and reports
// the median in milliseconds.
func measure(b *testing.B, setup func() (run func())) {
	var took []time.Duration
	for b.Loop() {
		b.StopTimer()
		run := setup()
		b.StartTimer()
		start := time.Now()
		run()
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2])/float64(time.Millisecond), "median-ms")
}
