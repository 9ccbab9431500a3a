package inventory

import (
	"context"
	"regexp"
	"slices"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// importPlan is a checked file, ready to write: rows refer to items by SKU since the
// items get their ids only when written.
type importPlan struct {
	branch    clinic.Branch
	items     []Item
	levels    []plannedLevel
	sources   []plannedSource
	receipts  []plannedReceipt
	suppliers map[string]string // supplier name → id, for those the clinic has
}

type plannedLevel struct {
	sku string
	Level
}

type plannedSource struct {
	sku, supplier string
	Source
}

type plannedReceipt struct {
	sku, locationID, lot, expiresOn string
	quantity                        int64
	line                            int
}

// planner checks rows against the file's earlier rows and the branch, collecting
// every bad cell rather than stopping at the first.
type planner struct {
	importPlan
	known  map[string]bool     // SKUs the catalogue has
	first  map[string]csvRow   // SKU → the row describing it
	item   map[string]Item     // SKU → its description
	places map[string][]string // location name → ids in the branch
	seen   map[string]int      // a level's or source's key → its line
	bad    []fault.FieldError
}

// planImport reads what the rows refer to and checks every row; it writes nothing.
func (s *Service) planImport(ctx context.Context, q db.Q, b clinic.Branch, rows []csvRow) (importPlan, error) {
	p, err := s.newPlanner(ctx, q, b)
	if err != nil {
		return importPlan{}, err
	}
	for _, r := range rows {
		p.row(r)
	}
	if len(p.bad) > 0 {
		return importPlan{}, fault.Fields(p.bad...)
	}
	return p.importPlan, nil
}

func (s *Service) newPlanner(ctx context.Context, q db.Q, b clinic.Branch) (*planner, error) {
	p := &planner{importPlan: importPlan{branch: b, suppliers: map[string]string{}}, known: map[string]bool{},
		first: map[string]csvRow{}, item: map[string]Item{}, places: map[string][]string{}, seen: map[string]int{}}
	skus, err := s.store.skus(ctx, q)
	for _, sku := range skus {
		p.known[sku] = true
	}
	if err != nil {
		return nil, err
	}
	places, err := s.store.branchPlaces(ctx, q, b.ID)
	for _, l := range places {
		p.places[l.Name] = append(p.places[l.Name], l.ID)
	}
	if err != nil {
		return nil, err
	}
	sups, err := s.store.activeSuppliers(ctx, q)
	for _, sp := range slices.Backward(sups) {
		p.suppliers[sp.Name] = sp.ID // the oldest of a name wins
	}
	return p, err
}

func (p *planner) row(r csvRow) {
	if len(r.bad) > 0 {
		p.bad = append(p.bad, r.bad...)
		return
	}
	sku := r.get("sku")
	if sku == "" {
		p.fail(r, "sku", "required", "is required")
		return
	}
	item, ok := p.itemOf(r, sku)
	if !ok {
		return
	}
	loc := p.location(r)
	p.level(r, sku, loc)
	p.receipt(r, item, loc)
	p.source(r, sku)
}

func (p *planner) fail(r csvRow, col, code, message string) {
	p.bad = append(p.bad, cellError(r.line, col, code, message))
}

// itemOf is the item a row names: described by the first row of its SKU; a later
// row may leave the description empty or repeat it, never change it.
func (p *planner) itemOf(r csvRow, sku string) (Item, bool) {
	if p.known[sku] {
		p.fail(r, "sku", "taken", "the catalogue has an item with this SKU already; an import adds new items only (receive more stock as a receipt)")
		return Item{}, false
	}
	if first, ok := p.first[sku]; ok {
		return p.item[sku], p.sameItem(first, r)
	}
	i, ok := p.describe(r, sku)
	if ok {
		p.first[sku], p.item[sku] = r, i
		p.items = append(p.items, i)
	}
	return i, ok
}

// describing are the columns that describe an item rather than its stock.
var describing = []string{"name", "name_ru", "name_pl", "name_sv", "category", "unit", "pack_unit", "pack_size",
	"board", "lot_tracked", "expiry_tracked"}

func (p *planner) sameItem(first, r csvRow) bool {
	ok := true
	for _, col := range describing {
		if v := r.get(col); v != "" && v != first.get(col) {
			p.fail(r, col, "differs", "differs from line "+itoa(int64(first.line))+", which describes this SKU")
			ok = false
		}
	}
	return ok
}

func (p *planner) describe(r csvRow, sku string) (Item, bool) {
	n := len(p.bad)
	i := Item{SKU: sku, Name: r.get("name"), Category: r.get("category"), Unit: r.get("unit"),
		PackUnit: r.get("pack_unit"), Board: r.get("board"), Names: map[string]string{}}
	for _, loc := range []string{"ru", "pl", "sv"} {
		if v := r.get("name_" + loc); v != "" {
			i.Names[loc] = v
		}
	}
	p.required(r, "name")
	p.required(r, "unit")
	if i.PackUnit == "" {
		i.PackUnit = i.Unit
	}
	if p.required(r, "category") {
		p.oneOf(r, "category", Categories)
	}
	if i.Board == "" {
		i.Board = defaultBoard(i.Category)
	}
	p.oneOf(r, "board", Boards)
	i.PackSize = int(p.whole(r, "pack_size", 1, 1, 100_000))
	i.LotTracked, i.ExpiryTracked = p.yes(r, "lot_tracked"), p.yes(r, "expiry_tracked")
	return i, len(p.bad) == n
}

// defaultBoard puts household items on the front desk's dashboard, the rest on the
// head nurse's.
func defaultBoard(category string) string {
	if category == "household" {
		return FrontDesk
	}
	return HeadNurse
}

func (p *planner) location(r csvRow) string {
	name := r.get("location")
	if name == "" {
		return ""
	}
	switch ids := p.places[name]; len(ids) {
	case 0:
		p.fail(r, "location", "not_found", "no location of this branch has this name (add it first; an import never creates places)")
	case 1:
		return ids[0]
	default:
		p.fail(r, "location", "ambiguous", "several locations of this branch have this name")
	}
	return ""
}

func (p *planner) level(r csvRow, sku, loc string) {
	cols := []string{"par_level", "reorder_point", "critical_level"}
	if r.get(cols[0])+r.get(cols[1])+r.get(cols[2]) == "" || !p.placed(r, loc, "levels") {
		return
	}
	var v [3]int64
	for k, col := range cols {
		if p.required(r, col) {
			v[k] = p.whole(r, col, 0, 0, 1_000_000_000)
		}
	}
	if v[2] > v[1] || v[1] > v[0] {
		p.fail(r, "reorder_point", "order", "critical_level ≤ reorder_point ≤ par_level")
	}
	if p.once(r, "location", "levels|"+sku+"|"+loc, "levels for this item and location") {
		p.levels = append(p.levels, plannedLevel{sku, Level{LocationID: loc, Par: v[0], Reorder: v[1], Critical: v[2]}})
	}
}

func (p *planner) receipt(r csvRow, item Item, loc string) {
	qty := p.whole(r, "quantity", 0, 0, 1_000_000_000)
	if qty == 0 || !p.placed(r, loc, "opening stock") {
		return
	}
	lot, exp := r.get("lot_number"), r.get("expires_on")
	switch {
	case item.LotTracked && lot == "":
		p.fail(r, "lot_number", "required", item.Name+" is tracked by lot: the lot number is required")
	case !item.LotTracked && lot != "":
		p.fail(r, "lot_number", "not_tracked", item.Name+" is not tracked by lot: leave the lot number empty")
	case item.ExpiryTracked && exp == "":
		p.fail(r, "expires_on", "required", item.Name+" is tracked by expiry: the expiry date is required")
	case !item.ExpiryTracked && exp != "":
		p.fail(r, "expires_on", "not_tracked", item.Name+" is not tracked by expiry: leave the date empty")
	case exp != "" && !isDate(exp):
		p.fail(r, "expires_on", "date", "must be a date YYYY-MM-DD")
	default:
		p.receipts = append(p.receipts, plannedReceipt{sku: item.SKU, locationID: loc, lot: lot, expiresOn: exp,
			quantity: qty, line: r.line})
	}
}

var currencyCode = regexp.MustCompile(`^[A-Z]{3}$`)

func (p *planner) source(r csvRow, sku string) {
	name := r.get("supplier")
	if name == "" {
		for _, col := range []string{"catalogue_number", "pack_price_minor", "currency", "lead_days"} {
			if r.get(col) != "" {
				p.fail(r, "supplier", "required", "is required when "+col+" is given")
			}
		}
		return
	}
	x := Source{CatalogueNumber: r.get("catalogue_number"), Currency: r.get("currency")}
	if p.required(r, "pack_price_minor") {
		x.PackPriceMinor = p.whole(r, "pack_price_minor", 0, 0, 1_000_000_000_000)
	}
	if x.Currency == "" {
		x.Currency = p.branch.Currency
	} else if !currencyCode.MatchString(x.Currency) {
		p.fail(r, "currency", "iso4217", "must be an ISO 4217 currency code")
	}
	x.LeadDays = int(p.whole(r, "lead_days", 0, 0, 365))
	if p.once(r, "supplier", "source|"+sku+"|"+name, "this supplier of this item") {
		p.sources = append(p.sources, plannedSource{sku: sku, supplier: name, Source: x})
	}
}
