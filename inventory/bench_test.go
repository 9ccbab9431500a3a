package inventory_test

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// The targets: one visit's consumption with 5 materials within 3 ms at p95; the
// head nurse's summary over 2 000 items and 200 000 moves within 15 ms at p95. Each
// reports p50-ms and p95-ms over b.N runs; the baselines time the bare statement on the
// same database in the same run, since the machine is shared and noisy.
//
//	go test ./inventory/ -run '^$' -bench . -benchtime 1000x -count 3

// BenchmarkConsumeVisit hands a completed visit's event to the inventory: 5 materials
// leave the chair's location in one transaction, first expiring lot first.
func BenchmarkConsumeVisit(b *testing.B) { eachBenchDB(b, benchConsume) }

// BenchmarkConsumeBaseline writes one move row and one stock update in a transaction:
// the floor under a consumption.
func BenchmarkConsumeBaseline(b *testing.B) { eachBenchDB(b, benchConsumeBaseline) }

// BenchmarkSummary reads the head nurse's board over 2 000 items and 200 000 moves.
func BenchmarkSummary(b *testing.B) { eachBenchDB(b, benchSummary) }

// BenchmarkSummaryBaseline sums the last 30 days' consumption of the same ledger in one
// bare GROUP BY: the floor under the summary's heaviest part.
func BenchmarkSummaryBaseline(b *testing.B) { eachBenchDB(b, benchSummaryBaseline) }

func eachBenchDB(b *testing.B, fn func(b *testing.B, d *db.DB)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, dbtest.New(b)) })
	if os.Getenv(dbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { fn(b, dbtest.NewPostgres(b)) })
	}
}

func benchConsume(b *testing.B, d *db.DB) {
	k := newKit(b, d)
	var mats []map[string]any
	for i := range 5 {
		item := k.item(fmt.Sprintf("Material %d", i), map[string]any{"lot_tracked": true, "expiry_tracked": true})
		for _, loc := range []string{k.operatory, k.clinical} {
			for lot := range 3 {
				k.receive(loc, item, 1_000_000, fmt.Sprintf("L%d", lot), fmt.Sprintf("2099-0%d-01", lot+1))
			}
		}
		mats = append(mats, map[string]any{"item_id": item, "quantity": i + 1})
	}
	k.materials("/api/v1/inventory/services/"+k.f.Checkup.ID+"/materials", map[string]any{"materials": mats})
	v, _ := k.completeVisit(0, 10, "+48601000009")
	ctx := context.Background()
	var ids []string
	latencies(b, func(i int) time.Duration {
		if i >= len(ids) {
			ids = append(ids, cloneVisits(b, d, v.ID, 500)...)
		}
		start := time.Now()
		if err := k.f.Env.Inventory.OnEvent(ctx, visit.Event{VisitID: ids[i], Kind: visit.EventCompleted}); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	})
	var n int
	if err := d.R.Get(&n, "SELECT COUNT(*) FROM visit_consumptions"); err != nil || n < 2 {
		b.Fatalf("consumed visits: %d (%v)", n, err)
	}
}

