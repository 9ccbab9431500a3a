package inventory_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/inventory"
)

// csvKit is the app over one database with a Warsaw branch, its clinical shelf and
// reception, and a nurse working there.
type csvKit struct {
	t      *testing.T
	env    *apitest.Env
	db     *db.DB
	branch string
	nurse  *apitest.Client
}

func newCSVKit(t *testing.T, d *db.DB) *csvKit {
	t.Helper()
	k := &csvKit{t: t, env: apitest.NewEnv(t, d), db: d}
	k.openBranch("Mokotów")
	return k
}

// openBranch opens a Warsaw branch with a clinical shelf and reception, and signs in
// a nurse working there.
func (k *csvKit) openBranch(name string) {
	k.t.Helper()
	b, err := k.env.Clinic.CreateBranch(context.Background(), clinic.BranchInput{Name: name,
		Address: "ul. Puławska 1", Phone: "+48223456789", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl",
		Currency: "PLN"})
	if err != nil {
		k.t.Fatalf("branch: %v", err)
	}
	k.branch = b.ID
	for _, place := range []string{"Clinical shelf", "Reception"} {
		if _, err := k.env.Inventory.CreateLocation(context.Background(), inventory.Location{BranchID: b.ID,
			Name: place, Kind: "shelf"}); err != nil {
			k.t.Fatalf("location: %v", err)
		}
	}
	k.nurse = k.env.SignIn(actor.Nurse, b.ID)
}

func (k *csvKit) post(body string) *apitest.Response {
	k.t.Helper()
	return k.nurse.Raw(http.MethodPost, "/api/v1/inventory/import?branch_id="+k.branch, "text/csv", []byte(body))
}

