package figures

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// RowsQuery asks for the rows behind one figure of a branch over local dates From..To;
// DoctorID or StaffID narrow to one doctor's or one person's rows. After is the
// position of the last row of the previous page ("" for the first).
type RowsQuery struct {
	BranchID, From, To, DoctorID, StaffID string
	After                                 RowKey
	Limit                                 int
}

// RowKey is a row's place in the list: rows are ordered by day, then subject id,
// then person.
type RowKey struct{ Day, SubjectID, StaffID string }

// RowsPage is one page of rows; Next is set when more follow.
type RowsPage struct {
	Figure Definition
	Rows   []Fact
	Next   *RowKey
}

// medianRow is one row's number, for a median over a period.
type medianRow struct {
	Figure  string `db:"figure"`
	Day     string `db:"day"`
	StaffID string `db:"staff_id"`
	Num     int64  `db:"num"`
}

const (
	// Rows after a key, whole-row comparison spelled out for both databases.
	sqlRows = `SELECT figure, branch_id, day, subject, subject_id, doctor_id, staff_id, num, den, label, at, frozen
		FROM figure_facts
		WHERE branch_id = ? AND figure = ? AND day >= ? AND day <= ?
		  AND (? = '' OR doctor_id = ?) AND (? = '' OR staff_id = ?)
		  AND (day > ? OR (day = ? AND (subject_id > ? OR (subject_id = ? AND staff_id > ?))))
		ORDER BY day, subject_id, staff_id LIMIT ?`

	// A level's rows are the newest counted morning's (none at all may be its answer).
	sqlNewestDay = `SELECT COALESCE(MAX(day), '') FROM figure_runs
		WHERE branch_id = ? AND frozen_at IS NOT NULL AND day >= ? AND day <= ?`

	sqlMedianRows = `SELECT figure, day, staff_id, num FROM figure_facts
		WHERE branch_id = ? AND figure = ? AND day >= ? AND day <= ? AND (? = '' OR doctor_id = ?)`
)

// Rows lists the rows behind one figure: exactly those its value was made of (for a
// level, the newest day's in the range).
func (s *Service) Rows(ctx context.Context, name string, q RowsQuery) (RowsPage, error) {
	d, err := s.Definition(name)
	if err != nil {
		return RowsPage{}, err
	}
	if _, err := periodsOf(q.From, q.To, "day"); err != nil {
		return RowsPage{}, err
	}
	if d.Sum == Last {
		if err := db.Get(ctx, s.deps.DB.R, &q.From, sqlNewestDay, q.BranchID, q.From, q.To); err != nil || q.From == "" {
			return RowsPage{Figure: d, Rows: []Fact{}}, err
		}
		q.To = q.From
	}
	page := RowsPage{Figure: d, Rows: []Fact{}}
	a := q.After
	err = db.Select(ctx, s.deps.DB.R, &page.Rows, sqlRows, q.BranchID, name, q.From, q.To, q.DoctorID, q.DoctorID,
		q.StaffID, q.StaffID, a.Day, a.Day, a.SubjectID, a.SubjectID, a.StaffID, q.Limit+1)
	if err != nil {
		return RowsPage{}, err
	}
	if len(page.Rows) > q.Limit {
		page.Rows = page.Rows[:q.Limit]
		last := page.Rows[q.Limit-1]
		page.Next = &RowKey{Day: last.Day, SubjectID: last.SubjectID, StaffID: last.StaffID}
	}
	return page, nil
}

// medianRows reads the rows of the median figures over the query's range.
func (s *Service) medianRows(ctx context.Context, q Query) (map[string][]medianRow, error) {
	out := map[string][]medianRow{}
	for _, d := range s.catalog {
		if d.Sum != Median {
			continue
		}
		var rows []medianRow
		if err := db.Select(ctx, s.deps.DB.R, &rows, sqlMedianRows, q.BranchID, d.Name, q.From, q.To, q.DoctorID, q.DoctorID); err != nil {
			return nil, err
		}
		out[d.Name] = rows
	}
	return out, nil
}
