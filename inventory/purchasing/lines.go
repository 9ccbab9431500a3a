package purchasing

import (
	"cmp"
	"context"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/inventory"
)

// maxPacks bounds a line: far above any real order, far below any overflow.
const maxPacks = 100000

// priced checks a draft's lines and prices them: each names an active item once, in
// whole packs of the item's pack size, at the price given or else the supplier's. The
// order's currency is the supplier's for these items (the branch's when it lists none);
// an order holds one currency.
func (s *Service) priced(ctx context.Context, supplierID, branchCurrency string, in []LineInput) ([]OrderLine, string, error) {
	if len(in) == 0 {
		return nil, "", fault.Field("lines", "required", "an order needs at least one line")
	}
	ids := make([]string, 0, len(in))
	for _, l := range in {
		ids = append(ids, l.ItemID)
	}
	src, err := s.store.sources(ctx, s.inv.DB().R, ids)
	if err != nil {
		return nil, "", err
	}
	out, currency, seen := make([]OrderLine, 0, len(in)), "", map[string]bool{}
	for i, l := range in {
		line, cur, err := s.priceLine(ctx, i, l, offerOf(src[l.ItemID], supplierID), seen)
		if err != nil {
			return nil, "", err
		}
		if cur != "" && currency != "" && cur != currency {
			return nil, "", fault.Field(field("lines", i, "item_id"), "currency", "the supplier sells this item in "+cur+
				", the order's other items in "+currency+": make one order per currency")
		}
		currency = cmp.Or(currency, cur)
		out = append(out, line)
	}
	return out, cmp.Or(currency, branchCurrency), nil
}

// priceLine checks one line; cur is the currency of the supplier's offer it took.
func (s *Service) priceLine(ctx context.Context, i int, l LineInput, offer *inventory.Source, seen map[string]bool) (OrderLine, string, error) {
	item, err := s.inv.Item(ctx, s.inv.DB().R, l.ItemID)
	if err != nil || !item.Active {
		return OrderLine{}, "", fault.Field(field("lines", i, "item_id"), "not_found", "no active item has this id")
	}
	if seen[item.ID] {
		return OrderLine{}, "", fault.Field(field("lines", i, "item_id"), "duplicate", "an item appears once in an order: add its packs up")
	}
	seen[item.ID] = true
	if l.Packs < 1 || l.Packs > maxPacks {
		return OrderLine{}, "", fault.Field(field("lines", i, "packs"), "range", "must be a whole number of packs from 1 to 100000")
	}
	line := OrderLine{ID: newID(), ItemID: item.ID, Packs: l.Packs, PackSize: item.PackSize}
	switch {
	case l.PackPriceMinor != nil && *l.PackPriceMinor < 0:
		return OrderLine{}, "", fault.Field(field("lines", i, "pack_price_minor"), "range", "must not be negative")
	case l.PackPriceMinor != nil:
		line.PackPriceMinor = *l.PackPriceMinor
	case offer == nil:
		return OrderLine{}, "", fault.Field(field("lines", i, "pack_price_minor"), "required",
			"the supplier has no price for "+item.Name+": give the pack price")
	default:
		line.PackPriceMinor = offer.PackPriceMinor
	}
	if offer == nil {
		return line, "", nil
	}
	return line, offer.Currency, nil
}

// offerOf is the supplier's offer among an item's sources, nil when it sells none.
func offerOf(src []inventory.Source, supplierID string) *inventory.Source {
	for i := range src {
		if src[i].SupplierID == supplierID {
			return &src[i]
		}
	}
	return nil
}
