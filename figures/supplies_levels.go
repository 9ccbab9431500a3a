package figures

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// levelRow is an item's stock at one location against its levels there.
type levelRow struct {
	ItemID       string `db:"item_id"`
	ItemName     string `db:"item_name"`
	LocationName string `db:"location_name"`
	Reorder      int64  `db:"reorder_point"`
	Critical     int64  `db:"critical_level"`
	OnHand       int64  `db:"on_hand"`
}

// sqlSupplyLevels reads every level of the branch's active items at its active
// locations with what is on hand there now.
const sqlSupplyLevels = `SELECT lv.item_id, i.name AS item_name, loc.name AS location_name,
	lv.reorder_point, lv.critical_level,
	COALESCE((SELECT SUM(s.quantity) FROM stock s WHERE s.item_id = lv.item_id AND s.location_id = lv.location_id), 0) AS on_hand
	FROM item_levels lv JOIN inventory_items i ON i.id = lv.item_id
	JOIN stock_locations loc ON loc.id = lv.location_id
	WHERE loc.branch_id = ? AND i.active AND loc.active
	ORDER BY i.name, lv.item_id, loc.name, lv.location_id`

// collectSupplyLevels counts the day's levels: items critical and below reorder,
// items short of supply and lots expiring.
func collectSupplyLevels(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	var levels []levelRow
	if err := db.Select(ctx, q, &levels, sqlSupplyLevels, b.ID); err != nil {
		return nil, err
	}
	facts := levelFacts(ItemsCritical, levels, func(l levelRow) int64 { return l.Critical })
	facts = append(facts, levelFacts(ItemsBelowReorder, levels, func(l levelRow) int64 { return l.Reorder })...)
	short, err := shortOfSupply(ctx, q, b, d)
	if err != nil {
		return nil, err
	}
	lots, err := expiringLots(ctx, q, b, d)
	if err != nil {
		return nil, err
	}
	return append(append(facts, short...), lots...), nil
}

// levelFacts makes one row per item at or below limit at any of its locations; the
// label names each such location with what is on hand against the limit.
func levelFacts(figure string, levels []levelRow, limit func(levelRow) int64) []Fact {
	var facts []Fact
	for i := 0; i < len(levels); {
		j, where := i, []string(nil)
		for ; j < len(levels) && levels[j].ItemID == levels[i].ItemID; j++ {
			if l := levels[j]; l.OnHand <= limit(l) {
				where = append(where, fmt.Sprintf("%s %d ≤ %d", l.LocationName, l.OnHand, limit(l)))
			}
		}
		if len(where) > 0 {
			facts = append(facts, Fact{Figure: figure, Subject: "item", SubjectID: levels[i].ItemID, Num: 1, Den: 1,
				Label: levels[i].ItemName + ": " + strings.Join(where, "; ")})
		}
		i = j
	}
	return facts
}

// supplyRow is an item the branch used in the usage window, with its stock.
type supplyRow struct {
	ItemID   string `db:"item_id"`
	ItemName string `db:"item_name"`
	Unit     string `db:"unit"`
	Used     int64  `db:"used"`
	OnHand   int64  `db:"on_hand"`
}

// sqlSupplyUse sums each active item's consumption out of the branch's locations in
// a window, with the branch's stock of it now. Items not used have no days of supply.
const sqlSupplyUse = `SELECT u.item_id, i.name AS item_name, i.unit, u.used,
	COALESCE((SELECT SUM(s.quantity) FROM stock s JOIN stock_locations sl ON sl.id = s.location_id
	    WHERE s.item_id = u.item_id AND sl.branch_id = ?), 0) AS on_hand
	FROM (SELECT m.item_id, SUM(m.quantity) AS used FROM stock_moves m
	    JOIN stock_locations loc ON loc.id = m.from_location_id
	    WHERE loc.branch_id = ? AND m.reason = 'consumption' AND m.at >= ? AND m.at < ?
	    GROUP BY m.item_id) u
	JOIN inventory_items i ON i.id = u.item_id
	WHERE i.active
	ORDER BY i.name, u.item_id`

// shortOfSupply makes a row per item with fewer than shortDays of supply left at its
// mean daily use over the usageDays before the day; the label gives the days left.
func shortOfSupply(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	since := d.Start.In(d.Zone).AddDate(0, 0, -usageDays).UTC()
	var rows []supplyRow
	if err := db.Select(ctx, q, &rows, sqlSupplyUse, b.ID, b.ID, since, d.Start); err != nil {
		return nil, err
	}
	var facts []Fact
	for _, r := range rows {
		if r.OnHand*usageDays >= shortDays*r.Used {
			continue
		}
		facts = append(facts, Fact{Figure: ItemsShortOfSupply, Subject: "item", SubjectID: r.ItemID, Num: 1, Den: 1,
			Label: fmt.Sprintf("%s: %s days left (%d %s on hand, %d used in %d days)", r.ItemName,
				daysOfSupply(r.OnHand, r.Used, usageDays), r.OnHand, r.Unit, r.Used, usageDays)})
	}
	return facts, nil
}

// daysOfSupply is onHand ÷ (used ÷ days) with one decimal, cut down (4.96 days is
// 4.9: the nurse reads how many whole tenths are surely left); "" when nothing was used.
func daysOfSupply(onHand, used int64, days int) string {
	if used <= 0 {
		return ""
	}
	tenths := onHand * int64(days) * 10 / used
	return fmt.Sprintf("%d.%d", tenths/10, tenths%10)
}

// expiringLot is a lot the branch has on hand expiring by a date.
type expiringLot struct {
	LotID     string `db:"lot_id"`
	ItemName  string `db:"item_name"`
	LotNumber string `db:"lot_number"`
	ExpiresOn string `db:"expires_on"`
	Quantity  int64  `db:"quantity"`
}

// sqlExpiringLots starts from the lots expiring by the date (their expiry index) and
// keeps those the branch has on hand, summed over its locations.
const sqlExpiringLots = `SELECT l.id AS lot_id, i.name AS item_name, l.lot_number, l.expires_on, SUM(s.quantity) AS quantity
	FROM stock_lots l CROSS JOIN stock s
	JOIN inventory_items i ON i.id = s.item_id JOIN stock_locations loc ON loc.id = s.location_id
	WHERE s.lot_id = l.id AND l.expires_on <> '' AND l.expires_on <= ? AND s.quantity > 0 AND loc.branch_id = ?
	GROUP BY l.id, i.name, l.lot_number, l.expires_on
	ORDER BY l.expires_on, i.name, l.id`

// expiringLots makes a row per lot in stock expiring within expiryDays of the day.
func expiringLots(ctx context.Context, q db.Q, b Branch, d Day) ([]Fact, error) {
	day, _ := time.Parse(time.DateOnly, d.Date)
	var lots []expiringLot
	if err := db.Select(ctx, q, &lots, sqlExpiringLots, day.AddDate(0, 0, expiryDays).Format(time.DateOnly), b.ID); err != nil {
		return nil, err
	}
	facts := make([]Fact, 0, len(lots))
	for _, l := range lots {
		label := fmt.Sprintf("%s, lot %s, expires %s (%d on hand)", l.ItemName, l.LotNumber, l.ExpiresOn, l.Quantity)
		if l.LotNumber == "" {
			label = fmt.Sprintf("%s, expires %s (%d on hand)", l.ItemName, l.ExpiresOn, l.Quantity)
		}
		facts = append(facts, Fact{Figure: LotsExpiring30d, Subject: "lot", SubjectID: l.LotID, Num: 1, Den: 1, Label: label})
	}
	return facts, nil
}
