package figures

import (
	"context"
	"slices"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

const (
	sqlVisitDays = `SELECT a.id, a.branch_id, a.starts_at, b.time_zone FROM appointments a
		JOIN branches b ON b.id = a.branch_id WHERE a.id IN (?)`

	// sqlDirtyRuns reads which days of a branch are already stale.
	sqlDirtyRuns = `SELECT day FROM figure_runs WHERE branch_id = ? AND day IN (?) AND dirty_since IS NOT NULL`

	// Marking is idempotent: a day already stale keeps its first moment.
	sqlMarkDirty = `INSERT INTO figure_runs (branch_id, day, dirty_since) VALUES (?, ?, ?)
		ON CONFLICT (branch_id, day) DO UPDATE SET
			dirty_since = COALESCE(figure_runs.dirty_since, excluded.dirty_since)`
)

// sqlMarkDirtyRows marks many days in one statement, as sqlMarkDirty does one.
var sqlMarkDirtyRows = db.Rows{
	Head: `INSERT INTO figure_runs (branch_id, day, dirty_since) VALUES `,
	Row:  `(?, ?, ?)`,
	Tail: ` ON CONFLICT (branch_id, day) DO UPDATE SET
			dirty_since = COALESCE(figure_runs.dirty_since, excluded.dirty_since)`,
}

// eventsChunk bounds the ids or rows one statement carries.
const eventsChunk = 200

// mark is a branch's day to be recounted.
type mark struct{ branch, day string }

// OnEvent marks the visit's day (and the event's own day, where a cancellation or a
// confirmation is counted) stale; the refresh job rebuilds stale days.
func (s *Service) OnEvent(ctx context.Context, e visit.Event) error {
	return s.OnEvents(ctx, []visit.Event{e})
}

// OnEvents marks the days of a batch of events stale in at most one write
// transaction, and none when every day is stale already (PrepareEvents' writes).
func (s *Service) OnEvents(ctx context.Context, es []visit.Event) error {
	write, err := s.PrepareEvents(ctx, es)
	if err != nil || write == nil {
		return err
	}
	return s.deps.DB.InTx(ctx, func(tx db.Tx) error { return write(ctx, tx) })
}

// PrepareEvents reads, on a reader, the days a batch of events makes stale and
// answers the one statement marking those not stale already, nil when there are
// none (in a burst of bookings nearly always): the relay runs it in its own write
// transaction, as a write per event queued behind every booking at SQLite's writer.
// Marking commutes, so the order of the events does not matter here.
func (s *Service) PrepareEvents(ctx context.Context, es []visit.Event) (func(context.Context, db.Tx) error, error) {
	marks, err := s.marksOf(ctx, es)
	if err != nil {
		return nil, err
	}
	marks, err = s.notYetDirty(ctx, marks)
	if err != nil || len(marks) == 0 {
		return nil, err
	}
	at := s.deps.Clock().UTC()
	return func(ctx context.Context, tx db.Tx) error { return markDirty(ctx, tx, marks, at) }, nil
}

// markDirty marks the days stale at at, a statement per chunk.
func markDirty(ctx context.Context, tx db.Tx, marks []mark, at time.Time) error {
	return db.ExecRows(ctx, tx, sqlMarkDirtyRows, marks, eventsChunk, func(m mark) []any { return []any{m.branch, m.day, at} })
}

// marksOf reads the events' visits and answers the distinct days they touch: each
// visit's local day, and the event's own local day where it differs.
func (s *Service) marksOf(ctx context.Context, es []visit.Event) ([]mark, error) {
	ids := make([]string, 0, len(es))
	for _, e := range es {
		ids = append(ids, e.VisitID)
	}
	slices.Sort(ids)
	days, err := s.visitDays(ctx, slices.Compact(ids))
	if err != nil {
		return nil, err
	}
	seen := make(map[mark]bool)
	var marks []mark
	for _, e := range es {
		v, ok := days[e.VisitID]
		if !ok {
			return nil, db.ErrNotFound // as one event's read did: a visit gone is a failure
		}
		zone := clinic.Zone(v.Zone)
		for _, t := range []time.Time{v.StartsAt, e.At} {
			m := mark{branch: v.BranchID, day: t.In(zone).Format(time.DateOnly)}
			if !seen[m] {
				seen[m] = true
				marks = append(marks, m)
			}
		}
	}
	return marks, nil
}

// visitDay is what marking needs of a visit.
type visitDay struct {
	ID       string    `db:"id"`
	BranchID string    `db:"branch_id"`
	StartsAt time.Time `db:"starts_at"`
	Zone     string    `db:"time_zone"`
}

// visitDays reads the visits of ids on a reader, by id.
func (s *Service) visitDays(ctx context.Context, ids []string) (map[string]visitDay, error) {
	out := make(map[string]visitDay, len(ids))
	for chunk := range slices.Chunk(ids, eventsChunk) {
		var rows []visitDay
		if err := db.SelectIn(ctx, s.deps.DB.R, &rows, sqlVisitDays, chunk); err != nil {
			return nil, err
		}
		for _, r := range rows {
			out[r.ID] = r
		}
	}
	return out, nil
}

// notYetDirty drops the marks whose day is already stale: marking it again would
// change nothing (a stale day keeps its first moment), so it needs no write.
func (s *Service) notYetDirty(ctx context.Context, marks []mark) ([]mark, error) {
	byBranch := make(map[string][]string)
	for _, m := range marks {
		byBranch[m.branch] = append(byBranch[m.branch], m.day)
	}
	dirty := make(map[mark]bool)
	for branch, days := range byBranch {
		for chunk := range slices.Chunk(days, eventsChunk) {
			var found []string
			if err := db.SelectIn(ctx, s.deps.DB.R, &found, sqlDirtyRuns, branch, chunk); err != nil {
				return nil, err
			}
			for _, d := range found {
				dirty[mark{branch: branch, day: d}] = true
			}
		}
	}
	return slices.DeleteFunc(marks, func(m mark) bool { return dirty[m] }), nil
}
