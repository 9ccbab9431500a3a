// Package purchasing orders supplies: it suggests what each branch should order (every
// item at or below its reorder point, up to par, in whole packs, by supplier), keeps
// purchase orders from draft to sent (an e-mail to the supplier with the order as a PDF
// in the branch's language) and receives them, fully or in parts, as receipt moves of
// the inventory's ledger with their lots and expiry.
package purchasing

import (
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// The statuses of a purchase order.
const (
	Draft          = "draft"
	Sent           = "sent"
	PartlyReceived = "partly_received"
	Received       = "received"
	Cancelled      = "cancelled"
)

// Statuses lists every status, as the database's CHECK does.
var Statuses = []string{Draft, Sent, PartlyReceived, Received, Cancelled}

// Order is a purchase order: packs of items from one supplier, received into one
// location of a branch. Number is the human one printed on it (PO/2026/000123).
type Order struct {
	ID           string     `db:"id" json:"id"`
	Number       string     `db:"number" json:"number"`
	BranchID     string     `db:"branch_id" json:"branch_id"`
	SupplierID   string     `db:"supplier_id" json:"supplier_id"`
	SupplierName string     `db:"supplier_name" json:"supplier_name"`
	LocationID   string     `db:"location_id" json:"location_id"`
	Status       string     `db:"status" json:"status"`
	Currency     string     `db:"currency" json:"currency"`
	Note         string     `db:"note" json:"note"`
	CreatedBy    *string    `db:"created_by" json:"created_by"`
	CreatedAt    time.Time  `db:"created_at" json:"created_at"`
	SentAt       *time.Time `db:"sent_at" json:"sent_at"`
	UpdatedAt    time.Time  `db:"updated_at" json:"updated_at"`
	// TotalMinor is the sum of the lines' packs × pack price, in minor units.
	TotalMinor int64       `db:"total_minor" json:"total_minor"`
	Lines      []OrderLine `db:"-" json:"lines,omitempty"`
}

// OrderLine is packs of one item at the price and pack size of the day it was ordered.
type OrderLine struct {
	ID              string `db:"id" json:"id"`
	ItemID          string `db:"item_id" json:"item_id"`
	ItemName        string `db:"item_name" json:"item_name"`
	Names           string `db:"names" json:"-"`
	SKU             string `db:"sku" json:"sku"`
	Unit            string `db:"unit" json:"unit"`
	PackUnit        string `db:"pack_unit" json:"pack_unit"`
	CatalogueNumber string `db:"catalogue_number" json:"catalogue_number"`
	Packs           int    `db:"packs" json:"packs"`
	PackSize        int    `db:"pack_size" json:"pack_size"`
	PackPriceMinor  int64  `db:"pack_price_minor" json:"pack_price_minor"`
	ReceivedUnits   int64  `db:"received_units" json:"received_units"`
}

// OrderedUnits is how many units the line asks for.
func (l OrderLine) OrderedUnits() int64 { return int64(l.Packs) * int64(l.PackSize) }

// LineInput is a line of a new or edited draft; a zero PackPriceMinor takes the
// supplier's price for the item.
type LineInput struct {
	ItemID         string
	Packs          int
	PackPriceMinor *int64
}

// OrderInput is a new draft order; FromSuggestion fills its lines from the branch's
// suggestion for this supplier and location instead of Lines.
type OrderInput struct {
	BranchID       string
	SupplierID     string
	LocationID     string
	Note           string
	Lines          []LineInput
	FromSuggestion bool
}

// ReceiptLine is units of an order line that arrived, of one lot: an existing LotID,
// or a lot number and expiry date where the item tracks them.
type ReceiptLine struct {
	LineID    string
	Quantity  int64
	LotID     string
	LotNumber string
	ExpiresOn string
}

// Errors purchasing answers with.
var (
	ErrOrderNotFound  = fault.New(fault.NotFound, "purchase_order_not_found", "no purchase order has this id")
	ErrNotDraft       = fault.New(fault.Conflict, "purchase_order_not_draft", "only a draft order can be changed or sent")
	ErrNotReceivable  = fault.New(fault.Conflict, "purchase_order_not_receivable", "only a sent or partly received order can be received")
	ErrNotCancellable = fault.New(fault.Conflict, "purchase_order_not_cancellable", "a received or cancelled order cannot be cancelled")
	ErrNoEmail        = fault.New(fault.Unprocessable, "supplier_has_no_email", "the supplier has no e-mail address to send the order to")
	ErrNothingToOrder = fault.New(fault.Unprocessable, "nothing_to_order", "the suggestion for this supplier and location is empty")
)
