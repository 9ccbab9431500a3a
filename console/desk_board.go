package console

import (
	"context"

	"github.com/frontdeskhq/frontdesk/inventory"
	"github.com/frontdeskhq/frontdesk/inventory/maintenance"
)

// deskBoard is the front desk's small board on the Today page: household items at or
// below their reorder point and the maintenance due today or overdue (the branch's
// own chores and those of the desk's equipment).
type deskBoard struct {
	Lang  string
	Low   []supplyLevel
	Due   []deskJob
	Shown bool
}

// deskJob is a maintenance job due or overdue.
type deskJob struct {
	Title, DueOn string
	Overdue      bool
}

// T is the text key in the board's language.
func (b deskBoard) T(key string, pairs ...any) string { return T(b.Lang, key, pairs...) }

// deskBoardOf reads the front desk's board of a branch.
func (c *Console) deskBoardOf(ctx context.Context, d Desk) (deskBoard, error) {
	b := deskBoard{Lang: d.Lang}
	sm, err := c.svc.Inventory.Summary(ctx, d.Branch.ID, inventory.FrontDesk)
	if err != nil {
		return b, err
	}
	b.Low = append(supplyLevels(sm.Critical), supplyLevels(sm.BelowReorder)...)
	jobs, err := c.svc.Maintenance.List(ctx, maintenance.Filter{BranchID: d.Branch.ID, State: maintenance.Due})
	if err != nil {
		return b, err
	}
	boards := map[string]string{}
	for _, j := range jobs {
		if j.ItemID != nil && !c.deskItem(ctx, *j.ItemID, boards) {
			continue
		}
		b.Due = append(b.Due, deskJob{Title: j.Title, DueOn: listStr(j.NextDueOn), Overdue: j.State(j.Today) == maintenance.Overdue})
	}
	b.Shown = len(b.Low) > 0 || len(b.Due) > 0
	return b, nil
}

// deskItem says an item is the front desk's (a job for the nurse's autoclave is not),
// remembering each item's board; an item that cannot be read is shown, not hidden.
func (c *Console) deskItem(ctx context.Context, id string, boards map[string]string) bool {
	if _, ok := boards[id]; !ok {
		item, err := c.svc.Inventory.Item(ctx, c.svc.DB.R, id)
		boards[id] = inventory.FrontDesk
		if err == nil {
			boards[id] = item.Board
		}
	}
	return boards[id] == inventory.FrontDesk
}
