package figures

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// completedVisit is a visit of the day that was completed, with its doctor.
type completedVisit struct {
	ID       string    `db:"id"`
	DoctorID string    `db:"doctor_id"`
	StartsAt time.Time `db:"starts_at"`
}

// usedLot is what a visit took of one lot, net of what was put back.
type usedLot struct {
	VisitID  string `db:"visit_id"`
	LotID    string `db:"lot_id"`
	ItemID   string `db:"item_id"`
	ItemName string `db:"item_name"`
	Quantity int64  `db:"quantity"`
}

// unitPrice is a pack's price and size: a lot's or an item's cost per unit.
type unitPrice struct {
	Key       string `db:"key"`
	PackPrice int64  `db:"pack_price_minor"`
	PackSize  int64  `db:"pack_size"`
}

const (
	// The visits of the day (by their start in the branch's zone) that are completed.
	sqlCompletedVisits = `SELECT id, doctor_id, starts_at FROM appointments
		WHERE branch_id = ? AND status = 'completed' AND starts_at >= ? AND starts_at < ?
		ORDER BY starts_at, id`

	// Each completed visit's use of each lot: consumptions and corrections out of stock
	// add, corrections back into stock (materials put back) take away.
	sqlVisitLots = `SELECT CAST(a.id AS TEXT) AS visit_id, CAST(m.lot_id AS TEXT) AS lot_id,
		CAST(m.item_id AS TEXT) AS item_id, i.name AS item_name,
		SUM(CASE WHEN m.from_location_id IS NOT NULL THEN m.quantity ELSE -m.quantity END) AS quantity
		FROM appointments a JOIN stock_moves m ON m.appointment_id = a.id
		JOIN inventory_items i ON i.id = m.item_id
		WHERE a.branch_id = ? AND a.status = 'completed' AND a.starts_at >= ? AND a.starts_at < ?
		AND m.reason IN ('consumption', 'correction')
		GROUP BY a.id, m.lot_id, m.item_id, i.name
		ORDER BY i.name, m.item_id`

	// A lot's cost is the price of the order line it was first received on.
	sqlLotCosts = `SELECT CAST(r.lot_id AS TEXT) AS key, ol.pack_price_minor, ol.pack_size
		FROM stock_moves r JOIN purchase_order_lines ol ON CAST(ol.id AS TEXT) = r.source_id
		WHERE r.reason = 'receipt' AND r.source_kind = 'order_line' AND r.lot_id IN (
		    SELECT m.lot_id FROM appointments a JOIN stock_moves m ON m.appointment_id = a.id
		    WHERE a.branch_id = ? AND a.status = 'completed' AND a.starts_at >= ? AND a.starts_at < ?)
		ORDER BY r.seq DESC`

	// Lots never received on an order (opening stock, a manual receipt) cost the item's
	// preferred supplier's price, or else its cheapest.
	sqlItemCosts = `SELECT CAST(p.item_id AS TEXT) AS key, p.pack_price_minor, i.pack_size
		FROM item_suppliers p JOIN inventory_items i ON i.id = p.item_id
		WHERE p.item_id IN (
		    SELECT m.item_id FROM appointments a JOIN stock_moves m ON m.appointment_id = a.id
		    WHERE a.branch_id = ? AND a.status = 'completed' AND a.starts_at >= ? AND a.starts_at < ?)
		ORDER BY p.preferred, p.pack_price_minor DESC, p.supplier_id DESC`
)

// collectConsumption makes a row per completed visit of the day: the value of the
// materials it consumed over 1, with the visit's doctor.
func collectConsumption(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	var visits []completedVisit
	if err := db.Select(ctx, q, &visits, sqlCompletedVisits, b.ID, d.Start, d.End); err != nil || len(visits) == 0 {
		return nil, err
	}
	var used []usedLot
	if err := db.Select(ctx, q, &used, sqlVisitLots, b.ID, d.Start, d.End); err != nil {
		return nil, err
	}
	lots, err := prices(ctx, q, sqlLotCosts, b, d)
	if err != nil {
		return nil, err
	}
	items, err := prices(ctx, q, sqlItemCosts, b, d)
	if err != nil {
		return nil, err
	}
	byVisit := map[string][]usedLot{}
	for _, u := range used {
		byVisit[u.VisitID] = append(byVisit[u.VisitID], u)
	}
	facts := make([]Fact, 0, len(visits))
	for _, v := range visits {
		value, label := visitValue(byVisit[v.ID], lots, items)
		at := v.StartsAt
		facts = append(facts, Fact{Figure: ConsumedPerProcedure, Subject: "visit", SubjectID: v.ID, DoctorID: v.DoctorID,
			Num: value, Den: 1, Label: label, At: &at})
	}
	return facts, nil
}

// prices reads unit prices by key; the statements list the one that wins last.
func prices(ctx context.Context, q db.Q, query string, b Branch, d Day) (map[string]unitPrice, error) {
	var rows []unitPrice
	if err := db.Select(ctx, q, &rows, query, b.ID, d.Start, d.End); err != nil {
		return nil, err
	}
	out := make(map[string]unitPrice, len(rows))
	for _, r := range rows {
		out[r.Key] = r
	}
	return out, nil
}

// visitValue is the value of a visit's lots in minor units, rounded once for the
// visit, and a label naming what it used of each item (its lots together).
func visitValue(used []usedLot, lots, items map[string]unitPrice) (int64, string) {
	var value float64
	var order []string
	qty, names := map[string]int64{}, map[string]string{}
	for _, u := range used {
		p, ok := lots[u.LotID]
		if !ok {
			p = items[u.ItemID]
		}
		if p.PackSize > 0 {
			value += float64(u.Quantity) * float64(p.PackPrice) / float64(p.PackSize)
		}
		if _, seen := names[u.ItemID]; !seen {
			order = append(order, u.ItemID)
		}
		qty[u.ItemID], names[u.ItemID] = qty[u.ItemID]+u.Quantity, u.ItemName
	}
	var parts []string
	for _, id := range order {
		if qty[id] != 0 {
			parts = append(parts, fmt.Sprintf("%s ×%d", names[id], qty[id]))
		}
	}
	return int64(math.Round(value)), strings.Join(parts, ", ")
}
