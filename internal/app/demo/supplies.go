package demo

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/inventory"
)

// historyDays is how far back the demo's supplies reach: everything arrived then, and
// every day since some was used.
const historyDays = 30

// shelves is where the demo keeps things: its places by home, each chair's operatory,
// and the clock the history is posted at.
type shelves struct {
	home    map[string]string // home → location id
	chairs  []string          // operatory location ids, chair by chair
	items   map[string]inventory.Item
	at      time.Time
	history *inventory.Service
}

// supplies gives the demo clinic its storage room, shelves, operatories and reception,
// its items with suppliers and levels, and a month of stock history. The history is
// posted through a twin of the inventory whose clock the seeder turns back day by
// day, so every move goes through the same guarded ledger and stock equals its sum.
func (s *seeder) supplies(ctx context.Context) error {
	if s.Inventory == nil {
		return nil
	}
	sh := &shelves{home: map[string]string{}, items: map[string]inventory.Item{}, at: s.historyStart()}
	sh.history = inventory.NewService(inventory.Deps{DB: s.DB, Dir: s.Clinic, Now: func() time.Time { return sh.at }})
	for _, step := range []func(context.Context, *shelves) error{s.places, s.catalogueOfStock, s.month, s.billsOfMaterials} {
		if err := step(ctx, sh); err != nil {
			return wrap("supplies", err)
		}
	}
	return nil
}

// historyStart is 09:00 local time historyDays ago.
func (s *seeder) historyStart() time.Time {
	now := s.now().In(s.zone())
	return time.Date(now.Year(), now.Month(), now.Day()-historyDays, 9, 0, 0, 0, s.zone())
}

func (s *seeder) places(ctx context.Context, sh *shelves) error {
	words := placeNames[s.c.Locale]
	room, err := sh.history.CreateLocation(ctx, inventory.Location{BranchID: s.branchID, Name: words[0], Kind: "storage"})
	if err != nil {
		return err
	}
	for i, home := range []string{onHousehold, onClinical, atReception} {
		l := inventory.Location{BranchID: s.branchID, Name: words[i+1], Kind: "shelf", ParentID: &room.ID,
			ClinicalDefault: home == onClinical}
		if home == atReception {
			l.Kind, l.ParentID = "reception", nil
		}
		if l, err = sh.history.CreateLocation(ctx, l); err != nil {
			return err
		}
		sh.home[home] = l.ID
	}
	for i, chairID := range s.chairIDs {
		l, err := sh.history.CreateLocation(ctx, inventory.Location{BranchID: s.branchID, Kind: "operatory",
			Name: s.chairNames[i], ChairID: &chairID})
		if err != nil {
			return err
		}
		sh.chairs = append(sh.chairs, l.ID)
	}
	return nil
}

// catalogueOfStock adds the suppliers, then each item with its offer and levels.
func (s *seeder) catalogueOfStock(ctx context.Context, sh *shelves) error {
	var supplierIDs []string
	for _, name := range suppliers {
		sp, err := sh.history.CreateSupplier(ctx, inventory.Supplier{Name: name, Locale: s.c.Locale})
		if err != nil {
			return err
		}
		supplierIDs = append(supplierIDs, sp.ID)
	}
	for _, it := range stock {
		item, err := sh.history.CreateItem(ctx, s.DB.W, inventory.Item{SKU: it.SKU, Name: it.Names[s.c.Locale],
			Names: it.Names, Category: it.Category, Unit: it.Unit, PackUnit: it.PackUnit, PackSize: it.PackSize,
			Board: board(it.Category), LotTracked: it.Lot, ExpiryTracked: it.Expiry})
		if err != nil {
			return wrap(it.SKU, err)
		}
		sh.items[it.SKU] = item
		if err := s.offerAndLevels(ctx, sh, it, item.ID, supplierIDs[it.Supplier]); err != nil {
			return wrap(it.SKU, err)
		}
	}
	return nil
}

func (s *seeder) offerAndLevels(ctx context.Context, sh *shelves, it stockItem, itemID, supplierID string) error {
	_, err := s.Inventory.SetSources(ctx, itemID, []inventory.Source{{SupplierID: supplierID,
		CatalogueNumber: it.SKU, PackPriceMinor: it.PackPrice * currencyScale[s.c.Currency], Currency: s.c.Currency,
		LeadDays: 2 + 5*it.Supplier, Preferred: true}})
	if err != nil {
		return err
	}
	if err := s.level(ctx, itemID, sh.home[it.Home], it.Level); err != nil {
		return err
	}
	for _, chair := range sh.chairs[:it.Chairs] {
		if err := s.level(ctx, itemID, chair, it.ChairLevel); err != nil {
			return err
		}
	}
	return nil
}

func (s *seeder) level(ctx context.Context, itemID, locationID string, v [3]int64) error {
	_, err := s.Inventory.SetLevel(ctx, inventory.Level{ItemID: itemID, LocationID: locationID, Par: v[0],
		Reorder: v[1], Critical: v[2]})
	return err
}

// board puts household items on the front desk's dashboard, the rest on the nurse's.
func board(category string) string {
	if category == "household" {
		return inventory.FrontDesk
	}
	return inventory.HeadNurse
}

// month posts, in one transaction, the receipts and the chairs' first stock on the
// first morning, then each evening what was used that day, first expiring lot first.
func (s *seeder) month(ctx context.Context, sh *shelves) error {
	return s.DB.InTx(ctx, func(tx db.Tx) error {
		if err := s.arrivals(ctx, tx, sh); err != nil {
			return err
		}
		start := sh.at
		for day := range historyDays {
			sh.at = start.AddDate(0, 0, day).Add(9 * time.Hour)
			if err := s.dayOfUse(ctx, tx, sh, day); err != nil {
				return err
			}
		}
		return nil
	})
}