// cloneVisits copies a completed visit n times (completed visits do not hold their
// time, so the copies may share it) and returns the copies' ids.
func cloneVisits(b *testing.B, d *db.DB, id string, n int) []string {
	const clone = `INSERT INTO appointments (id, branch_id, patient_id, service_id, doctor_id, chair_id, starts_at,
		ends_at, blocked_until, status, source, completed_at, created_at, updated_at)
		SELECT ?, branch_id, patient_id, service_id, doctor_id, chair_id, starts_at, ends_at, blocked_until, status,
		source, completed_at, created_at, updated_at FROM appointments WHERE id = ?`
	ids := make([]string, n)
	err := d.InTx(context.Background(), func(tx db.Tx) error {
		for i := range ids {
			ids[i] = uuid.NewString()
			if err := db.Exec(context.Background(), tx, clone, ids[i], id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return ids
}

func benchConsumeBaseline(b *testing.B, d *db.DB) {
	k := newKit(b, d)
	item := k.item("Baseline", nil)
	lot := k.receive(k.operatory, item, 1_000_000, "", "").LotID
	ctx := context.Background()
	latencies(b, func(i int) time.Duration {
		start := time.Now()
		err := d.InTx(ctx, func(tx db.Tx) error {
			if err := db.ExecOne(ctx, tx, `UPDATE stock SET quantity = quantity - 1 WHERE item_id = ? AND location_id = ?
				AND lot_id = ? AND quantity >= 1`, item, k.operatory, lot); err != nil {
				return err
			}
			return db.Exec(ctx, tx, `INSERT INTO stock_moves (id, item_id, lot_id, from_location_id, quantity, reason,
				source_kind, at) VALUES (?, ?, ?, ?, 1, 'consumption', 'manual', ?)`, uuid.NewString(), item, lot, k.operatory,
				time.Now().UTC())
		})
		if err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	})
}

func benchSummary(b *testing.B, d *db.DB) {
	k := newKit(b, d)
	seedLedger(b, d, k)
	ctx := context.Background()
	latencies(b, func(int) time.Duration {
		start := time.Now()
		sm, err := k.f.Env.Inventory.Summary(ctx, k.f.Branch.ID, "head_nurse")
		if err != nil || len(sm.Critical)+len(sm.BelowReorder) == 0 {
			b.Fatalf("summary: %d critical, %v", len(sm.Critical), err)
		}
		return time.Since(start)
	})
}

func benchSummaryBaseline(b *testing.B, d *db.DB) {
	k := newKit(b, d)
	seedLedger(b, d, k)
	ctx := context.Background()
	since := time.Now().UTC().AddDate(0, 0, -30)
	latencies(b, func(int) time.Duration {
		var rows []struct {
			Item string `db:"item_id"`
			Used int64  `db:"used"`
		}
		start := time.Now()
		err := db.Select(ctx, d.R, &rows, `SELECT item_id, SUM(quantity) AS used FROM stock_moves
			WHERE from_location_id = ? AND reason = 'consumption' AND at >= ? GROUP BY item_id`, k.operatory, since)
		if err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	})
}

// seedLedger writes 2 000 head-nurse items with levels at the operatory, a lot and a
// stock row each, and 200 000 consumption moves over the last year, in bulk.
func seedLedger(b *testing.B, d *db.DB, k *kit) {
	b.Helper()
	const items, moves = 2000, 200_000
	now := time.Now().UTC()
	ids, lots := make([]string, items), make([]string, items)
	err := d.InTx(context.Background(), func(tx db.Tx) error {
		ins := bulk{tx: tx}
		for i := range ids {
			ids[i], lots[i] = uuid.NewString(), uuid.NewString()
			ins.add(`INSERT INTO inventory_items (id, sku, name, category, unit, pack_unit, pack_size, board, created_at,
				updated_at) VALUES `, "(?, ?, ?, 'dental_material', 'piece', 'box', 10, 'head_nurse', ?, ?)",
				ids[i], fmt.Sprintf("SKU-%05d", i), fmt.Sprintf("Item %05d", i), now, now)
		}
		ins.flush()
		for i := range ids {
			ins.add(`INSERT INTO stock_lots (id, item_id, lot_number, expires_on, created_at) VALUES `, "(?, ?, '', ?, ?)",
				lots[i], ids[i], now.AddDate(0, 0, i%400).Format(time.DateOnly), now)
		}
		ins.flush()
		for i := range ids {
			ins.add(`INSERT INTO item_levels (item_id, location_id, par_level, reorder_point, critical_level) VALUES `,
				"(?, ?, 100, 20, 5)", ids[i], k.operatory)
			ins.add2(`INSERT INTO stock (item_id, location_id, lot_id, quantity, updated_at) VALUES `, "(?, ?, ?, ?, ?)",
				ids[i], k.operatory, lots[i], i%150, now)
		}
		ins.flush()
		for m := range moves {
			i := m % items
			ins.add(`INSERT INTO stock_moves (id, item_id, lot_id, from_location_id, quantity, reason, source_kind, at) VALUES `,
				"(?, ?, ?, ?, 1, 'consumption', 'manual', ?)", uuid.NewString(), ids[i], lots[i], k.operatory,
				now.Add(-time.Duration(m%8760)*time.Hour))
		}
		ins.flush()
		return ins.err
	})
	if err != nil {
		b.Fatal(err)
	}
	// A bulk load leaves the planner's statistics behind; autovacuum (PostgreSQL) or a
	// clinic's own ANALYZE would catch up within minutes of such a load.
	if _, err := d.W.Exec("ANALYZE"); err != nil {
		b.Fatal(err)
	}
}

// bulk batches rows into multi-row INSERTs (two statements may be filled at once).
type bulk struct {
	tx          db.Tx
	head, head2 string
	rows, rows2 []string
	args, args2 []any
	err         error
}

func (u *bulk) add(head, row string, args ...any) {
	u.head = head
	u.rows, u.args = append(u.rows, row), append(u.args, args...)
	if len(u.rows) == 400 {
		u.flushOne(&u.head, &u.rows, &u.args)
	}
}

func (u *bulk) add2(head, row string, args ...any) {
	u.head2 = head
	u.rows2, u.args2 = append(u.rows2, row), append(u.args2, args...)
	if len(u.rows2) == 400 {
		u.flushOne(&u.head2, &u.rows2, &u.args2)
	}
}

func (u *bulk) flush() {
	u.flushOne(&u.head, &u.rows, &u.args)
	u.flushOne(&u.head2, &u.rows2, &u.args2)
}

func (u *bulk) flushOne(head *string, rows *[]string, args *[]any) {
	if len(*rows) > 0 && u.err == nil {
		u.err = db.Exec(context.Background(), u.tx, *head+strings.Join(*rows, ", "), *args...)
	}
	*rows, *args = (*rows)[:0], (*args)[:0]
}

func latencies(b *testing.B, one func(i int) time.Duration) {
	var took []time.Duration
	for i := 0; b.Loop(); i++ {
		took = append(took, one(i))
	}
	slices.Sort(took)
	at := func(p float64) float64 { return float64(took[int(p*float64(len(took)-1))]) / float64(time.Millisecond) }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
}
