package figures

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

const (
	sqlVisitDay = `SELECT a.branch_id, a.starts_at, b.time_zone FROM appointments a
		JOIN branches b ON b.id = a.branch_id WHERE a.id = ?`

	// Marking is idempotent: a day already stale keeps its first moment.
	sqlMarkDirty = `INSERT INTO figure_runs (branch_id, day, dirty_since) VALUES (?, ?, ?)
		ON CONFLICT (branch_id, day) DO UPDATE SET
			dirty_since = COALESCE(figure_runs.dirty_since, excluded.dirty_since)`
)

// OnEvent marks the visit's day (and the event's own day, where a cancellation or a
// confirmation is counted) stale; the refresh job rebuilds stale days, so a burst of
// bookings costs one small write each here and one rebuild per day there.
func (s *Service) OnEvent(ctx context.Context, e visit.Event) error {
	var v struct {
		BranchID string    `db:"branch_id"`
		StartsAt time.Time `db:"starts_at"`
		Zone     string    `db:"time_zone"`
	}
	if err := db.Get(ctx, s.deps.DB.R, &v, sqlVisitDay, e.VisitID); err != nil {
		return err
	}
	zone := clinic.Zone(v.Zone)
	days := []string{v.StartsAt.In(zone).Format(time.DateOnly)}
	if at := e.At.In(zone).Format(time.DateOnly); at != days[0] {
		days = append(days, at)
	}
	return s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		for _, d := range days {
			if err := db.Exec(ctx, tx, sqlMarkDirty, v.BranchID, d, s.deps.Clock().UTC()); err != nil {
				return err
			}
		}
		return nil
	})
}
