package console_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/inventory"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// The head nurse's board shows an item below its reorder point, a lot expiring
// within 30 days and an open shortfall, which she closes with a note.
func TestSuppliesBoardShowsBelowReorderAndExpiring(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		lc := newListsClinic(k, "pl")
		inv := k.e.Inventory
		item, err := inv.CreateItem(lc.ctx, k.e.DB.W, inventory.Item{SKU: "GL-M", Name: "Rękawiczki nitrylowe M",
			Unit: "box", PackUnit: "box", PackSize: 1, Board: inventory.HeadNurse, Category: "dental_material"})
		listsMust(t, err)
		lido, err := inv.CreateItem(lc.ctx, k.e.DB.W, inventory.Item{SKU: "LIDO", Name: "Lidokaina 2%", Unit: "amp",
			PackUnit: "box", PackSize: 50, Board: inventory.HeadNurse, Category: "medication", LotTracked: true, ExpiryTracked: true})
		listsMust(t, err)
		shelf, err := inv.CreateLocation(lc.ctx, inventory.Location{BranchID: lc.branch.ID, Name: "Szafka zabiegowa", Kind: "shelf"})
		listsMust(t, err)
		_, err = inv.SetLevel(lc.ctx, inventory.Level{ItemID: item.ID, LocationID: shelf.ID, Par: 20, Reorder: 10, Critical: 2})
		listsMust(t, err)
		soon := k.e.Clock.Now().AddDate(0, 0, 10).Format("2006-01-02")
		_, err = inv.Receive(lc.ctx, shelf.ID, "first stock", []inventory.ReceiptLine{{ItemID: item.ID, Quantity: 5},
			{ItemID: lido.ID, Quantity: 30, LotNumber: "L-77", ExpiresOn: soon}})
		listsMust(t, err)
		short, err := k.e.Tasks.Open(lc.ctx, d.W, tasks.New{Kind: tasks.Stock, BranchID: &lc.branch.ID,
			Text: "Zabrakło rękawiczek", Queue: inventory.HeadNurse})
		listsMust(t, err)

		dk := k.desk()
		dk.signIn(k.staffMember(actor.Nurse, lc.branch.ID))
		board := "/console/supplies?branch=" + lc.branch.ID
		p := dk.get(board)
		listsNoRawKeys(t, p)
		below := p.Body[strings.Index(p.Body, `id="below"`):]
		if p.Status != http.StatusOK || !strings.Contains(below, "Rękawiczki nitrylowe M") || !strings.Contains(below, "5 box") ||
			!strings.Contains(p.Body, "L-77") || !strings.Contains(p.Body, soon) || !strings.Contains(p.Body, "Zabrakło rękawiczek") {
			t.Fatalf("board: %d\n%s", p.Status, p.Body)
		}
		act := "/console/supplies/tasks/" + short + "/done?branch=" + lc.branch.ID + "&board=head_nurse"
		if r := dk.postFrom(board, act, url.Values{"note": {strings.Repeat("x", 2001)}}); r.Status != http.StatusUnprocessableEntity ||
			!strings.Contains(r.Body, "Notatka jest za długa") {
			t.Fatalf("a long note: %d", r.Status)
		}
		if r := dk.postFrom(board, act, url.Values{"note": {"zamówione"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("acknowledge: %d\n%s", r.Status, r.Body)
		}
		if task, _ := k.e.Tasks.Get(lc.ctx, short); task.Status != "done" || task.DoneNote != "zamówione" {
			t.Errorf("the shortfall after acknowledging: %+v", task)
		}
	})
}

// The supplies board is the nurse's and the owner's, not the front desk's.
func TestSuppliesBoardIsRefusedToTheDesk(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		lc := newListsClinic(k, "en")
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Admin, lc.branch.ID))
		if r := dk.get("/console/supplies"); r.Status != http.StatusForbidden {
			t.Errorf("an administrator on the supplies board: %d", r.Status)
		}
		owner := k.desk()
		owner.signIn(k.staffMember(actor.Owner))
		if r := owner.get("/console/supplies?branch=" + lc.branch.ID + "&board=front_desk"); r.Status != http.StatusOK ||
			!strings.Contains(r.Body, `data-board="front_desk" aria-current="page"`) {
			t.Errorf("the owner on the front desk's board: %d", r.Status)
		}
	})
}
