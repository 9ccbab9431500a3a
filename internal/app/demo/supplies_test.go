package demo_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/app/demo"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

type stockKey struct {
	Item     string `db:"item_id"`
	Location string `db:"location_id"`
	Lot      string `db:"lot_id"`
	Quantity int64  `db:"quantity"`
}

// ledgerSums is what the ledger says each lot at each place should hold.
const ledgerSums = `SELECT item_id, location_id, lot_id, CAST(SUM(q) AS BIGINT) AS quantity FROM (
	SELECT item_id, to_location_id AS location_id, lot_id, quantity AS q FROM stock_moves WHERE to_location_id IS NOT NULL
	UNION ALL
	SELECT item_id, from_location_id, lot_id, -quantity FROM stock_moves WHERE from_location_id IS NOT NULL) x
	GROUP BY item_id, location_id, lot_id ORDER BY item_id, location_id, lot_id`

const stockRows = `SELECT item_id, location_id, lot_id, quantity FROM stock ORDER BY item_id, location_id, lot_id`

// levelState lists the SKUs whose stock at a place with levels is below the reorder
// point, or at or below the critical level.
const levelState = `SELECT i.sku FROM item_levels v JOIN inventory_items i ON i.id = v.item_id
	WHERE (SELECT COALESCE(SUM(s.quantity), 0) FROM stock s WHERE s.item_id = v.item_id AND s.location_id = v.location_id)
	%s ORDER BY i.sku`

func TestTheDemoStockIsTheSumOfItsMonthOfMoves(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apitest.NewEnv(t, d)
		ctx := context.Background()
		began := time.Now()
		if got, err := demo.Seed(ctx, env.DemoDeps(), "pl"); err != nil || got != demo.Added {
			t.Fatalf("seed: %v %v", got, err)
		}
		t.Logf("the demo seeded in %s", time.Since(began))
		var sums, held []stockKey
		if err := db.Select(ctx, d.R, &sums, ledgerSums); err != nil {
			t.Fatal(err)
		}
		if err := db.Select(ctx, d.R, &held, stockRows); err != nil {
			t.Fatal(err)
		}
		if len(held) < 20 {
			t.Fatalf("only %d stock rows", len(held))
		}
		if diff := cmp.Diff(sums, held); diff != "" {
			t.Errorf("stock against the ledger (-ledger +stock):\n%s", diff)
		}
		check(t, d, map[string]any{
			"SELECT COUNT(*) FROM stock_locations WHERE kind = 'operatory' AND chair_id IS NOT NULL": 4,
			"SELECT COUNT(*) FROM stock_locations WHERE clinical_default":                            1,
			"SELECT COUNT(*) FROM inventory_items":                                                   14,
			"SELECT COUNT(DISTINCT currency) FROM item_suppliers":                                    1,
			"SELECT MIN(currency) FROM item_suppliers":                                               "PLN",
			"SELECT COUNT(DISTINCT service_id) FROM service_materials":                               10,
			"SELECT COUNT(*) FROM stock_moves WHERE reason = 'consumption'":                          320,
		})
	})
}

func TestTheDemoHasALotExpiringSoonAndItemsToReorder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apitest.NewEnv(t, d)
		ctx := context.Background()
		if _, err := demo.Seed(ctx, env.DemoDeps(), "sv"); err != nil {
			t.Fatal(err)
		}
		now := env.Clock.Now() // the demo is laid out around the app's clock
		soon := now.AddDate(0, 0, 14).Format(time.DateOnly)
		var expiring []string
		err := db.Select(ctx, d.R, &expiring, `SELECT l.lot_number FROM stock_lots l JOIN stock s ON s.lot_id = l.id
			WHERE l.expires_on <> '' AND l.expires_on <= ? AND s.quantity > 0`, soon)
		if err != nil || !cmp.Equal(expiring, []string{"A2-24117"}) {
			t.Errorf("lots expiring within two weeks: %v %v, want the older composite A2", expiring, err)
		}
		for cond, want := range map[string][]string{
			"< v.reorder_point":   {"DM-COMP-A3", "HH-COFFEE-1KG", "HH-TOWEL-ROLL"},
			"<= v.critical_level": {"DM-COMP-A3"},
		} {
			var got []string
			if err := db.Select(ctx, d.R, &got, fmt.Sprintf(levelState, cond)); err != nil || !cmp.Equal(got, want) {
				t.Errorf("stock %s: %v %v, want %v", cond, got, err, want)
			}
		}
		var first, last time.Time
		if err := db.Get(ctx, d.R, &first, "SELECT at FROM stock_moves ORDER BY at LIMIT 1"); err != nil {
			t.Fatal(err)
		}
		if err := db.Get(ctx, d.R, &last, "SELECT at FROM stock_moves ORDER BY at DESC LIMIT 1"); err != nil {
			t.Fatal(err)
		}
		if age := now.Sub(first); age < 29*24*time.Hour || age > 31*24*time.Hour || !last.Before(now) {
			t.Errorf("history from %s to %s, want a month ending in the past", first, last)
		}
	})
}

func check(t *testing.T, d *db.DB, want map[string]any) {
	t.Helper()
	for q, n := range want {
		var got any
		if err := d.R.QueryRowxContext(context.Background(), q).Scan(&got); err != nil || fmt.Sprintf("%v", text(got)) != fmt.Sprintf("%v", n) {
			t.Errorf("%s = %v (%v), want %v", q, text(got), err, n)
		}
	}
}

func text(v any) any {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return v
}

// TestEveryLocaleStocksInItsCurrency: each country set has its place names, and its
// suppliers' prices are in the branch's currency and above zero.
func TestEveryLocaleStocksInItsCurrency(t *testing.T) {
	for _, locale := range demo.Locales {
		t.Run(locale, func(t *testing.T) {
			d := dbtest.New(t)
			if _, err := demo.Seed(context.Background(), apitest.NewEnv(t, d).DemoDeps(), locale); err != nil {
				t.Fatal(err)
			}
			check(t, d, map[string]any{
				"SELECT COUNT(*) FROM item_suppliers x, branches b WHERE x.currency = b.currency AND x.pack_price_minor > 0": 14,
				"SELECT COUNT(*) FROM stock_locations WHERE name = ''":                                                       0,
			})
		})
	}
}
