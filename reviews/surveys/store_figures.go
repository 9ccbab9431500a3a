package surveys

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// window is the answered surveys a list or a score reads: a branch, instants
// [from, to) (nil open) and a doctor (nil any).
type window struct {
	branchID string
	from, to *time.Time
	doctorID *string
}

// windowWhere narrows answered surveys to a window; its arguments come from args.
const windowWhere = ` WHERE s.branch_id = ? AND s.answered_at IS NOT NULL AND (? OR s.answered_at >= ?)
	AND (? OR s.answered_at < ?) AND (? OR s.doctor_id = ?)`

func (w window) args() []any {
	return []any{w.branchID, w.from == nil, w.from, w.to == nil, w.to, w.doctorID == nil, w.doctorID}
}

// selectAnswered pages answered surveys newest first, keyed by (answered_at, id).
const selectAnswered = `SELECT ` + surveyColumns + windowWhere + `
	AND (? OR s.answered_at < ? OR (s.answered_at = ? AND s.id < ?))
	ORDER BY s.answered_at DESC, s.id DESC LIMIT ?`

func (s store) answered(ctx context.Context, w window, after *time.Time, afterID *string, limit int) ([]Survey, error) {
	out := []Survey{}
	args := append(w.args(), after == nil, after, after, afterID, limit)
	return out, db.Select(ctx, s.db.R, &out, selectAnswered, args...)
}

// counts are the sums an NPS is made of.
type counts struct {
	Promoters  int `db:"promoters"`
	Passives   int `db:"passives"`
	Detractors int `db:"detractors"`
	Responses  int `db:"responses"`
	Overall    int `db:"overall_sum"`
	Care       int `db:"care_sum"`
}

// selectCounts sorts answers by the recommend score: promoters 9–10, passives 7–8,
// detractors 0–6. Sums, not averages, so both databases answer integers.
const selectCounts = `SELECT
	COALESCE(SUM(CASE WHEN s.recommend >= 9 THEN 1 ELSE 0 END), 0) AS promoters,
	COALESCE(SUM(CASE WHEN s.recommend IN (7, 8) THEN 1 ELSE 0 END), 0) AS passives,
	COALESCE(SUM(CASE WHEN s.recommend <= 6 THEN 1 ELSE 0 END), 0) AS detractors,
	COUNT(*) AS responses, COALESCE(SUM(s.overall), 0) AS overall_sum, COALESCE(SUM(s.care), 0) AS care_sum
	FROM surveys s` + windowWhere

func (s store) counts(ctx context.Context, w window) (counts, error) {
	var c counts
	return c, db.Get(ctx, s.db.R, &c, selectCounts, w.args()...)
}
