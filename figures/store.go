package figures

import (
	"context"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

const (
	sqlFrozenRuns = `SELECT COUNT(*) FROM figure_runs WHERE branch_id = ? AND day = ? AND frozen_at IS NOT NULL`

	// The later reading wins: a run stamped after this one's start is left alone (no
	// row). A day made stale after this reading began stays stale.
	sqlClaimRun = `INSERT INTO figure_runs (branch_id, day, rebuilt_at) VALUES (?, ?, ?)
		ON CONFLICT (branch_id, day) DO UPDATE SET rebuilt_at = excluded.rebuilt_at,
			dirty_since = CASE WHEN figure_runs.dirty_since <= excluded.rebuilt_at THEN NULL ELSE figure_runs.dirty_since END
		WHERE figure_runs.rebuilt_at IS NULL OR figure_runs.rebuilt_at <= excluded.rebuilt_at`

	sqlFreezeRun = `UPDATE figure_runs SET frozen_at = ? WHERE branch_id = ? AND day = ? AND frozen_at IS NULL`

	sqlDeleteFacts = `DELETE FROM figure_facts WHERE branch_id = ? AND day = ? AND frozen = FALSE`

	sqlDeleteDays = `DELETE FROM figure_days WHERE branch_id = ? AND day = ?`

	// A day's sums: the branch's whole, each doctor's part and each person's part, with
	// the day's ISO week (its Monday) and month, and whether they are a morning's level
	// (a collector's facts are all frozen or none, so MAX reads the figure's kind).
	sqlSumDay = `INSERT INTO figure_days (branch_id, doctor_id, staff_id, day, figure, week, month, level, num, den)
		SELECT branch_id, '', '', day, figure, CAST(? AS TEXT), CAST(? AS TEXT),
			MAX(CASE WHEN frozen THEN 1 ELSE 0 END), SUM(num), SUM(den) FROM figure_facts
		 WHERE branch_id = ? AND day = ? GROUP BY branch_id, day, figure
		UNION ALL
		SELECT branch_id, doctor_id, '', day, figure, CAST(? AS TEXT), CAST(? AS TEXT),
			MAX(CASE WHEN frozen THEN 1 ELSE 0 END), SUM(num), SUM(den) FROM figure_facts
		 WHERE branch_id = ? AND day = ? AND doctor_id <> '' GROUP BY branch_id, day, figure, doctor_id
		UNION ALL
		SELECT branch_id, '', staff_id, day, figure, CAST(? AS TEXT), CAST(? AS TEXT),
			MAX(CASE WHEN frozen THEN 1 ELSE 0 END), SUM(num), SUM(den) FROM figure_facts
		 WHERE branch_id = ? AND day = ? AND staff_id <> '' GROUP BY branch_id, day, figure, staff_id`

	sqlInsertFactsHead = `INSERT INTO figure_facts (branch_id, day, figure, subject, subject_id, doctor_id,
		staff_id, num, den, label, at, frozen) VALUES `
	sqlFactTuple = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// factsPerInsert keeps one INSERT's parameters far below both databases' limits.
const factsPerInsert = 400

// insertFacts writes facts in multi-row INSERTs of whole placeholder tuples.
func insertFacts(ctx context.Context, tx db.Tx, facts []Fact) error {
	for len(facts) > 0 {
		n := min(len(facts), factsPerInsert)
		args := make([]any, 0, n*12)
		for _, f := range facts[:n] {
			args = append(args, f.BranchID, f.Day, f.Figure, f.Subject, f.SubjectID, f.DoctorID,
				f.StaffID, f.Num, f.Den, f.Label, f.At, f.Frozen)
		}
		query := sqlInsertFactsHead + strings.Repeat(sqlFactTuple+", ", n-1) + sqlFactTuple
		if err := db.Exec(ctx, tx, query, args...); err != nil {
			return err
		}
		facts = facts[n:]
	}
	return nil
}
