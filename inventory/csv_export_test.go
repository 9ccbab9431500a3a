package inventory_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/inventory"
)

// ledger posts the good file, an item whose name is a formula, and 600 one-unit
// transfers between the shelf and reception (more than one page of the export).
func (k *csvKit) ledger() {
	k.t.Helper()
	for _, f := range []string{goodFile, "sku,name,category,unit,location,quantity\nEVIL,\"=HYPERLINK(\"\"x\"\")\",household,roll,Reception,2\n"} {
		if r := k.post(f); r.Status != http.StatusCreated {
			k.t.Fatalf("import: %d %s", r.Status, r.Body)
		}
	}
	ids := k.rows(`SELECT s.item_id, s.lot_id FROM stock s JOIN inventory_items i ON i.id = s.item_id WHERE i.sku = 'COF-1'`)[0]
	shelf, reception := k.place("Clinical shelf"), k.place("Reception")
	lines := []inventory.Line{}
	for n := range 600 {
		from, to := reception, shelf
		if n%2 == 1 {
			from, to = shelf, reception
		}
		lines = append(lines, inventory.Line{ItemID: ids[0], LotID: ids[1], From: &from, To: &to, Quantity: 1,
			Reason: inventory.Transfer, SourceKind: inventory.FromManual, Note: "-1 back " + strconv.Itoa(n)})
	}
	err := k.env.Inventory.DB().InTx(context.Background(), func(tx db.Tx) error {
		_, err := k.env.Inventory.Post(context.Background(), tx, lines...)
		return err
	})
	if err != nil {
		k.t.Fatalf("transfers: %v", err)
	}
}

func (k *csvKit) place(name string) string {
	return k.rows("SELECT id FROM stock_locations WHERE name = '" + name + "' AND branch_id = '" + k.branch + "'")[0][0]
}

func (k *csvKit) export(from, to string) *apitest.Response {
	k.t.Helper()
	return k.nurse.Raw(http.MethodGet, "/api/v1/inventory/moves.csv?branch_id="+k.branch+"&from="+from+"&to="+to, "", nil)
}

func TestTheLedgerExportRoundTripsThroughCSV(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newCSVKit(t, d)
		k.ledger()
		warsaw, _ := time.LoadLocation("Europe/Warsaw")
		today := k.env.Clock.Now().In(warsaw).Format(time.DateOnly)
		r := k.export(today, today)
		if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
			t.Fatalf("export: %d %q %.300s", r.Status, r.Header.Get("Content-Type"), r.Body)
		}
		got, err := csv.NewReader(bytes.NewReader(r.Body)).ReadAll()
		if err != nil {
			t.Fatalf("the export is not CSV: %v", err)
		}
		if diff := cmp.Diff(inventory.ExportColumns, got[0]); diff != "" {
			t.Errorf("header (-want +got):\n%s", diff)
		}
		want := k.rows(`SELECT m.seq, m.id, i.sku, i.unit, l.lot_number, l.expires_on, COALESCE(f.name, ''),
			COALESCE(t.name, ''), m.quantity, m.reason, m.source_kind, m.source_id FROM stock_moves m
			JOIN inventory_items i ON i.id = m.item_id JOIN stock_lots l ON l.id = m.lot_id
			LEFT JOIN stock_locations f ON f.id = m.from_location_id LEFT JOIN stock_locations t ON t.id = m.to_location_id
			ORDER BY m.at, m.seq`)
		if len(want) != 604 {
			t.Fatalf("ledger has %d moves, want 604", len(want))
		}
		if diff := cmp.Diff(want, pick(got[1:], 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13)); diff != "" {
			t.Errorf("export against the ledger (-ledger +export):\n%s", diff)
		}
		k.checkCells(got[1:], warsaw, today)
	})
}

