package purchasing

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Filter narrows the order list: a branch ("" every branch the actor sees), a status
// ("" all), a page of Limit after Cursor.
type Filter struct {
	BranchID string
	Status   string
	Limit    int
	Cursor   string
}

// Page is one page of orders (without their lines); Next is "" on the last.
type Page struct {
	Items []Order
	Next  string
}

// endOfTime and lastID start the newest-first list after every stored order.
var endOfTime = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

const lastID = "ffffffff-ffff-ffff-ffff-ffffffffffff"

// Orders lists orders newest first, only of branches the actor may see.
func (s *Service) Orders(ctx context.Context, f Filter) (Page, error) {
	a := actor.From(ctx)
	if f.BranchID != "" {
		if _, err := s.branch(ctx, f.BranchID); err != nil {
			return Page{}, err
		}
	}
	if !a.SeesAllBranches() && len(a.BranchIDs) == 0 {
		return Page{Items: []Order{}}, nil
	}
	at, id := endOfTime, lastID
	if f.Cursor != "" {
		var err error
		if at, id, err = httpjson.ParseTimeCursor(f.Cursor); err != nil {
			return Page{}, httpjson.ErrBadCursor
		}
	}
	items, err := s.store.orders(ctx, f, a.SeesAllBranches(), a.BranchIDs, at, id)
	if err != nil || len(items) <= f.Limit {
		return Page{Items: items}, err
	}
	last := items[f.Limit-1]
	return Page{Items: items[:f.Limit], Next: httpjson.TimeCursor(last.CreatedAt, last.ID)}, nil
}
