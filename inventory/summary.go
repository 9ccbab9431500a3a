package inventory

import (
	"context"
	"time"
)

// Summary is what a dashboard shows a branch's front desk or head nurse.
type Summary struct {
	BranchID string `json:"branch_id"`
	Board    string `json:"board"`
	// Critical are at or below their critical level; BelowReorder at or below the
	// reorder point (and above critical); RunningOut above it with under a week left.
	Critical           []LevelState `json:"critical"`
	BelowReorder       []LevelState `json:"below_reorder"`
	RunningOut         []LevelState `json:"running_out"`
	Expiring           []StockRow   `json:"expiring"`
	OpenOrders         []OpenOrder  `json:"open_orders"`
	OverdueMaintenance []OverdueJob `json:"overdue_maintenance"`
	GeneratedAt        time.Time    `json:"generated_at"`
}

// runningOutDays is the supply left below which an item above its reorder point still
// deserves a look: a week covers most suppliers' lead time.
const runningOutDays = 7

// Summary reads a branch's board: levels against stock, days of supply from the last
// 30 days' consumption, lots expiring within 30 days, open orders, overdue maintenance.
func (s *Service) Summary(ctx context.Context, branchID, board string) (Summary, error) {
	out := Summary{BranchID: branchID, Board: board, GeneratedAt: s.Now(), Critical: []LevelState{},
		BelowReorder: []LevelState{}, RunningOut: []LevelState{}}
	states, err := s.store.levelStates(ctx, branchID, board, out.GeneratedAt.AddDate(0, 0, -30))
	if err != nil {
		return out, err
	}
	for _, st := range states {
		out.add(st)
	}
	today, err := s.localDate(ctx, branchID, 0)
	if err != nil {
		return out, err
	}
	until, _ := time.Parse(time.DateOnly, today)
	if out.Expiring, err = s.store.boardExpiring(ctx, branchID, board, until.AddDate(0, 0, 30).Format(time.DateOnly)); err != nil {
		return out, err
	}
	if out.OpenOrders, err = s.store.openOrders(ctx, branchID, board); err != nil {
		return out, err
	}
	out.OverdueMaintenance, err = s.store.overdueJobs(ctx, branchID, today, board)
	return out, err
}

func (sm *Summary) add(st LevelState) {
	if st.Used30d > 0 {
		d := float64(st.OnHand) / (float64(st.Used30d) / 30)
		d = float64(int64(d*10)) / 10
		st.DaysLeft = &d
	}
	switch {
	case st.OnHand <= st.Critical:
		sm.Critical = append(sm.Critical, st)
	case st.OnHand <= st.Reorder:
		sm.BelowReorder = append(sm.BelowReorder, st)
	case st.DaysLeft != nil && *st.DaysLeft < runningOutDays:
		sm.RunningOut = append(sm.RunningOut, st)
	}
}
