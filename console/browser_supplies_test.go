package console_test

import (
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/browsertest"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/inventory"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// In a real browser, the head nurse signs in to the supplies board, which passes axe
// and fits a phone with its tables; she closes one shortfall with a note by mouse and
// another by keyboard, and both are stored done with her words.
func TestBrowserSuppliesClosesAShortfall(t *testing.T) {
	k := newKit(t, dbtest.New(t))
	lc := newListsClinic(k, "en")
	soon := suppliesStock(t, k, lc)
	gloves := suppliesShortfall(t, lc, "Ran out of gloves in surgery 2")
	cups := suppliesShortfall(t, lc, "No paper cups left")
	dir := browsertest.ScreenshotDir(t)
	board := "/console/supplies?branch=" + lc.branch.ID
	s := k.openAs(k.staffMember(actor.Nurse, lc.branch.ID), board, deskWidth)
	s.wantText("Supplies", "Nitrile gloves M", "Lidocaine 2%", "L-77", soon, "Ran out of gloves in surgery 2", "No paper cups left")
	s.look(dir, "supplies")

	s.Fill("note-"+gloves, strings.Repeat("x", 2001))
	s.Click("#task-"+gloves+" button", "Dealt with")
	s.WaitFor(`document.querySelector('#note-`+gloves+`[aria-invalid=true]')`, wait)
	s.wantText("The note is too long")
	s.look(dir, "supplies-marked")
	if task := listsTask(t, lc, gloves); task.Status != "open" {
		t.Fatalf("a shortfall closed with too long a note: %+v", task)
	}
	s.Fill("note-"+gloves, "ordered 10 boxes")
	s.Click("#task-"+gloves+" button", "Dealt with")
	s.WaitFor(`location.search.includes('done=1')`, wait)
	s.wantText("The shortfall is closed.")
	suppliesClosed(t, lc, gloves, "ordered 10 boxes")
	s.wantText("No paper cups left")

	s.focus("#note-" + cups)
	s.typeKeys("restocked from the store")
	s.tab("button Dealt with")
	s.enter()
	s.WaitFor(`location.search.includes('done=1') && !document.getElementById('task-`+cups+`')`, wait)
	suppliesClosed(t, lc, cups, "restocked from the store")
	s.wantText("The shortfall is closed.")
	if body := s.body(); strings.Contains(body, "Ran out of gloves") || strings.Contains(body, "No paper cups left") {
		t.Error("a closed shortfall is still on the board")
	}
}

// suppliesStock puts gloves below their reorder point and a lot of lidocaine that
// expires in ten days on the head nurse's board; the expiry date is returned.
func suppliesStock(t *testing.T, k *kit, lc *listsClinic) string {
	t.Helper()
	inv := k.e.Inventory
	gloves, err := inv.CreateItem(lc.ctx, k.e.DB.W, inventory.Item{SKU: "GL-M", Name: "Nitrile gloves M",
		Unit: "box", PackUnit: "box", PackSize: 1, Board: inventory.HeadNurse, Category: "dental_material"})
	listsMust(t, err)
	lido, err := inv.CreateItem(lc.ctx, k.e.DB.W, inventory.Item{SKU: "LIDO", Name: "Lidocaine 2%", Unit: "amp",
		PackUnit: "box", PackSize: 50, Board: inventory.HeadNurse, Category: "medication", LotTracked: true, ExpiryTracked: true})
	listsMust(t, err)
	shelf, err := inv.CreateLocation(lc.ctx, inventory.Location{BranchID: lc.branch.ID, Name: "Treatment cupboard", Kind: "shelf"})
	listsMust(t, err)
	_, err = inv.SetLevel(lc.ctx, inventory.Level{ItemID: gloves.ID, LocationID: shelf.ID, Par: 20, Reorder: 10, Critical: 2})
	listsMust(t, err)
	soon := k.e.Clock.Now().AddDate(0, 0, 10).Format("2006-01-02")
	_, err = inv.Receive(lc.ctx, shelf.ID, "first stock", []inventory.ReceiptLine{{ItemID: gloves.ID, Quantity: 5},
		{ItemID: lido.ID, Quantity: 30, LotNumber: "L-77", ExpiresOn: soon}})
	listsMust(t, err)
	return soon
}

// suppliesShortfall opens a shortfall task on the head nurse's queue.
func suppliesShortfall(t *testing.T, lc *listsClinic, text string) string {
	t.Helper()
	id, err := lc.k.e.Tasks.Open(lc.ctx, lc.k.e.DB.W, tasks.New{Kind: tasks.Stock, BranchID: &lc.branch.ID,
		Text: text, Queue: inventory.HeadNurse})
	listsMust(t, err)
	return id
}

// suppliesClosed fails the test unless the task is done with note.
func suppliesClosed(t *testing.T, lc *listsClinic, id, note string) {
	t.Helper()
	if task := listsTask(t, lc, id); task.Status != "done" || task.DoneNote != note || task.DoneBy == nil {
		t.Errorf("the shortfall after closing it with %q: %+v", note, task)
	}
}
