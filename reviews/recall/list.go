package recall

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// List is a page of a branch's recalls due before a local date (default: the day
// after today, so everything due by today), oldest due first, each saying whether
// the sweep would pass it by and why.
func (s *Service) List(ctx context.Context, f Filter) (Page, error) {
	if f.DueBefore == "" {
		var err error
		if f.DueBefore, err = s.tomorrow(ctx, f.BranchID); errors.Is(err, clinic.ErrBranchNotFound) {
			return Page{}, nil // a branch that does not exist has no recalls, as every list answers
		} else if err != nil {
			return Page{}, err
		}
	}
	page, err := s.page(ctx, f)
	if err != nil {
		return Page{}, err
	}
	if _, err = s.markSkips(ctx, page.Items); err != nil {
		return Page{}, err
	}
	return page, s.withServices(ctx, page.Items)
}

// tomorrow is the day after today in the branch's calendar.
func (s *Service) tomorrow(ctx context.Context, branchID string) (string, error) {
	_, loc, err := s.branchZone(ctx, branchID)
	if err != nil {
		return "", err
	}
	return localDate(s.now(), loc).AddDate(0, 0, 1).Format(time.DateOnly), nil
}

// page reads one page after the cursor (due date and id) and makes the next cursor.
func (s *Service) page(ctx context.Context, f Filter) (Page, error) {
	at, afterID, err := httpjson.ParseTimeCursor(f.Cursor)
	if err != nil {
		return Page{}, err
	}
	afterDue := ""
	if afterID != "" {
		afterDue = at.Format(time.DateOnly)
	}
	rows, err := s.store.branchRecalls(ctx, f, afterDue, afterID)
	if err != nil || len(rows) <= f.Limit {
		return Page{Items: rows}, err
	}
	last := rows[f.Limit-1]
	due, _ := time.Parse(time.DateOnly, last.DueOn)
	return Page{Items: rows[:f.Limit], Next: httpjson.TimeCursor(due, last.ID)}, nil
}

// markSkips sets each recall's SkipReason as the sweep would see it now.
// It returns where each patient's message would go.
func (s *Service) markSkips(ctx context.Context, items []Recall) (reach, error) {
	contacts := make(map[string]Contact, len(items))
	ids := make([]string, 0, len(items))
	for _, r := range items {
		contacts[r.PatientID] = r.Contact
		ids = append(ids, r.PatientID)
	}
	booked, err := s.upcoming(ctx, ids)
	if err != nil {
		return reach{}, err
	}
	to, err := s.reachAll(ctx, contacts)
	if err != nil {
		return to, err
	}
	for i, r := range items {
		items[i].SkipReason = to.reason[r.PatientID]
		if len(booked[r.PatientID]) > 0 {
			items[i].SkipReason = SkipFutureBooking
		}
	}
	return to, nil
}

// Dismiss takes a recall off the list and out of the sweep until a later visit of its
// service sets it again.
func (s *Service) Dismiss(ctx context.Context, id string) (Recall, error) {
	r, err := s.store.recall(ctx, s.deps.DB.R, id)
	if errors.Is(err, db.ErrNotFound) || err == nil && !actor.From(ctx).CanSeeBranch(r.BranchID) {
		return Recall{}, ErrNotFound
	}
	if err != nil {
		return Recall{}, err
	}
	err = s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		if err := s.store.dismiss(ctx, tx, id, s.now()); err != nil {
			return err
		}
		return s.audited(ctx, tx, audit.Entry{Action: audit.Update, Entity: "recall", EntityID: id, PatientID: r.PatientID})
	})
	if err != nil {
		return Recall{}, err
	}
	r.Status = Dismissed
	items := []Recall{r}
	if _, err = s.markSkips(ctx, items); err != nil {
		return Recall{}, err
	}
	return items[0], s.withServices(ctx, items)
}

// withServices fills each recall's service, reading each service once.
func (s *Service) withServices(ctx context.Context, items []Recall) error {
	seen := map[string]clinic.Procedure{}
	for i, r := range items {
		p, ok := seen[r.ServiceID]
		if !ok {
			var err error
			if p, err = s.deps.Dir.Procedure(ctx, r.ServiceID); err != nil {
				return err
			}
			seen[r.ServiceID] = p
		}
		items[i].Service = p
	}
	return nil
}
