package booking

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// A placement asks one statement what stands in the way of the doctor and the chair
// tried first (the one the schedule pins): in the common case it is the only read of
// the write transaction, where there were three (expired holds released, the doctor's
// overlaps, the chair's). Expired holds come back marked, and are released only when
// one is in the way. On PostgreSQL the checks use the range form, which the exclusion
// constraints' GiST indexes answer in a few buffers. On SQLite they use the
// (doctor|chair, starts_at) indexes: the active appointments of one doctor (or chair)
// never overlap each other, so of those starting before the new one only the latest
// can reach into it. The statement reads that one row, walking back at most
// MaxBlocked, and the rows starting inside the new one's time, where it read every row
// of the twelve hours before (a busy doctor's whole day) and looked each up.

// blocker is one active appointment in the way: of the doctor or of the chair.
type blocker struct {
	Resource Resource `db:"resource"`
	// Expired is a hold past its expiry: released by the placement, not in its way.
	Expired bool `db:"expired"`
}

const (
	selectBlockersSQLite = `SELECT 'doctor' AS resource, expired FROM (SELECT ` + heldExpired + ` AS expired, blocked_until
		FROM appointments WHERE doctor_id = ? AND ` + activeStatus + ` AND starts_at < ? AND starts_at > ? AND id <> ?
		ORDER BY starts_at DESC LIMIT 1) WHERE blocked_until > ?
		UNION ALL
		SELECT 'doctor', ` + heldExpired + ` FROM appointments WHERE doctor_id = ? AND ` + activeStatus + `
		AND starts_at >= ? AND starts_at < ? AND id <> ?
		UNION ALL
		SELECT 'chair', expired FROM (SELECT ` + heldExpired + ` AS expired, blocked_until
		FROM appointments WHERE chair_id = ? AND ` + activeStatus + ` AND starts_at < ? AND starts_at > ? AND id <> ?
		ORDER BY starts_at DESC LIMIT 1) WHERE blocked_until > ?
		UNION ALL
		SELECT 'chair', ` + heldExpired + ` FROM appointments WHERE chair_id = ? AND ` + activeStatus + `
		AND starts_at >= ? AND starts_at < ? AND id <> ?`
	activeStatus           = `status IN ('held', 'booked', 'confirmed', 'arrived', 'seated')`
	heldExpired            = `status = 'held' AND hold_expires_at <= ?`
	selectBlockersPostgres = `SELECT 'doctor' AS resource, COALESCE(status = 'held' AND hold_expires_at <= ?, false) AS expired
		FROM appointments WHERE doctor_id = ? AND status IN ('held', 'booked', 'confirmed', 'arrived', 'seated')
		AND tstzrange(starts_at, blocked_until) && tstzrange(?, ?) AND id <> ?
		UNION ALL
		SELECT 'chair', COALESCE(status = 'held' AND hold_expires_at <= ?, false)
		FROM appointments WHERE chair_id = ? AND status IN ('held', 'booked', 'confirmed', 'arrived', 'seated')
		AND tstzrange(starts_at, blocked_until) && tstzrange(?, ?) AND id <> ?`
)

// genericPlans makes PostgreSQL plan a placement's statements once per connection and
// reuse the plan. Left to plan_cache_mode auto, it kept choosing a custom plan for the
// blockers query and so planned it afresh on every placement: about 0.45 ms of the
// server's CPU to bind it against 0.06 ms to run it. The generic plan takes the same
// GiST indexes, whose range conditions need no values to be chosen; the setting ends
// with the transaction.
const genericPlans = `SET LOCAL plan_cache_mode = force_generic_plan`

// planOnce applies genericPlans on PostgreSQL (SQLite has no such planner cost).
func (s store) planOnce(ctx context.Context, tx db.Tx) error {
	if s.db.Dialect != db.Postgres {
		return nil
	}
	return db.Exec(ctx, tx, genericPlans)
}

// blockers lists the active appointments overlapping a on its doctor or on chair, on
// SQLite (PostgreSQL asks with the insert, insertUnblocked).
func (s store) blockers(ctx context.Context, tx db.Tx, a visit.Visit, chair string, now time.Time) ([]blocker, error) {
	var out []blocker
	from := a.Start.Add(-MaxBlocked)
	return out, s.hot.Select(ctx, tx, &out, selectBlockersSQLite,
		now, a.DoctorID, a.Start, from, a.ID, a.Start, now, a.DoctorID, a.Start, a.BlockedUntil, a.ID,
		now, chair, a.Start, from, a.ID, a.Start, now, chair, a.Start, a.BlockedUntil, a.ID)
}

// placeRow checks the doctor, picks the first free chair of the candidates and
// inserts r. The chair the schedule pins comes first: on PostgreSQL it is tried with
// the insert itself (insertUnblocked).
func (s *Service) placeRow(ctx context.Context, tx db.Tx, r *newRow, chairs []string) error {
	if len(chairs) == 0 {
		return ErrNoChair
	}
	now := s.clock()
	found, placed, err := s.firstTry(ctx, tx, r, chairs[0], now)
	if err != nil || placed {
		return err
	}
	if err := s.claimResources(ctx, tx, r, chairs, found, now); err != nil {
		return err
	}
	return s.store.insert(ctx, tx, *r)
}

// firstTry answers what stands in the way of r's doctor and chair, and on PostgreSQL
// inserts r with that chair when nothing does (placed).
func (s *Service) firstTry(ctx context.Context, tx db.Tx, r *newRow, chair string, now time.Time) ([]blocker, bool, error) {
	if s.store.db.Dialect != db.Postgres {
		found, err := s.store.blockers(ctx, tx, r.Visit, chair, now)
		return found, false, err
	}
	r.ChairID = chair
	found, err := s.store.insertUnblocked(ctx, tx, *r, now)
	return found, err == nil && len(found) == 0, err
}

// claimResources settles what found stands in the way of the doctor and of chairs[0]:
// a busy doctor is a taken slot; otherwise the first free chair is r's, after the
// expired holds in the way are released.
func (s *Service) claimResources(ctx context.Context, tx db.Tx, r *newRow, chairs []string, found []blocker, now time.Time) error {
	doctorBusy, chairBusy, expired := false, false, false
	for _, b := range found {
		expired = expired || b.Expired
		doctorBusy = doctorBusy || (!b.Expired && b.Resource == ResourceDoctor)
		chairBusy = chairBusy || (!b.Expired && b.Resource == ResourceChair)
	}
	if doctorBusy {
		return ErrSlotTaken(ResourceDoctor)
	}
	if !chairBusy {
		if expired {
			if err := s.store.releaseExpiredHolds(ctx, tx, r.Visit, now); err != nil {
				return err
			}
		}
		r.ChairID = chairs[0]
		return nil
	}
	if len(chairs) == 1 {
		return ErrSlotTaken(ResourceChair)
	}
	return s.claimOtherChair(ctx, tx, r, chairs[1:], now)
}

// claimOtherChair walks the remaining candidates when the first chair is taken (rare:
// the schedule pins a doctor's own chair first), after releasing every expired hold
// that could stand in the way.
func (s *Service) claimOtherChair(ctx context.Context, tx db.Tx, r *newRow, chairs []string, now time.Time) error {
	if err := s.store.releaseExpiredHolds(ctx, tx, r.Visit, now); err != nil {
		return err
	}
	for _, chair := range chairs {
		busy, err := s.store.overlaps(ctx, tx, ResourceChair, chair, r.Visit)
		if err != nil {
			return err
		}
		if !busy {
			r.ChairID = chair
			return nil
		}
	}
	return ErrNoChair
}
