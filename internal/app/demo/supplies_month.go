package demo

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/inventory"
)

// errRunsOut would mean the demo's numbers use more than arrived: a bug in stock.
var errRunsOut = errors.New("the demo's month uses more than it received")

// arrivals receives every lot at its home, then an hour later stocks the chairs.
func (s *seeder) arrivals(ctx context.Context, tx db.Tx, sh *shelves) error {
	var receipts []inventory.Line
	for _, it := range stock {
		home := sh.home[it.Home]
		for _, l := range it.Lots {
			lot, err := sh.history.EnsureLot(ctx, tx, sh.items[it.SKU], l.Number, s.expiry(l.ExpiresIn), "")
			if err != nil {
				return wrap(it.SKU, err)
			}
			receipts = append(receipts, inventory.Line{ItemID: lot.ItemID, LotID: lot.ID, To: &home, Quantity: l.Units,
				Reason: inventory.Receipt, SourceKind: inventory.FromManual, Note: suppliers[it.Supplier]})
		}
	}
	if _, err := sh.history.Post(ctx, tx, receipts...); err != nil {
		return err
	}
	sh.at = sh.at.Add(time.Hour)
	for _, it := range stock {
		for _, chair := range sh.chairs[:it.Chairs] {
			if err := sh.move(ctx, tx, it, sh.home[it.Home], &chair, it.PerChair, inventory.Transfer); err != nil {
				return err
			}
		}
	}
	return nil
}

// expiry is the date days from today in the branch's zone, or none for 0.
func (s *seeder) expiry(days int) string {
	if days == 0 {
		return ""
	}
	return s.now().In(s.zone()).AddDate(0, 0, days).Format(time.DateOnly)
}

// dayOfUse posts what day's evening finds used: every item due that day, at each
// chair it was handed out to, else at its home.
func (s *seeder) dayOfUse(ctx context.Context, tx db.Tx, sh *shelves, day int) error {
	for _, it := range stock {
		if it.Every == 0 || day%it.Every != it.Every-1 {
			continue
		}
		from := []string{sh.home[it.Home]}
		if it.PerChair > 0 {
			from = sh.chairs[:it.Chairs]
		}
		for _, loc := range from {
			if err := sh.move(ctx, tx, it, loc, nil, it.Use, inventory.Consumption); err != nil {
				return err
			}
		}
	}
	return nil
}

// move takes qty of an item from a location, first expiring lot first, to another
// location or (to nil) out of stock.
func (sh *shelves) move(ctx context.Context, tx db.Tx, it stockItem, from string, to *string, qty int64, reason string) error {
	rows, err := sh.history.OnHand(ctx, tx, sh.items[it.SKU].ID, from)
	if err != nil {
		return err
	}
	var lines []inventory.Line
	for _, r := range rows {
		n := min(qty, r.Quantity)
		if n == 0 {
			break
		}
		lines = append(lines, inventory.Line{ItemID: r.ItemID, LotID: r.LotID, From: &from, To: to, Quantity: n,
			Reason: reason, SourceKind: inventory.FromManual})
		qty -= n
	}
	if qty > 0 {
		return wrap(it.SKU, errRunsOut)
	}
	_, err = sh.history.Post(ctx, tx, lines...)
	return err
}

// billsOfMaterials says what each demo service uses, so completing a visit takes
// its materials from the chair.
func (s *seeder) billsOfMaterials(ctx context.Context, sh *shelves) error {
	for code, bill := range materials {
		var list []inventory.Material
		for sku, qty := range bill {
			list = append(list, inventory.Material{ItemID: sh.items[sku].ID, Quantity: qty})
		}
		if _, err := s.Inventory.SetMaterials(ctx, s.services[code], nil, list); err != nil {
			return wrap("materials of "+code, err)
		}
	}
	return nil
}
