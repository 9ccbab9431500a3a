package booking

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// DoctorCard is how a doctor is shown beside free times.
type DoctorCard struct {
	ID          string `db:"id"`
	DisplayName string `db:"display_name"`
	PhotoURL    string `db:"photo_url"`
}

// bookableDoctors: active doctors with an active staff account at the branch who
// perform the service, by name.
const selectBookableDoctors = `SELECT d.id, d.display_name, d.photo_url FROM doctors d
	JOIN doctor_services ds ON ds.doctor_id = d.id AND ds.service_id = ?
	JOIN staff_branches sb ON sb.staff_id = d.staff_id AND sb.branch_id = ?
	JOIN staff st ON st.id = d.staff_id
	WHERE d.active = TRUE AND st.active = TRUE
	ORDER BY d.display_name, d.id`

// selectBookableDoctor is selectBookableDoctors narrowed to one doctor.
const selectBookableDoctor = `SELECT d.id, d.display_name, d.photo_url FROM doctors d
	JOIN doctor_services ds ON ds.doctor_id = d.id AND ds.service_id = ?
	JOIN staff_branches sb ON sb.staff_id = d.staff_id AND sb.branch_id = ?
	JOIN staff st ON st.id = d.staff_id
	WHERE d.active = TRUE AND st.active = TRUE AND d.id = ?`

// bookableDoctors lists who may be offered for the service at the branch: everyone,
// or only doctorID when it is set.
func (s schedStore) bookableDoctors(ctx context.Context, branchID, serviceID, doctorID string) ([]DoctorCard, error) {
	out := []DoctorCard{}
	if doctorID != "" {
		return out, db.Select(ctx, s.db.R, &out, selectBookableDoctor, serviceID, branchID, doctorID)
	}
	return out, db.Select(ctx, s.db.R, &out, selectBookableDoctors, serviceID, branchID)
}

// busyRow is one stretch a doctor and a chair are taken: an active appointment or an
// unexpired hold, with its buffer.
type busyRow struct {
	DoctorID string    `db:"doctor_id"`
	ChairID  string    `db:"chair_id"`
	Start    time.Time `db:"starts_at"`
	Until    time.Time `db:"blocked_until"`
}

// maxBlocked bounds how long one appointment holds its doctor and chair (the schema
// allows 8 h visits and 4 h buffers); it lets the query bound starts_at from below,
// so the (doctor_id, starts_at) and (chair_id, starts_at) indexes are walked only over
// the range.
const maxBlocked = 24 * time.Hour

// selectBusy reads what occupies the doctors or the chairs during a range. An expired
// hold occupies nothing, whether or not a sweeper has released it yet.
const selectBusy = `SELECT doctor_id, chair_id, starts_at, blocked_until FROM appointments
	WHERE (doctor_id IN (?) OR chair_id IN (?))
	AND starts_at >= ? AND starts_at < ? AND blocked_until > ?
	AND status IN ('held', 'booked', 'confirmed', 'arrived', 'seated')
	AND (status <> 'held' OR hold_expires_at > ?)`

// busy returns the stretches that occupy doctors or chairs during a range.
func (s schedStore) busy(ctx context.Context, doctors, chairs []string, during span, now time.Time) ([]busyRow, error) {
	var out []busyRow
	from, to := unixUTC(during.from), unixUTC(during.to)
	return out, s.selectIn(ctx, s.db.R, &out, selectBusy, doctors, chairs, from.Add(-maxBlocked), to, from, now)
}