// rows reads query's rows as strings, for comparing the database with the file.
func (k *csvKit) rows(query string) [][]string {
	k.t.Helper()
	rs, err := k.db.R.QueryxContext(context.Background(), query)
	if err != nil {
		k.t.Fatalf("%s: %v", query, err)
	}
	defer rs.Close()
	out := [][]string{}
	for rs.Next() {
		cols, err := rs.SliceScan()
		if err != nil {
			k.t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, c := range cols {
			row[i] = text(c)
		}
		out = append(out, row)
	}
	return out
}

func text(v any) string {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case string:
		return x
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

const goodFile = "\uFEFFsku,name,name_pl,category,unit,pack_unit,pack_size,lot_tracked,expiry_tracked,location,par_level,reorder_point,critical_level,lot_number,expires_on,quantity,supplier,catalogue_number,pack_price_minor,lead_days\r\n" +
	"ART-4,Articaine 4%,Artykaina 4%,medication,carpule,box,50,true,true,Clinical shelf,200,50,20,A1234,2027-03-31,150,DentaSupply,AR-50,4500,3\r\n" +
	"ART-4,,,,,,,,,Clinical shelf,,,,B0007,2027-09-30,50,Medimarket,,4300,\r\n" +
	"COF-1,Coffee beans 1 kg,Kawa ziarnista 1 kg,household,bag,bag,1,no,no,Reception,6,3,1,,,5,OfficeHub,,6900,1\r\n" +
	",,,,,,,,,,,,,,,,,,,\r\n" +
	"GLV-M,\"Gloves, nitrile M\",,dental_material,glove,box,100,,,Clinical shelf,1000,300,100,,,0,,,,\r\n"

func TestImportAddsItemsLevelsSuppliersAndOpeningStockAsTheFileSays(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newCSVKit(t, d)
		r := k.post(goodFile)
		if r.Status != http.StatusCreated {
			t.Fatalf("import: %d %s", r.Status, r.Body)
		}
		var res inventory.ImportResult
		r.Decode(t, &res)
		want := inventory.ImportResult{ImportID: res.ImportID, Items: 3, Suppliers: 3, Levels: 3, Receipts: 3, Units: 205}
		if diff := cmp.Diff(want, res); diff != "" {
			t.Errorf("result (-want +got):\n%s", diff)
		}
		k.same("items", `SELECT sku, name, names, category, unit, pack_unit, pack_size, board,
			CASE WHEN lot_tracked THEN 'true' ELSE 'false' END, CASE WHEN expiry_tracked THEN 'true' ELSE 'false' END
			FROM inventory_items ORDER BY sku`, [][]string{
			{"ART-4", "Articaine 4%", `{"pl":"Artykaina 4%"}`, "medication", "carpule", "box", "50", "head_nurse", "true", "true"},
			{"COF-1", "Coffee beans 1 kg", `{"pl":"Kawa ziarnista 1 kg"}`, "household", "bag", "bag", "1", "front_desk", "false", "false"},
			{"GLV-M", "Gloves, nitrile M", "{}", "dental_material", "glove", "box", "100", "head_nurse", "false", "false"},
		})
		k.same("stock", `SELECT i.sku, p.name, l.lot_number, l.expires_on, s.quantity FROM stock s
			JOIN inventory_items i ON i.id = s.item_id JOIN stock_locations p ON p.id = s.location_id
			JOIN stock_lots l ON l.id = s.lot_id ORDER BY i.sku, l.lot_number`, [][]string{
			{"ART-4", "Clinical shelf", "A1234", "2027-03-31", "150"},
			{"ART-4", "Clinical shelf", "B0007", "2027-09-30", "50"},
			{"COF-1", "Reception", "", "", "5"},
		})
		k.same("levels", `SELECT i.sku, p.name, v.par_level, v.reorder_point, v.critical_level FROM item_levels v
			JOIN inventory_items i ON i.id = v.item_id JOIN stock_locations p ON p.id = v.location_id ORDER BY i.sku`,
			[][]string{{"ART-4", "Clinical shelf", "200", "50", "20"}, {"COF-1", "Reception", "6", "3", "1"},
				{"GLV-M", "Clinical shelf", "1000", "300", "100"}})
		k.same("sources", `SELECT i.sku, p.name, x.catalogue_number, x.pack_price_minor, x.currency, x.lead_days,
			CASE WHEN x.preferred THEN 'true' ELSE 'false' END
			FROM item_suppliers x JOIN inventory_items i ON i.id = x.item_id JOIN suppliers p ON p.id = x.supplier_id
			ORDER BY i.sku, p.name`, [][]string{
			{"ART-4", "DentaSupply", "AR-50", "4500", "PLN", "3", "true"},
			{"ART-4", "Medimarket", "", "4300", "PLN", "0", "false"},
			{"COF-1", "OfficeHub", "", "6900", "PLN", "1", "true"},
		})
		k.same("moves", `SELECT reason, source_kind, source_id, note, quantity FROM stock_moves ORDER BY seq`, [][]string{
			{"receipt", "import", res.ImportID, "opening stock, line 2", "150"},
			{"receipt", "import", res.ImportID, "opening stock, line 3", "50"},
			{"receipt", "import", res.ImportID, "opening stock, line 4", "5"},
		})
	})
}

func (k *csvKit) same(what, query string, want [][]string) {
	k.t.Helper()
	if diff := cmp.Diff(want, k.rows(query)); diff != "" {
		k.t.Errorf("%s (-want +got):\n%s", what, diff)
	}
}

// badFile has a good row and a bad cell or two on most lines after it.
const badFile = "sku;name;category;unit;lot_tracked;expiry_tracked;location;quantity;lot_number;expires_on;par_level;reorder_point;critical_level;supplier;pack_price_minor\n" +
	"OK-1;Paper towels;household;roll;;;Reception;12;;;;;;;\n" +
	"BAD-2;Composite A2;dental_material;syringe;yes;yes;Clinical shelf;-5;L1;2027-01-01;;;;;\n" +
	"BAD-3;Masks;dental_material;mask;;;Storage;10;;;;;;;\n" +
	"BAD-4;Bond;dental_material;bottle;yes;yes;Clinical shelf;2;L9;2027-02-30;;;;;\n" +
	"TAKEN;Again;household;roll;;;;;;;;;;;\n" +
	"BAD-6;Evil\x00name;kitchen;cup;maybe;;;;;;;;;;\n" +
	"BAD-7;Pouches;dental_material;pouch;;;Reception;;;;10;20;5;DentaSupply;\n" +
	"OK-1;Paper towel;;;;;;;;;;;;;\n"

