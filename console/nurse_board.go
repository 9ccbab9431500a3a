package console

import (
	"context"
	"net/url"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/inventory"
	"github.com/frontdeskhq/frontdesk/inventory/purchasing"
)

// nurseOrder is an open purchase order on the board and where it is received.
type nurseOrder struct {
	inventory.OpenOrder
	// Receive is the receiving form's address; "" for a draft, which is not sent yet.
	Receive string
}

// nurseDone are the notices of the nurse's forms, by the "did" their redirect carries.
var nurseDone = map[string]string{
	"received":        "supplies.received",
	"counted":         "supplies.count_posted",
	"count_cancelled": "supplies.count_cancelled",
}

// nurseRoutes mount the receiving and counting forms of the board.
func (c *Console) nurseRoutes(r fiber.Router, board fiber.Handler) {
	r.Get("/console/supplies/orders/:id/receive", board, c.receivePage)
	r.Post("/console/supplies/orders/:id/receive", board, c.receiveOrder)
	r.Post("/console/supplies/counts", board, c.startCount)
	r.Get("/console/supplies/counts/:id", board, c.countPage)
	r.Post("/console/supplies/counts/:id", board, c.enterCount)
	r.Post("/console/supplies/counts/:id/cancel", board, c.cancelCount)
}

// nurseExtras fills what the board shows beside the inventory's summary: every item's
// days of supply, the open orders, overdue maintenance and the places to count.
func (c *Console) nurseExtras(ctx context.Context, d Desk, sm inventory.Summary, did string, v *suppliesView) error {
	if key, ok := nurseDone[did]; ok {
		v.Notice = T(d.Lang, key)
	}
	days, err := c.svc.Figures.Supply(ctx, d.Branch.ID, v.Board)
	if err != nil {
		return err
	}
	v.Days, v.Overdue = days, sm.OverdueMaintenance
	for _, o := range sm.OpenOrders {
		row := nurseOrder{OpenOrder: o}
		if o.Status != purchasing.Draft {
			row.Receive = "/console/supplies/orders/" + url.PathEscape(o.ID) + "/receive?" + v.boardQuery()
		}
		v.Orders = append(v.Orders, row)
	}
	places, err := c.svc.Inventory.Locations(ctx, d.Branch.ID)
	if err != nil {
		return err
	}
	for _, p := range places {
		if p.Active {
			v.Places = append(v.Places, Option{Value: p.ID, Label: p.Name})
		}
	}
	return nil
}

// boardQuery is the branch and board a form comes back to.
func (v suppliesView) boardQuery() string {
	return url.Values{"branch": {v.Branch}, "board": {v.Board}}.Encode()
}

// StartCount is where the count form posts.
func (v suppliesView) StartCount() string { return "/console/supplies/counts?" + v.boardQuery() }

// boardPath is the board of the request's branch and board, with what was done.
func boardPath(fc *fiber.Ctx, did string) string {
	q := url.Values{"branch": {fc.Query("branch")}, "board": {fc.Query("board")}}
	if did != "" {
		q.Set("did", did)
	}
	return "/console/supplies?" + q.Encode()
}

// orderStatuses are the words of each purchase order status.
var orderStatuses = map[string]string{
	purchasing.Draft:          "supplies.status.draft",
	purchasing.Sent:           "supplies.status.sent",
	purchasing.PartlyReceived: "supplies.status.partly_received",
	purchasing.Received:       "supplies.status.received",
	purchasing.Cancelled:      "supplies.status.cancelled",
}

// OrderStatus is an order's status in the page's language.
func (v suppliesView) OrderStatus(status string) string { return T(v.Lang, orderStatuses[status]) }

// OrderStatus is an order's status in the page's language.
func (v receiveView) OrderStatus(status string) string { return T(v.Lang, orderStatuses[status]) }
