package console_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/inventory"
	"github.com/frontdeskhq/frontdesk/inventory/maintenance"
	"github.com/frontdeskhq/frontdesk/inventory/purchasing"
)

// nurseClinic is an English branch with a shelf of gloves (15 left of 30 after 15
// used this month) and lidocaine on order, sent to its supplier; the boiler's service
// is overdue.
type nurseClinic struct {
	*listsClinic
	shelf, gloves, lido string
	order               purchasing.Order
}

func newNurseClinic(t *testing.T, k *kit) *nurseClinic {
	t.Helper()
	n := &nurseClinic{listsClinic: newListsClinic(k, "en")}
	inv, ctx := k.e.Inventory, n.ctx
	gloves, err := inv.CreateItem(ctx, k.e.DB.W, inventory.Item{SKU: "GL-M", Name: "Nitrile gloves M", Unit: "glove",
		PackUnit: "box", PackSize: 100, Board: inventory.HeadNurse, Category: "dental_material"})
	listsMust(t, err)
	lido, err := inv.CreateItem(ctx, k.e.DB.W, inventory.Item{SKU: "LIDO", Name: "Lidocaine 2%", Unit: "amp",
		PackUnit: "box", PackSize: 50, Board: inventory.HeadNurse, Category: "medication", LotTracked: true, ExpiryTracked: true})
	listsMust(t, err)
	shelf, err := inv.CreateLocation(ctx, inventory.Location{BranchID: n.branch.ID, Name: "Treatment shelf", Kind: "shelf"})
	listsMust(t, err)
	_, err = inv.SetLevel(ctx, inventory.Level{ItemID: gloves.ID, LocationID: shelf.ID, Par: 200, Reorder: 50, Critical: 10})
	listsMust(t, err)
	moves, err := inv.Receive(ctx, shelf.ID, "first stock", []inventory.ReceiptLine{{ItemID: gloves.ID, Quantity: 30}})
	listsMust(t, err)
	_, err = inv.Record(ctx, inventory.MoveInput{ItemID: gloves.ID, LotID: moves[0].LotID, From: &shelf.ID, Quantity: 15,
		Reason: inventory.Consumption})
	listsMust(t, err)
	sp, err := inv.CreateSupplier(ctx, inventory.Supplier{Name: "Dental Depot", Email: "orders@depot.test", Locale: "en"})
	listsMust(t, err)
	for _, it := range []string{gloves.ID, lido.ID} {
		_, err = inv.SetSources(ctx, it, []inventory.Source{{SupplierID: sp.ID, PackPriceMinor: 5000, Currency: "PLN", Preferred: true}})
		listsMust(t, err)
	}
	o, err := k.e.Purchasing.CreateOrder(ctx, purchasing.OrderInput{BranchID: n.branch.ID, SupplierID: sp.ID, LocationID: shelf.ID,
		Lines: []purchasing.LineInput{{ItemID: lido.ID, Packs: 2}, {ItemID: gloves.ID, Packs: 1}}})
	listsMust(t, err)
	n.order, err = k.e.Purchasing.Send(ctx, o.ID)
	listsMust(t, err)
	_, err = k.e.Maintenance.Create(ctx, maintenance.Input{BranchID: n.branch.ID, Title: "Boiler service", NextDueOn: "2020-01-15"})
	listsMust(t, err)
	n.shelf, n.gloves, n.lido = shelf.ID, gloves.ID, lido.ID
	return n
}

// section is the part of a page from the heading with id on to the next h2.
func section(body, id string) string {
	i := strings.Index(body, `id="`+id+`"`)
	if i < 0 {
		return ""
	}
	rest := body[i:]
	if j := strings.Index(rest[1:], "<h2"); j >= 0 {
		return rest[:j+1]
	}
	return rest
}

