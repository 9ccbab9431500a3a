package inventory

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// Outbox queues messages inside the transaction that caused them (*messaging.Service).
type Outbox interface {
	Enqueue(ctx context.Context, tx db.Tx, m messaging.Message) error
}

// Responsible is who gets a board's daily digest in a branch.
type Responsible struct {
	BranchID  string `db:"branch_id" json:"branch_id"`
	Board     string `db:"board" json:"board"`
	StaffID   string `db:"staff_id" json:"staff_id"`
	StaffName string `db:"staff_name" json:"staff_name"`
	Email     string `db:"email" json:"-"`
}

// digestHour is the local hour from which the day's digest goes out: before the first
// patients, after the night's deliveries were booked.
const digestHour = 8

// SetResponsible names who gets a board's digest in a branch; the person must be an
// active staff member.
func (s *Service) SetResponsible(ctx context.Context, branchID, board, staffID string) (Responsible, error) {
	if _, err := s.deps.Dir.Branch(ctx, branchID); err != nil {
		return Responsible{}, fault.Field("branch_id", "not_found", "no branch you may see has this id")
	}
	err := s.store.setResponsible(ctx, branchID, board, staffID)
	if errors.Is(err, db.ErrForeignKey) {
		return Responsible{}, fault.Field("staff_id", "not_found", "no staff member has this id")
	}
	if err != nil {
		return Responsible{}, err
	}
	list, err := s.store.responsible(ctx, s.deps.DB.R, branchID)
	for _, r := range list {
		if r.Board == board {
			return r, err
		}
	}
	return Responsible{}, err
}

// Responsibles lists who gets each board's digest in a branch.
func (s *Service) Responsibles(ctx context.Context, branchID string) ([]Responsible, error) {
	return s.store.responsible(ctx, s.deps.DB.R, branchID)
}

// SendDigests queues today's digest for every board with something critical, once a
// day per branch and board (the outbox key holds the local date), from 08:00 local.
func (s *Service) SendDigests(ctx context.Context) (int, error) {
	all, err := s.store.responsible(ctx, s.deps.DB.R, "")
	if err != nil || s.deps.Outbox == nil {
		return 0, err
	}
	sent := 0
	for _, r := range all {
		ok, err := s.digest(ctx, r)
		if err != nil {
			return sent, err
		}
		if ok {
			sent++
		}
	}
	return sent, nil
}

func (s *Service) digest(ctx context.Context, r Responsible) (bool, error) {
	b, err := s.deps.Dir.Branch(ctx, r.BranchID)
	if err != nil {
		return false, err
	}
	loc, err := zone(b.TimeZone)
	if err != nil || r.Email == "" {
		return false, err
	}
	local := s.Now().In(loc)
	if local.Hour() < digestHour {
		return false, nil
	}
	sm, err := s.Summary(ctx, r.BranchID, r.Board)
	if err != nil || len(sm.Critical) == 0 {
		return false, err
	}
	m := messaging.Message{DedupeKey: "stock-digest:" + r.BranchID + ":" + r.Board + ":" + local.Format(time.DateOnly),
		Channel: messaging.Email, Recipient: r.Email, Locale: b.Locale, BranchID: r.BranchID, Template: messaging.TemplateStockDigest,
		Data: map[string]any{"Clinic": b.Name, "Critical": len(sm.Critical), "Items": digestItems(sm.Critical),
			"BelowReorder": len(sm.BelowReorder), "Expiring": len(sm.Expiring), "Overdue": len(sm.OverdueMaintenance)}}
	return true, s.deps.DB.InTx(ctx, func(tx db.Tx) error { return s.deps.Outbox.Enqueue(ctx, tx, m) })
}

// digestItems names the critical items with what is left, at most ten of them.
func digestItems(states []LevelState) string {
	parts := make([]string, 0, min(len(states), 10))
	for _, st := range states[:min(len(states), 10)] {
		parts = append(parts, st.ItemName+" ("+itoa(st.OnHand)+" "+st.Unit+", "+st.LocationName+")")
	}
	if len(states) > 10 {
		parts = append(parts, "…")
	}
	return strings.Join(parts, "; ")
}
