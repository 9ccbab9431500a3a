package figures

import (
	"cmp"
	"context"
	"slices"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// ItemSupply is one item of a branch's board with its days of supply: the branch's
// stock ÷ its mean daily use over the last 30 days, as items_short_of_supply counts it.
type ItemSupply struct {
	ItemID   string
	ItemName string
	Unit     string
	OnHand   int64
	Used     int64
	// DaysLeft is one decimal, cut down; "" for an item not used in the 30 days.
	DaysLeft string
	// Short says fewer than 14 days are left.
	Short bool
}

// sqlBoardSupply reads a board's active items kept at the branch (with a level at an
// active location, or stock) with the branch's stock and its consumption in a window
// that takes in its last instant (a move made this very microsecond counts).
const sqlBoardSupply = `SELECT i.id AS item_id, i.name AS item_name, i.unit,
	COALESCE((SELECT SUM(s.quantity) FROM stock s JOIN stock_locations sl ON sl.id = s.location_id
	    WHERE s.item_id = i.id AND sl.branch_id = ?), 0) AS on_hand,
	COALESCE((SELECT SUM(m.quantity) FROM stock_moves m JOIN stock_locations ml ON ml.id = m.from_location_id
	    WHERE m.item_id = i.id AND ml.branch_id = ? AND m.reason = 'consumption' AND m.at >= ? AND m.at <= ?), 0) AS used
	FROM inventory_items i
	WHERE i.active AND i.board = ? AND (
	    EXISTS (SELECT 1 FROM item_levels lv JOIN stock_locations ll ON ll.id = lv.location_id
	        WHERE lv.item_id = i.id AND ll.branch_id = ? AND ll.active)
	    OR EXISTS (SELECT 1 FROM stock st JOIN stock_locations stl ON stl.id = st.location_id
	        WHERE st.item_id = i.id AND stl.branch_id = ? AND st.quantity > 0))
	ORDER BY i.name, i.id`

// Supply lists every item of a branch's board with its days of supply now, the
// fewest days first (items not used in the window last, by name).
func (s *Service) Supply(ctx context.Context, branchID, board string) ([]ItemSupply, error) {
	now := s.deps.Clock().UTC()
	var rows []supplyRow
	err := db.Select(ctx, s.deps.DB.R, &rows, sqlBoardSupply, branchID, branchID, now.AddDate(0, 0, -usageDays), now,
		board, branchID, branchID)
	if err != nil {
		return nil, err
	}
	out := make([]ItemSupply, 0, len(rows))
	for _, r := range rows {
		out = append(out, ItemSupply{ItemID: r.ItemID, ItemName: r.ItemName, Unit: r.Unit, OnHand: r.OnHand, Used: r.Used,
			DaysLeft: daysOfSupply(r.OnHand, r.Used, usageDays), Short: r.Used > 0 && r.OnHand*usageDays < shortDays*r.Used})
	}
	slices.SortStableFunc(out, func(a, b ItemSupply) int {
		if (a.Used == 0) != (b.Used == 0) {
			return cmp.Compare(a.Used, b.Used) * -1
		}
		return cmp.Compare(a.OnHand*b.Used, b.OnHand*a.Used)
	})
	return out, nil
}
