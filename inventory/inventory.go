// Package inventory keeps the clinic's supplies: items and their suppliers, each
// branch's stock locations, lots with expiry, and the append-only ledger of stock moves
// that keeps current stock per item, location and lot (never below zero, held by a
// guarded update). Materials leave a chair's location when a visit completes, first
// expiring lot first, once per visit. Purchasing, counts and maintenance are its parts
// (inventory/purchasing, inventory/counts, inventory/maintenance).
package inventory

import (
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// The categories of items.
var Categories = []string{"household", "dental_material", "medication", "instrument", "equipment"}

// The dashboards an item belongs to.
const (
	FrontDesk = "front_desk"
	HeadNurse = "head_nurse"
)

// Boards lists every dashboard, as the database's CHECK does.
var Boards = []string{FrontDesk, HeadNurse}

// The reasons of a stock move.
const (
	Receipt     = "receipt"
	Consumption = "consumption"
	Count       = "count"
	Transfer    = "transfer"
	Waste       = "waste"
	Return      = "return"
	Correction  = "correction"
)

// Reasons lists every reason, as the database's CHECK does.
var Reasons = []string{Receipt, Consumption, Count, Transfer, Waste, Return, Correction}

// The sources a move comes from.
const (
	FromManual    = "manual"
	FromOrderLine = "order_line"
	FromVisit     = "visit"
	FromCount     = "count"
	FromReversal  = "reversal"
	FromImport    = "import"
)

// Item is something the clinic keeps: counted in Unit, bought by the pack of PackSize.
type Item struct {
	ID            string            `db:"id" json:"id"`
	SKU           string            `db:"sku" json:"sku"`
	Name          string            `db:"name" json:"name"`
	Names         map[string]string `db:"-" json:"names"`
	NamesJSON     string            `db:"names" json:"-"`
	Category      string            `db:"category" json:"category"`
	Unit          string            `db:"unit" json:"unit"`
	PackUnit      string            `db:"pack_unit" json:"pack_unit"`
	PackSize      int               `db:"pack_size" json:"pack_size"`
	Board         string            `db:"board" json:"board"`
	LotTracked    bool              `db:"lot_tracked" json:"lot_tracked"`
	ExpiryTracked bool              `db:"expiry_tracked" json:"expiry_tracked"`
	Active        bool              `db:"active" json:"active"`
	CreatedAt     time.Time         `db:"created_at" json:"created_at"`
	UpdatedAt     time.Time         `db:"updated_at" json:"updated_at"`
}

// NameIn is the item's name in locale, or its default name.
func (i Item) NameIn(locale string) string {
	if n := i.Names[locale]; n != "" {
		return n
	}
	return i.Name
}

// Supplier is a company the clinic buys from.
type Supplier struct {
	ID        string    `db:"id" json:"id"`
	Name      string    `db:"name" json:"name"`
	Email     string    `db:"email" json:"email"`
	Phone     string    `db:"phone" json:"phone"`
	Locale    string    `db:"locale" json:"locale"`
	Active    bool      `db:"active" json:"active"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
	UpdatedAt time.Time `db:"updated_at" json:"updated_at"`
}

// Source is one supplier's offer of an item: catalogue number, pack price, lead time.
type Source struct {
	ItemID          string `db:"item_id" json:"item_id"`
	SupplierID      string `db:"supplier_id" json:"supplier_id"`
	SupplierName    string `db:"supplier_name" json:"supplier_name"`
	CatalogueNumber string `db:"catalogue_number" json:"catalogue_number"`
	PackPriceMinor  int64  `db:"pack_price_minor" json:"pack_price_minor"`
	Currency        string `db:"currency" json:"currency"`
	LeadDays        int    `db:"lead_days" json:"lead_days"`
	Preferred       bool   `db:"preferred" json:"preferred"`
}

// Location is a place stock is kept: a storage room, its shelf, an operatory, reception.
type Location struct {
	ID       string  `db:"id" json:"id"`
	BranchID string  `db:"branch_id" json:"branch_id"`
	ParentID *string `db:"parent_id" json:"parent_id"`
	Name     string  `db:"name" json:"name"`
	Kind     string  `db:"kind" json:"kind"`
	ChairID  *string `db:"chair_id" json:"chair_id"`
	// ClinicalDefault is where a visit's materials leave from when its chair has no
	// location of its own.
	ClinicalDefault bool      `db:"clinical_default" json:"clinical_default"`
	Active          bool      `db:"active" json:"active"`
	CreatedAt       time.Time `db:"created_at" json:"created_at"`
}

// Level is an item's targets at a location, in the item's unit: order up to Par when
// stock falls to Reorder; Critical is "about to run out".
type Level struct {
	ItemID     string `db:"item_id" json:"item_id"`
	LocationID string `db:"location_id" json:"location_id"`
	Par        int64  `db:"par_level" json:"par_level"`
	Reorder    int64  `db:"reorder_point" json:"reorder_point"`
	Critical   int64  `db:"critical_level" json:"critical_level"`
}

// Lot is a manufacturer's lot of an item; ExpiresOn is a date (YYYY-MM-DD) or "".
// Items without lot tracking keep one lot per expiry with an empty number.
type Lot struct {
	ID        string    `db:"id" json:"id"`
	ItemID    string    `db:"item_id" json:"item_id"`
	Number    string    `db:"lot_number" json:"lot_number"`
	ExpiresOn string    `db:"expires_on" json:"expires_on"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
}

// StockRow is what is on hand now of one lot of an item at one location.
type StockRow struct {
	ItemID     string    `db:"item_id" json:"item_id"`
	ItemName   string    `db:"item_name" json:"item_name"`
	Unit       string    `db:"unit" json:"unit"`
	LocationID string    `db:"location_id" json:"location_id"`
	LotID      string    `db:"lot_id" json:"lot_id"`
	LotNumber  string    `db:"lot_number" json:"lot_number"`
	ExpiresOn  string    `db:"expires_on" json:"expires_on"`
	Quantity   int64     `db:"quantity" json:"quantity"`
	UpdatedAt  time.Time `db:"updated_at" json:"updated_at"`
}

// Move is one line of the ledger: Quantity units of a lot leave From (if set) and
// arrive at To (if set). A receipt has only To, a consumption or waste only From, a
// transfer both. Moves are never edited; a mistake is undone by a move reversing it.
type Move struct {
	Seq           int64     `db:"seq" json:"seq"`
	ID            string    `db:"id" json:"id"`
	ItemID        string    `db:"item_id" json:"item_id"`
	LotID         string    `db:"lot_id" json:"lot_id"`
	From          *string   `db:"from_location_id" json:"from_location_id"`
	To            *string   `db:"to_location_id" json:"to_location_id"`
	Quantity      int64     `db:"quantity" json:"quantity"`
	Reason        string    `db:"reason" json:"reason"`
	SourceKind    string    `db:"source_kind" json:"source_kind"`
	SourceID      string    `db:"source_id" json:"source_id"`
	AppointmentID *string   `db:"appointment_id" json:"appointment_id"`
	ReversesID    *string   `db:"reverses_id" json:"reverses_id"`
	Note          string    `db:"note" json:"note"`
	StaffID       *string   `db:"staff_id" json:"staff_id"`
	At            time.Time `db:"at" json:"at"`
}

// Errors the inventory answers with.
var (
	ErrItemNotFound     = fault.New(fault.NotFound, "item_not_found", "no item has this id")
	ErrLocationNotFound = fault.New(fault.NotFound, "location_not_found", "no stock location has this id")
	ErrSupplierNotFound = fault.New(fault.NotFound, "supplier_not_found", "no supplier has this id")
	ErrLotNotFound      = fault.New(fault.NotFound, "lot_not_found", "no lot has this id")
	ErrMoveNotFound     = fault.New(fault.NotFound, "move_not_found", "no stock move has this id")
	ErrAlreadyReversed  = fault.New(fault.Conflict, "already_reversed", "this move has been reversed already")
	ErrReversal         = fault.New(fault.Conflict, "reversal_not_reversible", "a reversal is undone by a new move, not by reversing it")
	ErrSkuTaken         = fault.Field("sku", "taken", "another item has this SKU")
)

// Insufficient is the 409 for a move that would take an item's stock below zero; it
// names the item so the desk knows what ran out.
func Insufficient(item Item, field string, onHand int64) error {
	e := fault.New(fault.Conflict, "insufficient_stock", "not enough "+item.Name+" in stock")
	e.Fields = []fault.FieldError{{Field: field, Code: "insufficient_stock",
		Message: "only " + itoa(onHand) + " " + item.Unit + " of " + item.Name + " (" + item.ID + ") on hand"}}
	return e
}