// The nurse's board shows every item's days of supply, the open order with its
// receiving form and the overdue boiler; what came is booked by lot, and a wrong
// line is marked on the form drawn again.
func TestNurseReceivesAnOrderFromTheBoard(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		n := newNurseClinic(t, k)
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Nurse, n.branch.ID))
		board := "/console/supplies?branch=" + n.branch.ID
		p := dk.get(board)
		listsNoRawKeys(t, p)
		days, orders := section(p.Body, "days"), section(p.Body, "orders")
		if p.Status != http.StatusOK || !strings.Contains(days, "Nitrile gloves M") || !strings.Contains(days, "30.0") ||
			!strings.Contains(days, "15 glove") || !strings.Contains(section(p.Body, "maintenance"), "Boiler service") ||
			!strings.Contains(orders, n.order.Number) || !strings.Contains(orders, "Sent") {
			t.Fatalf("board: %d\n%s", p.Status, p.Body)
		}
		receive := regexp.MustCompile(`href="(/console/supplies/orders/[^"]+/receive[^"]*)"`).FindStringSubmatch(orders)
		if receive == nil {
			t.Fatalf("no receiving link:\n%s", orders)
		}
		form := strings.ReplaceAll(receive[1], "&amp;", "&")
		var lidoLine, glovesLine string
		for _, l := range n.order.Lines {
			if l.ItemID == n.lido {
				lidoLine = l.ID
			} else {
				glovesLine = l.ID
			}
		}
		r := dk.postFrom(form, form, url.Values{"quantity-" + lidoLine: {"150"}, "quantity-" + glovesLine: {"x"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "Only 100 amp are still due on this line.") ||
			!strings.Contains(r.Body, `id="e-quantity-`+glovesLine+`"`) || !strings.Contains(r.Body, `value="150"`) {
			t.Fatalf("too many and no number: %d\n%s", r.Status, r.Body)
		}
		r = dk.postFrom(form, form, url.Values{"quantity-" + lidoLine: {"60"}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="e-lot-`+lidoLine+`"`) ||
			!strings.Contains(r.Body, `id="e-expires-`+lidoLine+`"`) {
			t.Fatalf("no lot or expiry: %d\n%s", r.Status, r.Body)
		}
		r = dk.postFrom(form, form, url.Values{"quantity-" + lidoLine: {"60"}, "lot-" + lidoLine: {"L-9"},
			"expires-" + lidoLine: {"2030-05-31"}, "quantity-" + glovesLine: {"100"}})
		if r.Status != http.StatusSeeOther || !strings.Contains(r.Location, "did=received") {
			t.Fatalf("receive: %d %s\n%s", r.Status, r.Location, r.Body)
		}
		o, err := k.e.Purchasing.Order(n.ctx, n.order.ID)
		listsMust(t, err)
		stock, err := k.e.Inventory.Stock(n.ctx, n.branch.ID, n.shelf, n.lido)
		listsMust(t, err)
		if o.Status != purchasing.PartlyReceived || len(stock) != 1 || stock[0].LotNumber != "L-9" || stock[0].Quantity != 60 {
			t.Fatalf("after receiving: %s %+v", o.Status, stock)
		}
		if p := dk.get(r.Location); !strings.Contains(p.Body, "The delivery is booked into stock.") {
			t.Fatalf("no notice:\n%s", p.Body)
		}
	})
}

// A count starts from the board (a second start carries on with the open one); a
// difference without a reason is marked; posting makes stock agree with the shelf.
func TestNurseCountsAPlaceFromTheBoard(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		n := newNurseClinic(t, k)
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Nurse, n.branch.ID))
		board := "/console/supplies?branch=" + n.branch.ID + "&board=head_nurse"
		start := "/console/supplies/counts?branch=" + n.branch.ID + "&board=head_nurse"
		if r := dk.postFrom(board, start, url.Values{"location": {""}}); r.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.Body, `id="e-location"`) {
			t.Fatalf("no place: %d\n%s", r.Status, r.Body)
		}
		r := dk.postFrom(board, start, url.Values{"location": {n.shelf}})
		again := dk.postFrom(board, start, url.Values{"location": {n.shelf}})
		if r.Status != http.StatusSeeOther || again.Location != r.Location || !strings.HasPrefix(r.Location, "/console/supplies/counts/") {
			t.Fatalf("start: %d %s, again %d %s", r.Status, r.Location, again.Status, again.Location)
		}
		sheet := dk.get(r.Location)
		listsNoRawKeys(t, sheet)
		lot := regexp.MustCompile(`name="counted-([^"]+)"`).FindStringSubmatch(sheet.Body)
		if sheet.Status != http.StatusOK || lot == nil || !strings.Contains(sheet.Body, "15 glove") {
			t.Fatalf("sheet: %d\n%s", sheet.Status, sheet.Body)
		}
		act := r.Location
		bad := dk.postFrom(act, act, url.Values{"counted-" + lot[1]: {"12"}, "do": {"post"}})
		if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, `id="e-reason-`+lot[1]+`"`) ||
			!strings.Contains(bad.Body, `value="12"`) {
			t.Fatalf("a difference without a reason: %d\n%s", bad.Status, bad.Body)
		}
		done := dk.postFrom(act, act, url.Values{"counted-" + lot[1]: {"12"}, "reason-" + lot[1]: {"a torn box"}, "do": {"post"}})
		if done.Status != http.StatusSeeOther || !strings.Contains(done.Location, "did=counted") {
			t.Fatalf("post: %d %s\n%s", done.Status, done.Location, done.Body)
		}
		stock, err := k.e.Inventory.Stock(n.ctx, n.branch.ID, n.shelf, n.gloves)
		listsMust(t, err)
		if len(stock) != 1 || stock[0].Quantity != 12 {
			t.Fatalf("gloves after the count: %+v", stock)
		}
		if p := dk.get(act); p.Status != http.StatusOK || !strings.Contains(p.Body, "This count has been posted.") {
			t.Fatalf("the posted sheet: %d\n%s", p.Status, p.Body)
		}
	})
}