// checkCells: instants are in the branch's zone on the day asked for; formulas and
// a leading minus are defused with an apostrophe.
func (k *csvKit) checkCells(rows [][]string, zone *time.Location, day string) {
	k.t.Helper()
	for _, row := range rows {
		at, err := time.Parse(time.RFC3339, row[0])
		if err != nil || at.In(zone).Format(time.DateOnly) != day || at.Format(time.RFC3339) != at.In(zone).Format(time.RFC3339) {
			k.t.Fatalf("at %q: %v, want an RFC 3339 instant on %s in the branch's zone", row[0], err, day)
		}
	}
	if rows[3][4] != `'=HYPERLINK("x")` {
		k.t.Errorf("a formula name is exported as %q, want it after an apostrophe", rows[3][4])
	}
	if rows[4][17] != "'-1 back 0" || rows[0][17] != "opening stock, line 2" {
		k.t.Errorf("notes %q and %q", rows[4][17], rows[0][17])
	}
}

func pick(rows [][]string, cols ...int) [][]string {
	out := [][]string{}
	for _, r := range rows {
		p := []string{}
		for _, c := range cols {
			p = append(p, r[c])
		}
		out = append(out, p)
	}
	return out
}

func TestTheLedgerExportKeepsToItsBranchAndPeriod(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newCSVKit(t, d)
		k.ledger()
		other := &csvKit{t: t, env: k.env, db: d}
		other.openBranch("Wola")
		if r := other.post("sku,name,category,unit,location,quantity\nTEA-1,Green tea,household,box,Reception,4\n"); r.Status != http.StatusCreated {
			t.Fatalf("the other branch's import: %d %s", r.Status, r.Body)
		}
		stranger := &csvKit{t: t, env: k.env, db: d, branch: k.branch, nurse: other.nurse}
		if r := stranger.export("2026-01-01", "2026-01-02"); r.Status != http.StatusNotFound {
			t.Errorf("a nurse of another branch exports this one's ledger: %d, want 404", r.Status)
		}
		if r := stranger.post("sku,name,category,unit\nX-1,X,household,roll\n"); r.Status != http.StatusNotFound {
			t.Errorf("a nurse of another branch imports into this one: %d, want 404", r.Status)
		}
		now := k.env.Clock.Now()
		past, next := now.AddDate(0, 0, -3).Format(time.DateOnly), now.AddDate(0, 0, 1).Format(time.DateOnly)
		for _, c := range []struct {
			kit      *csvKit
			from, to string
			rows     int
		}{{k, past, past, 1}, {k, past, next, 605}, {other, past, next, 2}} {
			r := c.kit.export(c.from, c.to)
			rows, err := csv.NewReader(bytes.NewReader(r.Body)).ReadAll()
			if r.Status != http.StatusOK || err != nil || len(rows) != c.rows {
				t.Errorf("%s..%s: %d %v, %d rows, want %d", c.from, c.to, r.Status, err, len(rows), c.rows)
			}
		}
	})
}

func TestTheLedgerExportNamesABadParameter(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newCSVKit(t, d)
		base := "/api/v1/inventory/moves.csv?branch_id=" + k.branch
		cases := map[string]string{
			base + "&to=2026-01-31":                                     "from",
			base + "&from=2026-01-31":                                   "to",
			base + "&from=2026-13-01&to=2026-12-31":                     "from",
			base + "&from=2026-02-01&to=2026-01-31":                     "to",
			base + "&from=2025-01-01&to=2026-01-02":                     "to",
			"/api/v1/inventory/moves.csv?from=2026-01-01&to=2026-01-02": "branch_id",
		}
		for path, field := range cases {
			r := k.nurse.Raw(http.MethodGet, path, "", nil)
			if p := r.Problem(t); r.Status != http.StatusBadRequest || len(p.Errors) != 1 || p.Errors[0].Field != field {
				t.Errorf("%s: %d %+v, want 400 naming %s", path, r.Status, p.Errors, field)
			}
		}
		if r := k.nurse.Raw(http.MethodGet, base+"&from=2025-01-01&to=2025-12-31", "", nil); r.Status != http.StatusOK {
			t.Errorf("a whole year: %d, want 200", r.Status)
		}
	})
}
