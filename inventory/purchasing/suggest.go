package purchasing

import (
	"context"
	"encoding/json"

	"github.com/frontdeskhq/frontdesk/inventory"
)

// Suggestion is what a branch should order now, by supplier and receiving location,
// and the items no active supplier sells.
type Suggestion struct {
	BranchID  string           `json:"branch_id"`
	Orders    []SuggestedOrder `json:"orders"`
	Unsourced []SuggestedLine  `json:"unsourced"`
}

// SuggestedOrder is one supplier's share of a suggestion for one location.
type SuggestedOrder struct {
	SupplierID   string          `json:"supplier_id"`
	SupplierName string          `json:"supplier_name"`
	LocationID   string          `json:"location_id"`
	LocationName string          `json:"location_name"`
	Currency     string          `json:"currency"`
	TotalMinor   int64           `json:"total_minor"`
	Lines        []SuggestedLine `json:"lines"`
}

// SuggestedLine is an item at or below its reorder point at a location: Units would
// bring it up to par after what is on hand and on order; Packs is that in whole packs.
type SuggestedLine struct {
	ItemID          string `json:"item_id"`
	ItemName        string `json:"item_name"`
	SKU             string `json:"sku"`
	Unit            string `json:"unit"`
	PackUnit        string `json:"pack_unit"`
	PackSize        int    `json:"pack_size"`
	LocationID      string `json:"location_id"`
	OnHand          int64  `json:"on_hand"`
	OnOrder         int64  `json:"on_order"`
	ReorderPoint    int64  `json:"reorder_point"`
	ParLevel        int64  `json:"par_level"`
	Critical        bool   `json:"critical"`
	Units           int64  `json:"units"`
	Packs           int    `json:"packs"`
	CatalogueNumber string `json:"catalogue_number"`
	PackPriceMinor  int64  `json:"pack_price_minor"`
}

// Suggest works out what the branch should order: for every item with a level at one
// of its locations whose stock there is at or below the reorder point, up to par less
// what is on hand and on order, rounded up to whole packs, from the preferred supplier
// or else the cheapest. Items already covered by open orders are left out.
func (s *Service) Suggest(ctx context.Context, branchID string) (Suggestion, error) {
	b, err := s.branch(ctx, branchID)
	if err != nil {
		return Suggestion{}, err
	}
	levels, err := s.store.levels(ctx, b.ID)
	if err != nil {
		return Suggestion{}, err
	}
	lines := shortfalls(levels, b.Locale)
	src, err := s.store.sources(ctx, s.inv.DB().R, itemIDs(lines))
	if err != nil {
		return Suggestion{}, err
	}
	return group(b.ID, lines, levels, src), nil
}

// shortfalls are the levels at or below their reorder point still short after what
// is on order, as lines to order.
func shortfalls(levels []level, locale string) []SuggestedLine {
	out := []SuggestedLine{}
	for _, l := range levels {
		units := l.Par - l.OnHand - l.OnOrder
		if l.OnHand > l.Reorder || units <= 0 {
			continue
		}
		out = append(out, SuggestedLine{ItemID: l.ItemID, ItemName: nameIn(l.ItemName, l.Names, locale), SKU: l.SKU,
			Unit: l.Unit, PackUnit: l.PackUnit, PackSize: l.PackSize, LocationID: l.LocationID, OnHand: l.OnHand,
			OnOrder: l.OnOrder, ReorderPoint: l.Reorder, ParLevel: l.Par, Critical: l.OnHand <= l.Critical,
			Units: units, Packs: packsFor(units, l.PackSize)})
	}
	return out
}

// packsFor rounds units up to whole packs.
func packsFor(units int64, packSize int) int {
	size := int64(max(packSize, 1))
	return int((units + size - 1) / size)
}

// group puts each line under its supplier's order for its location (in the order the
// levels came: by item name), or among the unsourced.
func group(branchID string, lines []SuggestedLine, levels []level, src map[string][]inventory.Source) Suggestion {
	out := Suggestion{BranchID: branchID, Orders: []SuggestedOrder{}, Unsourced: []SuggestedLine{}}
	where := map[string]string{}
	for _, l := range levels {
		where[l.LocationID] = l.LocationName
	}
	index := map[[3]string]int{}
	for _, l := range lines {
		if len(src[l.ItemID]) == 0 {
			out.Unsourced = append(out.Unsourced, l)
			continue
		}
		best := src[l.ItemID][0]
		l.CatalogueNumber, l.PackPriceMinor = best.CatalogueNumber, best.PackPriceMinor
		key := [3]string{best.SupplierID, l.LocationID, best.Currency}
		i, ok := index[key]
		if !ok {
			i, index[key] = len(out.Orders), len(out.Orders)
			out.Orders = append(out.Orders, SuggestedOrder{SupplierID: best.SupplierID, SupplierName: best.SupplierName,
				LocationID: l.LocationID, LocationName: where[l.LocationID], Currency: best.Currency, Lines: []SuggestedLine{}})
		}
		out.Orders[i].Lines = append(out.Orders[i].Lines, l)
		out.Orders[i].TotalMinor += int64(l.Packs) * l.PackPriceMinor
	}
	return out
}

func itemIDs(lines []SuggestedLine) []string {
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		out = append(out, l.ItemID)
	}
	return out
}

// nameIn is an item's name in locale from its names (JSON), else its default name.
func nameIn(name, names, locale string) string {
	var m map[string]string
	if json.Unmarshal([]byte(names), &m) == nil && m[locale] != "" {
		return m[locale]
	}
	return name
}