func TestImportNamesEveryBadRowByLineAndStoresNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newCSVKit(t, d)
		if r := k.post("sku,name,category,unit\nTAKEN,Taken,household,roll\n"); r.Status != http.StatusCreated {
			t.Fatalf("first import: %d %s", r.Status, r.Body)
		}
		before := k.counts()
		r := k.post(badFile)
		if r.Status != http.StatusBadRequest {
			t.Fatalf("bad file: %d %s", r.Status, r.Body)
		}
		got := []string{}
		for _, e := range r.Problem(t).Errors {
			got = append(got, e.Field+" "+e.Code)
		}
		want := []string{"line 3: quantity range", "line 4: location not_found", "line 5: expires_on date",
			"line 6: sku taken", "line 7: name control_character", "line 8: reorder_point order",
			"line 8: pack_price_minor required", "line 9: name differs"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("text errors first (-want +got):\n%s", diff)
		}
		r = k.post(strings.Replace(badFile, "Evil\x00name", "Evil name", 1))
		got = got[:0]
		for _, e := range r.Problem(t).Errors {
			got = append(got, e.Field+" "+e.Code)
		}
		want = []string{"line 3: quantity range", "line 4: location not_found", "line 5: expires_on date",
			"line 6: sku taken", "line 7: category oneof", "line 7: lot_tracked boolean",
			"line 8: reorder_point order", "line 8: pack_price_minor required", "line 9: name differs"}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("row errors (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(before, k.counts()); diff != "" {
			t.Errorf("a refused file stored rows (-before +after):\n%s", diff)
		}
	})
}

func (k *csvKit) counts() map[string]string {
	out := map[string]string{}
	for _, table := range []string{"inventory_items", "stock_lots", "stock", "stock_moves", "item_levels", "suppliers", "item_suppliers"} {
		out[table] = k.rows("SELECT COUNT(*) FROM " + table)[0][0]
	}
	return out
}

func TestImportRefusesWhatIsNotAnImportFile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newCSVKit(t, d)
		cases := []struct {
			name, contentType, body, query string
			status                         int
			field                          string
		}{
			{"unknown column", "text/csv", "sku,name,category,unit,colour\n", "", 400, "line 1: colour"},
			{"missing column", "text/csv", "sku,name,category\n", "", 400, "line 1: unit"},
			{"empty", "text/csv", "", "", 400, "line 1"},
			{"ragged", "text/csv", "sku,name,category,unit\nA,B,household\n", "", 400, "line 2"},
			{"broken quote", "text/csv", "sku,name,category,unit\nA,\"B,household,roll\n", "", 400, "line 2"},
			{"not utf-8", "text/csv", "sku,name,category,unit\nA,Caf\xe9,household,bag\n", "", 400, "line 2: name"},
			{"too many rows", "text/csv", "sku,name,category,unit\n" + strings.Repeat("A,B,household,roll\n", inventory.MaxImportRows+1), "", 413, ""},
			{"not csv", "application/json", `{"sku":"A"}`, "", 415, ""},
			{"no branch", "text/csv", "sku,name,category,unit\n", "none", 400, "branch_id"},
		}
		for _, c := range cases {
			path := "/api/v1/inventory/import?branch_id=" + k.branch
			if c.query == "none" {
				path = "/api/v1/inventory/import"
			}
			r := k.nurse.Raw(http.MethodPost, path, c.contentType, []byte(c.body))
			if r.Status != c.status {
				t.Errorf("%s: %d %s, want %d", c.name, r.Status, r.Body, c.status)
				continue
			}
			if p := r.Problem(t); c.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != c.field) {
				t.Errorf("%s: errors %+v, want the field %q", c.name, p.Errors, c.field)
			}
		}
	})
}
