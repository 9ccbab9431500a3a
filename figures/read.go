package figures

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// sumReads are the reads of stored day sums for one kind of period: flows added up by
// the period's key in the database (a year by week is some 2,000 rows, not 14,000),
// levels read per day, since a period shows its newest morning.
type sumReads struct{ branch, people string }

// flowReads picks the reads by the query's period (day, week or month: checked before).
var flowReads = map[string]sumReads{
	"day":   {sqlBranchFlowsByDay, sqlPeopleFlowsByDay},
	"week":  {sqlBranchFlowsByWeek, sqlPeopleFlowsByWeek},
	"month": {sqlBranchFlowsByMonth, sqlPeopleFlowsByMonth},
}

// Each grouped row stands on its first day in the range, so it falls in the period
// (clipped to the range) it belongs to.
const (
	sqlBranchFlowsByDay = `SELECT figure, day, num, den FROM figure_days
		WHERE branch_id = ? AND doctor_id = ? AND staff_id = '' AND level = 0 AND day >= ? AND day <= ?`
	sqlBranchFlowsByWeek = `SELECT figure, MIN(day) AS day, SUM(num) AS num, SUM(den) AS den FROM figure_days
		WHERE branch_id = ? AND doctor_id = ? AND staff_id = '' AND level = 0 AND day >= ? AND day <= ?
		GROUP BY figure, week`
	sqlBranchFlowsByMonth = `SELECT figure, MIN(day) AS day, SUM(num) AS num, SUM(den) AS den FROM figure_days
		WHERE branch_id = ? AND doctor_id = ? AND staff_id = '' AND level = 0 AND day >= ? AND day <= ?
		GROUP BY figure, month`
	sqlBranchLevels = `SELECT figure, day, num, den FROM figure_days
		WHERE branch_id = ? AND doctor_id = ? AND staff_id = '' AND level = 1 AND day >= ? AND day <= ?`

	sqlPeopleFlowsByDay = `SELECT figure, day, staff_id, num, den FROM figure_days
		WHERE branch_id = ? AND staff_id <> '' AND level = 0 AND day >= ? AND day <= ?`
	sqlPeopleFlowsByWeek = `SELECT figure, MIN(day) AS day, staff_id, SUM(num) AS num, SUM(den) AS den FROM figure_days
		WHERE branch_id = ? AND staff_id <> '' AND level = 0 AND day >= ? AND day <= ?
		GROUP BY figure, staff_id, week`
	sqlPeopleFlowsByMonth = `SELECT figure, MIN(day) AS day, staff_id, SUM(num) AS num, SUM(den) AS den FROM figure_days
		WHERE branch_id = ? AND staff_id <> '' AND level = 0 AND day >= ? AND day <= ?
		GROUP BY figure, staff_id, month`
	sqlPeopleLevels = `SELECT figure, day, staff_id, num, den FROM figure_days
		WHERE branch_id = ? AND staff_id <> '' AND level = 1 AND day >= ? AND day <= ?`

	// Names of everyone who may have a part; the cast: ids are uuid on PostgreSQL.
	sqlStaffNames = `SELECT CAST(id AS TEXT) AS id, name FROM staff`
)

// branchSums reads the branch's (or one doctor's) sums over the query's range.
func (s *Service) branchSums(ctx context.Context, q Query) ([]daySum, error) {
	var flows, levels []daySum
	if err := db.Select(ctx, s.deps.DB.R, &flows, flowReads[q.By].branch, q.BranchID, q.DoctorID, q.From, q.To); err != nil {
		return nil, err
	}
	if err := db.Select(ctx, s.deps.DB.R, &levels, sqlBranchLevels, q.BranchID, q.DoctorID, q.From, q.To); err != nil {
		return nil, err
	}
	return append(flows, levels...), nil
}

// peopleSums reads each person's parts over the query's range, named from the
// directory (by id when it no longer has them).
func (s *Service) peopleSums(ctx context.Context, q Query) ([]daySum, error) {
	var flows, levels []daySum
	if err := db.Select(ctx, s.deps.DB.R, &flows, flowReads[q.By].people, q.BranchID, q.From, q.To); err != nil {
		return nil, err
	}
	if err := db.Select(ctx, s.deps.DB.R, &levels, sqlPeopleLevels, q.BranchID, q.From, q.To); err != nil {
		return nil, err
	}
	var staff []struct {
		ID   string `db:"id"`
		Name string `db:"name"`
	}
	if err := db.Select(ctx, s.deps.DB.R, &staff, sqlStaffNames); err != nil {
		return nil, err
	}
	names := make(map[string]string, len(staff))
	for _, p := range staff {
		names[p.ID] = p.Name
	}
	days := append(flows, levels...)
	for i := range days {
		if days[i].Name = names[days[i].StaffID]; days[i].Name == "" {
			days[i].Name = days[i].StaffID
		}
	}
	return days, nil
}
