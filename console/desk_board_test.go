package console_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/inventory"
	"github.com/frontdeskhq/frontdesk/inventory/maintenance"
)

// The Today page carries the desk's small board: household items low and the
// maintenance due (the branch's own and the desk's equipment's), never the nurse's;
// with nothing low or due it is not drawn at all.
func TestTodayShowsTheDesksSuppliesAndUpkeep(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		lc := newListsClinic(k, "en")
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Admin, lc.branch.ID))
		today := "/console/today?branch=" + lc.branch.ID
		if p := dk.get(today); p.Status != http.StatusOK || strings.Contains(p.Body, "desk-board") {
			t.Fatalf("a board with nothing on it: %d", p.Status)
		}
		deskSupplies(t, k, lc)
		p := dk.get(today)
		listsNoRawKeys(t, p)
		i := strings.Index(p.Body, `class="desk-board`)
		if p.Status != http.StatusOK || i < 0 {
			t.Fatalf("today: %d\n%s", p.Status, p.Body)
		}
		b := p.Body[i:]
		b = b[:strings.Index(b, "</section>")]
		for _, want := range []string{"Paper towels", "4 roll left (Reception cupboard)", "Water filter change", "overdue since 2020-02-01"} {
			if !strings.Contains(b, want) {
				t.Errorf("the desk's board lacks %q:\n%s", want, b)
			}
		}
		for _, not := range []string{"Coffee", "Gauze", "Autoclave", "Window cleaning"} {
			if strings.Contains(b, not) {
				t.Errorf("the desk's board shows %q:\n%s", not, b)
			}
		}
	})
}

// deskSupplies puts paper towels low at the reception cupboard (coffee is plenty,
// gauze is the nurse's) and an overdue water filter on the desk's board, beside the
// nurse's overdue autoclave and a far-off window cleaning.
func deskSupplies(t *testing.T, k *kit, lc *listsClinic) {
	t.Helper()
	inv, ctx := k.e.Inventory, lc.ctx
	item := func(name, board string) inventory.Item {
		it, err := inv.CreateItem(ctx, k.e.DB.W, inventory.Item{SKU: name, Name: name, Unit: "roll", PackUnit: "pack",
			PackSize: 6, Board: board, Category: "household"})
		listsMust(t, err)
		return it
	}
	towels, coffee, gauze := item("Paper towels", inventory.FrontDesk), item("Coffee", inventory.FrontDesk), item("Gauze", inventory.HeadNurse)
	desk, err := inv.CreateLocation(ctx, inventory.Location{BranchID: lc.branch.ID, Name: "Reception cupboard", Kind: "reception"})
	listsMust(t, err)
	for _, it := range []inventory.Item{towels, coffee, gauze} {
		_, err = inv.SetLevel(ctx, inventory.Level{ItemID: it.ID, LocationID: desk.ID, Par: 24, Reorder: 6, Critical: 2})
		listsMust(t, err)
	}
	_, err = inv.Receive(ctx, desk.ID, "stock", []inventory.ReceiptLine{{ItemID: towels.ID, Quantity: 4},
		{ItemID: coffee.ID, Quantity: 20}, {ItemID: gauze.ID, Quantity: 1}})
	listsMust(t, err)
	for _, j := range []maintenance.Input{{Title: "Water filter change", NextDueOn: "2020-02-01"},
		{Title: "Autoclave validation", NextDueOn: "2020-02-01", ItemID: &gauze.ID},
		{Title: "Window cleaning", NextDueOn: "2999-01-01"}} {
		j.BranchID = lc.branch.ID
		_, err = k.e.Maintenance.Create(ctx, j)
		listsMust(t, err)
	}
}
