package booking

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// DoctorCard is how a doctor is shown beside free times.
type DoctorCard struct {
	ID          string `db:"id"`
	DisplayName string `db:"display_name"`
	PhotoURL    string `db:"photo_url"`
}

// bookableDoctors: active doctors with an active staff account at the branch who
// perform the service, by name, with the number of branches each works at.
const selectBookableDoctors = `SELECT d.id, d.display_name, d.photo_url,
	(SELECT COUNT(*) FROM staff_branches x WHERE x.staff_id = d.staff_id) AS branches
	FROM doctors d
	JOIN doctor_services ds ON ds.doctor_id = d.id AND ds.service_id = ?
	JOIN staff_branches sb ON sb.staff_id = d.staff_id AND sb.branch_id = ?
	JOIN staff st ON st.id = d.staff_id
	WHERE d.active = TRUE AND st.active = TRUE
	ORDER BY d.display_name, d.id`

// selectBookableDoctor is selectBookableDoctors narrowed to one doctor.
const selectBookableDoctor = `SELECT d.id, d.display_name, d.photo_url,
	(SELECT COUNT(*) FROM staff_branches x WHERE x.staff_id = d.staff_id) AS branches
	FROM doctors d
	JOIN doctor_services ds ON ds.doctor_id = d.id AND ds.service_id = ?
	JOIN staff_branches sb ON sb.staff_id = d.staff_id AND sb.branch_id = ?
	JOIN staff st ON st.id = d.staff_id
	WHERE d.active = TRUE AND st.active = TRUE AND d.id = ?`

// bookableDoctor is a doctor to offer and how many branches they work at.
type bookableDoctor struct {
	DoctorCard
	Branches int `db:"branches"`
}

// bookableDoctors lists who may be offered for the service at the branch: everyone,
// or only doctorID when it is set.
func (s schedStore) bookableDoctors(ctx context.Context, branchID, serviceID, doctorID string) ([]bookableDoctor, error) {
	out := []bookableDoctor{}
	if doctorID != "" {
		return out, db.Select(ctx, s.db.R, &out, selectBookableDoctor, serviceID, branchID, doctorID)
	}
	return out, db.Select(ctx, s.db.R, &out, selectBookableDoctors, serviceID, branchID)
}

// busyRow is one stretch a doctor and a chair are taken: an active appointment or an
// unexpired hold, with its buffer.
type busyRow struct {
	doctorID, chairID string
	span
}

// maxBlocked bounds how long one appointment holds its doctor and chair: a service
// lasts at most 8 h and a buffer 4 h (the schema's checks). It bounds starts_at from
// below, so only the range of the (branch_id, starts_at) index is walked.
const maxBlocked = 12 * time.Hour

// selectBusyAtBranch reads what occupies the branch's chairs and doctors during a
// range, through the (branch_id, starts_at) index. An expired hold occupies nothing,
// whether or not a sweeper has released it yet.
const selectBusyAtBranch = `SELECT doctor_id, chair_id, starts_at, blocked_until FROM appointments
	WHERE branch_id = ? AND starts_at >= ? AND starts_at < ? AND blocked_until > ?
	AND status IN ('held', 'booked', 'confirmed', 'arrived', 'seated')
	AND (status <> 'held' OR hold_expires_at > ?)`

// selectBusyElsewhere reads what occupies doctors at their other branches.
const selectBusyElsewhere = `SELECT doctor_id, chair_id, starts_at, blocked_until FROM appointments
	WHERE doctor_id IN (?) AND branch_id <> ? AND starts_at >= ? AND starts_at < ? AND blocked_until > ?
	AND status IN ('held', 'booked', 'confirmed', 'arrived', 'seated')
	AND (status <> 'held' OR hold_expires_at > ?)`

// busy returns the stretches that occupy the branch's chairs and doctors during a
// range, and those of travelling doctors (who work at other branches too) elsewhere.
// Rows are scanned by hand: a big clinic has thousands in a month.
func (s schedStore) busy(ctx context.Context, branchID string, travelling []string, during span, now time.Time) ([]busyRow, error) {
	from, to := unixUTC(during.from), unixUTC(during.to)
	out, err := s.scanBusy(ctx, nil, selectBusyAtBranch, branchID, from.Add(-maxBlocked), to, from, now)
	if err != nil || len(travelling) == 0 {
		return out, err
	}
	query, args, err := sqlx.In(selectBusyElsewhere, travelling, branchID, from.Add(-maxBlocked), to, from, now)
	if err != nil {
		return nil, err
	}
	return s.scanBusy(ctx, out, query, args...)
}

func (s schedStore) scanBusy(ctx context.Context, out []busyRow, query string, args ...any) ([]busyRow, error) {
	rows, err := s.db.R.QueryContext(ctx, s.db.R.Rebind(query), args...)
	if err != nil {
		return nil, db.Map(err)
	}
	defer rows.Close()
	var r busyRow
	var start, until time.Time
	for rows.Next() {
		if err := rows.Scan(&r.doctorID, &r.chairID, &start, &until); err != nil {
			return nil, err
		}
		r.span = spanOf(start, until)
		out = append(out, r)
	}
	return out, db.Map(rows.Err())
}
