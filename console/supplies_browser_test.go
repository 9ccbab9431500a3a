package console_test

import (
	"fmt"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/browsertest"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// In a real browser the head nurse reads the whole board (days of supply, the open
// order, the overdue boiler), receives the order with one line refused and marked,
// then counts the shelf; every screen passes axe and fits a phone.
func TestBrowserNurseReceivesAndCounts(t *testing.T) {
	k := newKit(t, dbtest.New(t))
	n := newNurseClinic(t, k)
	dir := browsertest.ScreenshotDir(t)
	board := "/console/supplies?branch=" + n.branch.ID
	s := k.openAs(k.staffMember(actor.Nurse, n.branch.ID), board, deskWidth)
	s.wantText("Days of supply", "Nitrile gloves M", "30.0", n.order.Number, "Boiler service", "Count a place")
	s.look(dir, "supplies-nurse")

	s.Click("#orders + table a", "Receive")
	s.WaitFor(`location.pathname.endsWith('/receive') && document.readyState === 'complete'`, wait)
	var lido string
	for _, l := range n.order.Lines {
		if l.ItemID == n.lido {
			lido = l.ID
		}
	}
	s.wantText("Receive a delivery", "Lidocaine 2%", "100 amp")
	s.Fill("f-quantity-"+lido, "60")
	s.Click("button[type=submit]", "Book into stock")
	s.WaitFor(`document.querySelector('#f-lot-`+lido+`[aria-invalid=true]')`, wait)
	s.look(dir, "supplies-receive-marked")
	s.Fill("f-lot-"+lido, "L-9")
	// A date field is typed in the browser's own order; a person picks the date.
	s.Eval(`document.getElementById('f-expires-`+lido+`').value = '2030-05-31'`, nil)
	s.Click("button[type=submit]", "Book into stock")
	s.WaitFor(`location.search.includes('did=received')`, wait)
	s.wantText("The delivery is booked into stock.", "Partly received")

	s.Eval(fmt.Sprintf(`document.getElementById('f-location').value = %q`, n.shelf), nil)
	s.Click(".count-start button", "Start counting")
	s.WaitFor(`location.pathname.startsWith('/console/supplies/counts/') && document.readyState === 'complete'`, wait)
	s.wantText("Treatment shelf", "15 glove", "60 amp")
	s.look(dir, "supplies-count")
}

// In a real browser the desk's small board on the Today page (paper towels low, the
// water filter overdue) passes axe and fits a phone.
func TestBrowserTodayShowsTheDesksBoard(t *testing.T) {
	k := newKit(t, dbtest.New(t))
	lc := newListsClinic(k, "en")
	deskSupplies(t, k, lc)
	s := k.openAs(k.staffMember(actor.Admin, lc.branch.ID), "/console/today?branch="+lc.branch.ID, deskWidth)
	s.wantText("Supplies and upkeep", "Paper towels", "Water filter change")
	s.look(browsertest.ScreenshotDir(t), "today-desk-board")
}
