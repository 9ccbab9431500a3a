package telephony

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// CallFilter selects a page of a branch's call log: calls that rang in [From, To).
type CallFilter struct {
	BranchID string
	From, To time.Time
	Limit    int
	Cursor   string
}

// CallPage is one page of the call log, newest first; Next continues it.
type CallPage struct {
	Items []Call
	Next  string
}

// maxLogSpan bounds one call-log query: a quarter is what a manager reviews at once.
const maxLogSpan = 92 * 24 * time.Hour

// Calls returns one page of the branch's call log.
func (s *Service) Calls(ctx context.Context, f CallFilter) (CallPage, error) {
	if !f.To.After(f.From) || f.To.Sub(f.From) > maxLogSpan {
		return CallPage{}, fault.Field("to", "range", "must be after from, at most 92 days later")
	}
	curAt, curID := f.To, lastID
	if f.Cursor != "" {
		var err error
		if curAt, curID, err = httpjson.ParseTimeCursor(f.Cursor); err != nil {
			return CallPage{}, httpjson.ErrBadCursor
		}
	}
	items, err := s.store.log(ctx, f, curAt, curID)
	if err != nil {
		return CallPage{}, err
	}
	page := CallPage{Items: items}
	if len(items) > f.Limit {
		page.Items = items[:f.Limit]
		last := page.Items[f.Limit-1]
		page.Next = httpjson.TimeCursor(last.RingAt, last.ID)
	}
	return page, nil
}

// lastID sorts after every UUID, so the first page starts at the period's end.
const lastID = "ffffffff-ffff-ffff-ffff-ffffffffffff"

// ErrCallNotFound answers a call that is not in a branch the caller may see.
var ErrCallNotFound = fault.New(fault.NotFound, "call_not_found", "no call you may see has this id")

// CallEvents returns one call with every provider event it was built from.
func (s *Service) CallEvents(ctx context.Context, id string) (Call, []RawEvent, error) {
	c, err := s.store.call(ctx, id)
	if err != nil {
		return Call{}, nil, notFound(err, ErrCallNotFound)
	}
	if !actor.From(ctx).CanSeeBranch(c.BranchID) {
		return Call{}, nil, ErrCallNotFound // another branch's call is not shown to exist
	}
	evs, err := s.store.callEvents(ctx, c)
	return c, evs, err
}
