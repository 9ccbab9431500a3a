// Package counts is stocktaking: a count session per location takes a snapshot of the
// ledger, the nurse enters what is on the shelf, and posting writes count moves for the
// differences, each with its reason. Counting never blocks the clinic: moves posted
// after the snapshot (a visit's consumption, a receipt) are carried over, since a
// difference is taken against the stock at the snapshot, not against stock now.
package counts

import (
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/inventory"
)

// The states of a count session.
const (
	Open      = "open"
	Posted    = "posted"
	Cancelled = "cancelled"
)

// Session is one count of one location. SnapshotSeq is the ledger's newest move when
// it started: moves after it are carried over, not counted.
type Session struct {
	ID          string     `db:"id"`
	LocationID  string     `db:"location_id"`
	BranchID    string     `db:"branch_id"`
	Status      string     `db:"status"`
	SnapshotSeq int64      `db:"snapshot_seq"`
	StartedBy   *string    `db:"started_by"`
	StartedAt   time.Time  `db:"started_at"`
	PostedAt    *time.Time `db:"posted_at"`
	// Lines is the sheet: every lot on hand at the snapshot and every lot counted.
	Lines []Line `db:"-"`
	// Moves are the count moves posting wrote (only in posting's answer).
	Moves []inventory.Move `db:"-"`
}

// Line is one row of the sheet: a lot of an item, what the ledger says was there at
// the snapshot, and what was counted (nil: not counted yet, left alone by posting).
type Line struct {
	ItemID    string `db:"item_id"`
	ItemName  string `db:"item_name"`
	Unit      string `db:"unit"`
	LotID     string `db:"lot_id"`
	LotNumber string `db:"lot_number"`
	ExpiresOn string `db:"expires_on"`
	Expected  int64  `db:"expected"`
	Counted   *int64 `db:"counted"`
	Reason    string `db:"reason"`
}

// Difference is counted minus expected, or nil for a line not counted.
func (l Line) Difference() *int64 {
	if l.Counted == nil {
		return nil
	}
	d := *l.Counted - l.Expected
	return &d
}

// Uncounted is how many lines of the sheet nobody counted; posting leaves them as they are.
func (s Session) Uncounted() int {
	n := 0
	for _, l := range s.Lines {
		if l.Counted == nil {
			n++
		}
	}
	return n
}

// Entry is one counted quantity as the desk enters it: a lot by id, or for a lot not
// known yet the item's lot number and expiry.
type Entry struct {
	ItemID    string
	LotID     string
	LotNumber string
	ExpiresOn string
	Counted   int64
	Reason    string
}

// Errors of counting.
var (
	ErrNotFound  = fault.New(fault.NotFound, "count_not_found", "no count session you may see has this id")
	ErrPosted    = fault.New(fault.Conflict, "count_posted", "this count has been posted already")
	ErrCancelled = fault.New(fault.Conflict, "count_cancelled", "this count was cancelled")
	ErrEmpty     = fault.New(fault.Conflict, "count_empty", "nothing has been counted: enter lines first, or cancel the count")
	errLocation  = fault.Field("location_id", "not_found", "no active stock location you may see has this id")
)

// errOpen names the session already counting the location.
func errOpen(id string) error {
	detail := "this location is being counted already: post or cancel that count first"
	if id != "" {
		detail += " (session " + id + ")"
	}
	return fault.New(fault.Conflict, "count_open", detail)
}
