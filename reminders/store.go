package reminders

import (
	"context"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

type store struct{ db *db.DB }

// visit is what planning needs to know of one appointment, read in one statement on
// the caller's transaction (on SQLite a read elsewhere would wait for its connection).
type visit struct {
	AppointmentID string    `db:"appointment_id"`
	BranchID      string    `db:"branch_id"`
	PatientID     *string   `db:"patient_id"`
	Status        string    `db:"status"`
	StartsAt      time.Time `db:"starts_at"`
	EndsAt        time.Time `db:"ends_at"`
	Phone         string    `db:"phone"`
	Email         string    `db:"email"`
	Locale        string    `db:"locale"`
	Clinic        string    `db:"clinic"`
	BranchPhone   string    `db:"branch_phone"`
	TimeZone      string    `db:"time_zone"`
	ServiceNames  string    `db:"service_names"`
	Doctor        string    `db:"doctor"`
	Settings      *string   `db:"settings"`
	// Version is the newest plan version of the visit (0: never planned).
	Version int `db:"version"`
}

const visitColumns = `SELECT a.id AS appointment_id, a.branch_id, a.patient_id, a.status, a.starts_at, a.ends_at,
	COALESCE(p.phone, '') AS phone, COALESCE(p.email, '') AS email, COALESCE(p.locale, b.locale) AS locale,
	b.name AS clinic, b.phone AS branch_phone, b.time_zone, s.names AS service_names, d.display_name AS doctor,
	rs.settings,
	COALESCE((SELECT MAX(rp.version) FROM reminder_plans rp WHERE rp.appointment_id = a.id), 0) AS version
	FROM appointments a
	JOIN branches b ON b.id = a.branch_id
	JOIN services s ON s.id = a.service_id
	JOIN doctors d ON d.id = a.doctor_id
	LEFT JOIN patients p ON p.id = a.patient_id
	LEFT JOIN reminder_settings rs ON rs.branch_id = a.branch_id`

const selectVisit = visitColumns + ` WHERE a.id = ?`

func (s store) visit(ctx context.Context, q db.Q, appointmentID string) (visit, error) {
	var v visit
	return v, db.Get(ctx, q, &v, selectVisit, appointmentID)
}

// selectUpcoming pages a branch's active visits after now by (starts_at, id).
const selectUpcoming = visitColumns + ` WHERE a.branch_id = ? AND a.status IN ('booked', 'confirmed')
	AND a.starts_at > ? AND (a.starts_at > ? OR (a.starts_at = ? AND a.id > ?))
	ORDER BY a.starts_at, a.id LIMIT ?`

func (s store) upcoming(ctx context.Context, branchID string, now time.Time, after visit, limit int) ([]visit, error) {
	var out []visit
	return out, db.Select(ctx, s.db.R, &out, selectUpcoming, branchID, now, after.StartsAt, after.StartsAt,
		after.AppointmentID, limit)
}

const planColumns = `id, appointment_id, branch_id, rule, version, template, outbox_key, due_at, status, created_at, updated_at`

// planTuple is one row of insertPlans; a batch repeats it (see insertPlansSQL).
const (
	insertPlans = `INSERT INTO reminder_plans (` + planColumns + `) VALUES `
	planTuple   = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	onPlanClash = ` ON CONFLICT (appointment_id, rule, version) DO NOTHING`
)

// insertPlansSQL is insertPlans with n tuples: one statement carries a whole batch, so
// planning thousands of visits is a few round trips, not one per reminder. Only the
// count varies; the values are always bound.
func insertPlansSQL(n int) string {
	return insertPlans + strings.TrimSuffix(strings.Repeat(planTuple+", ", n), ", ") + onPlanClash
}

// maxPlansPerInsert keeps a batch's bound values (11 per row) under SQLite's limit.
const maxPlansPerInsert = 500

func (s store) insertPlans(ctx context.Context, q db.Q, plans []Plan) error {
	for len(plans) > 0 {
		n := min(len(plans), maxPlansPerInsert)
		args := make([]any, 0, n*11)
		for _, p := range plans[:n] {
			args = append(args, p.ID, p.AppointmentID, p.BranchID, p.Rule, p.Version, p.Template, p.Key(),
				p.DueAt, p.Status, p.CreatedAt, p.UpdatedAt)
		}
		if err := db.Exec(ctx, q, insertPlansSQL(n), args...); err != nil {
			return err
		}
		plans = plans[n:]
	}
	return nil
}

// cancelPlans withdraws a visit's reminders not yet sent: planned ones, and queued ones
// whose outbox row the outbox has just cancelled (one being sent is past recall).
const cancelPlans = `UPDATE reminder_plans SET status = 'cancelled', updated_at = ?
	WHERE appointment_id = ? AND (status = 'planned' OR (status = 'queued' AND NOT EXISTS (
		SELECT 1 FROM outbox o WHERE o.dedupe_key = reminder_plans.outbox_key AND o.status <> 'cancelled')))`

func (s store) cancel(ctx context.Context, q db.Q, appointmentID string, now time.Time) error {
	return db.Exec(ctx, q, cancelPlans, now, appointmentID)
}

const markQueued = `UPDATE reminder_plans SET status = 'queued', updated_at = ? WHERE id = ? AND status = 'planned'`

func (s store) queued(ctx context.Context, q db.Q, id string, now time.Time) error {
	return db.Exec(ctx, q, markQueued, now, id)
}

const selectSettings = `SELECT settings FROM reminder_settings WHERE branch_id = ?`

func (s store) settings(ctx context.Context, branchID string) (string, error) {
	var text string
	return text, db.Get(ctx, s.db.R, &text, selectSettings, branchID)
}

const upsertSettings = `INSERT INTO reminder_settings (branch_id, settings, updated_at) VALUES (?, ?, ?)
	ON CONFLICT (branch_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`

func (s store) saveSettings(ctx context.Context, q db.Q, branchID, text string, now time.Time) error {
	return db.Exec(ctx, q, upsertSettings, branchID, text, now)
}

const countBranch = `SELECT COUNT(*) FROM branches WHERE id = ?`

func (s store) branchExists(ctx context.Context, branchID string) (bool, error) {
	var n int
	return n > 0, db.Get(ctx, s.db.R, &n, countBranch, branchID)
}

const selectPlans = `SELECT ` + planColumns + ` FROM reminder_plans WHERE appointment_id = ? ORDER BY version, due_at, rule`

// plans lists every plan of a visit, old versions too.
func (s store) plans(ctx context.Context, appointmentID string) ([]Plan, error) {
	out := []Plan{}
	return out, db.Select(ctx, s.db.R, &out, selectPlans, appointmentID)
}

// markSent closes the plans whose outbox row has gone out.
const markSent = `UPDATE reminder_plans SET status = 'sent', updated_at = ?
	WHERE status = 'queued' AND due_at <= ? AND EXISTS (SELECT 1 FROM outbox o
		WHERE o.dedupe_key = reminder_plans.outbox_key AND o.status IN ('sent', 'delivered'))`

func (s store) markSent(ctx context.Context, now time.Time) error {
	return db.Exec(ctx, s.db.W, markSent, now, now)
}

// selectStale finds visits with live reminders that no longer need them: the visit
// was cancelled, moved, missed or has begun.
const selectStale = `SELECT DISTINCT rp.appointment_id FROM reminder_plans rp
	JOIN appointments a ON a.id = rp.appointment_id
	WHERE rp.due_at <= ? AND (rp.status = 'planned' OR (rp.status = 'queued' AND EXISTS (
		SELECT 1 FROM outbox o WHERE o.dedupe_key = rp.outbox_key AND o.status = 'pending')))
	AND (a.status NOT IN ('booked', 'confirmed') OR a.starts_at <= ?) LIMIT ?`

func (s store) stale(ctx context.Context, horizon, now time.Time, limit int) ([]string, error) {
	var ids []string
	return ids, db.Select(ctx, s.db.R, &ids, selectStale, horizon, now, limit)
}

// selectToQueue finds plans coming due that have no outbox row: planned ones, and
// queued ones whose row is missing.
const selectToQueue = `SELECT ` + planColumns + ` FROM reminder_plans rp
	WHERE rp.due_at <= ? AND (rp.status = 'planned' OR (rp.status = 'queued' AND NOT EXISTS (
		SELECT 1 FROM outbox o WHERE o.dedupe_key = rp.outbox_key)))
	ORDER BY rp.due_at, rp.id LIMIT ?`

func (s store) toQueue(ctx context.Context, horizon time.Time, limit int) ([]Plan, error) {
	var out []Plan
	return out, db.Select(ctx, s.db.R, &out, selectToQueue, horizon, limit)
}
