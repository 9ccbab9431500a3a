package reminders

import (
	"context"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// store runs reminders' SQL; hot keeps the statements of planning one visit prepared on
// the writer (they run inside every booking's transaction).
type store struct {
	db  *db.DB
	hot *db.TxStatements
}

// warm prepares the hot statements: a visit's facts, its branch's rules and the inserts
// of its 1-3 plans.
func (s store) warm(ctx context.Context) error {
	return s.hot.Prepare(ctx, []string{selectVisit, selectRules, insertPlansSQL(1), insertPlansSQL(2), insertPlansSQL(3)}, nil)
}

// plannedVisit is what planning needs to know of one appointment, read in one statement on
// the caller's transaction (on SQLite a read elsewhere would wait for its connection).
type plannedVisit struct {
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
	Address       string    `db:"address"`
	// ConfirmBooking is whether the branch confirms bookings from the visit's source.
	ConfirmBooking bool `db:"confirm_booking"`
	// Version is the newest plan version of the visit (0: never planned).
	Version int `db:"version"`
	// manageLink is the (short) link made for the first of the visit's texts in one
	// transaction, which the others reuse: one link serves them all.
	manageLink string
	// source is how a visit read before it is stored (facts) is being booked.
	source visit.Source
}

const (
	visitFields = `SELECT a.id AS appointment_id, a.branch_id, a.patient_id, a.status, a.starts_at, a.ends_at,
	COALESCE(p.phone, '') AS phone, COALESCE(p.email, '') AS email, COALESCE(p.locale, b.locale) AS locale,
	b.name AS clinic, b.phone AS branch_phone, b.time_zone, s.names AS service_names, d.display_name AS doctor,
	rs.settings`
	visitFrom = ` FROM appointments a
	JOIN branches b ON b.id = a.branch_id
	JOIN services s ON s.id = a.service_id
	JOIN doctors d ON d.id = a.doctor_id
	LEFT JOIN patients p ON p.id = a.patient_id
	LEFT JOIN reminder_settings rs ON rs.branch_id = a.branch_id`
)

const selectVisit = visitFields + `,
	COALESCE((SELECT MAX(rp.version) FROM reminder_plans rp WHERE rp.appointment_id = a.id), 0) AS version,
	b.address, COALESCE((SELECT bc.enabled FROM booking_confirmations bc
		WHERE bc.branch_id = a.branch_id AND bc.source = a.source), TRUE) AS confirm_booking` +
	visitFrom + ` WHERE a.id = ?`

func (s store) visit(ctx context.Context, tx db.Tx, appointmentID string) (plannedVisit, error) {
	var v plannedVisit
	return v, s.hot.Get(ctx, tx, &v, selectVisit, appointmentID)
}

// selectUpcoming pages a branch's active visits after now by (starts_at, id).
// selectUpcoming takes the page from appointments alone, then joins: the plain lower
// bound on starts_at starts the (branch_id, starts_at) index at the cursor, and the
// join never runs for rows past the page, whatever the planner believes of row counts.
// Only what planning needs is read (the branch's rules and zone come once, from
// branchFacts; versions from versionsOf, one query a page).
const selectUpcoming = `SELECT a.id AS appointment_id, a.branch_id, a.patient_id, a.status, a.starts_at,
	a.ends_at, COALESCE(p.phone, '') AS phone, COALESCE(p.email, '') AS email
	FROM (SELECT id, branch_id, patient_id, status, starts_at, ends_at FROM appointments
		WHERE branch_id = ? AND status IN ('booked', 'confirmed') AND starts_at >= ? AND (starts_at > ? OR id > ?)
		ORDER BY starts_at, id LIMIT ?) a
	LEFT JOIN patients p ON p.id = a.patient_id
	ORDER BY a.starts_at, a.id`

// upcoming pages the branch's active visits after the cursor (the first page's cursor
// is now, with the least id).
func (s store) upcoming(ctx context.Context, branchID string, after plannedVisit, limit int) ([]plannedVisit, error) {
	var out []plannedVisit
	if err := db.Select(ctx, s.db.R, &out, selectUpcoming, branchID, after.StartsAt, after.StartsAt,
		after.AppointmentID, limit); err != nil || len(out) == 0 {
		return out, err
	}
	return out, s.versionsOf(ctx, out)
}

const selectBranchFacts = `SELECT b.time_zone, rs.settings FROM branches b
	LEFT JOIN reminder_settings rs ON rs.branch_id = b.id WHERE b.id = ?`

// branchFacts reads a branch's zone and stored rules into an otherwise empty visit.
func (s store) branchFacts(ctx context.Context, branchID string) (plannedVisit, error) {
	v := plannedVisit{BranchID: branchID}
	return v, db.Get(ctx, s.db.R, &v, selectBranchFacts, branchID)
}

const selectVersions = `SELECT appointment_id, MAX(version) AS version FROM reminder_plans
	WHERE appointment_id IN (?) GROUP BY appointment_id`

// versionsOf fills in each visit's newest plan version.
func (s store) versionsOf(ctx context.Context, visits []plannedVisit) error {
	ids := make([]string, len(visits))
	for i, v := range visits {
		ids[i] = v.AppointmentID
	}
	query, args, err := sqlx.In(selectVersions, ids)
	if err != nil {
		return err
	}
	var rows []struct {
		ID      string `db:"appointment_id"`
		Version int    `db:"version"`
	}
	if err := db.Select(ctx, s.db.R, &rows, query, args...); err != nil {
		return err
	}
	byID := make(map[string]int, len(rows))
	for _, r := range rows {
		byID[r.ID] = r.Version
	}
	for i := range visits {
		visits[i].Version = byID[visits[i].AppointmentID]
	}
	return nil
}

const planColumns = `appointment_id, rule, version, template, due_at, status, updated_at`

// planKey is a plan's outbox key (Plan.Key) in SQL, for finding its outbox row.
const planKey = `('reminder:' || rp.appointment_id || ':' || rp.rule || ':' || rp.version)`

// planTuple is one row of insertPlans; a batch repeats it (see insertPlansSQL).
const (
	insertPlans = `INSERT INTO reminder_plans (` + planColumns + `) VALUES `
	planTuple   = `(?, ?, ?, ?, ?, ?, ?)`
	onPlanClash = ` ON CONFLICT (appointment_id, rule, version) DO NOTHING`
)

// insertPlansSQL is insertPlans with n tuples: one statement carries a whole batch, so
// planning thousands of visits is a few round trips, not one per reminder. Only the
// count varies; the values are always bound.
func insertPlansSQL(n int) string {
	return insertPlans + strings.TrimSuffix(strings.Repeat(planTuple+", ", n), ", ") + onPlanClash
}

// maxPlansPerInsert keeps a batch's bound values (7 per row) under SQLite's limit of
// 32 766 (PostgreSQL allows 65 535): a page of 1 000 visits is one statement.
const maxPlansPerInsert = 4000

func (s store) insertPlans(ctx context.Context, tx db.Tx, plans []Plan) error {
	for len(plans) > 0 {
		n := min(len(plans), maxPlansPerInsert)
		args := make([]any, 0, n*7)
		for _, p := range plans[:n] {
			args = append(args, p.AppointmentID, p.Rule, p.Version, p.Template, p.DueAt, p.Status, p.UpdatedAt)
		}
		if err := s.hot.Later(ctx, tx, insertPlansSQL(n), args...); err != nil {
			return err
		}
		plans = plans[n:]
	}
	return nil
}

// cancelPlans withdraws a visit's reminders not yet sent: planned ones, and queued ones
// whose outbox row the outbox has just cancelled (one being sent is past recall).
const cancelPlans = `UPDATE reminder_plans AS rp SET status = 'cancelled', updated_at = ?
	WHERE rp.appointment_id = ? AND (rp.status = 'planned' OR (rp.status = 'queued' AND NOT EXISTS (
		SELECT 1 FROM outbox o WHERE o.dedupe_key = ` + planKey + ` AND o.status <> 'cancelled')))`

func (s store) cancel(ctx context.Context, q db.Q, appointmentID string, now time.Time) error {
	return db.Exec(ctx, q, cancelPlans, now, appointmentID)
}

const markQueued = `UPDATE reminder_plans SET status = 'queued', updated_at = ?
	WHERE appointment_id = ? AND rule = ? AND version = ? AND status = 'planned'`

func (s store) queued(ctx context.Context, q db.Q, p Plan, now time.Time) error {
	return db.Exec(ctx, q, markQueued, now, p.AppointmentID, p.Rule, p.Version)
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
const markSent = `UPDATE reminder_plans AS rp SET status = 'sent', updated_at = ?
	WHERE rp.status = 'queued' AND rp.due_at <= ? AND EXISTS (SELECT 1 FROM outbox o
		WHERE o.dedupe_key = ` + planKey + ` AND o.status IN ('sent', 'delivered'))`

func (s store) markSent(ctx context.Context, now time.Time) error {
	return db.Exec(ctx, s.db.W, markSent, now, now)
}

// selectStale finds visits with live reminders that no longer need them: the visit
// was cancelled, moved, missed or has begun.
const selectStale = `SELECT DISTINCT rp.appointment_id FROM reminder_plans rp
	JOIN appointments a ON a.id = rp.appointment_id
	WHERE rp.due_at <= ? AND (rp.status = 'planned' OR (rp.status = 'queued' AND EXISTS (
		SELECT 1 FROM outbox o WHERE o.dedupe_key = ` + planKey + ` AND o.status = 'pending')))
	AND (a.status NOT IN ('booked', 'confirmed') OR a.starts_at <= ?) LIMIT ?`

func (s store) stale(ctx context.Context, horizon, now time.Time, limit int) ([]string, error) {
	var ids []string
	return ids, db.Select(ctx, s.db.R, &ids, selectStale, horizon, now, limit)
}

// selectToQueue finds plans coming due that have no outbox row: planned ones, and
// queued ones whose row is missing.
const selectToQueue = `SELECT ` + planColumns + ` FROM reminder_plans rp
	WHERE rp.due_at <= ? AND (rp.status = 'planned' OR (rp.status = 'queued' AND NOT EXISTS (
		SELECT 1 FROM outbox o WHERE o.dedupe_key = ` + planKey + `)))
	ORDER BY rp.due_at LIMIT ?`

func (s store) toQueue(ctx context.Context, horizon time.Time, limit int) ([]Plan, error) {
	var out []Plan
	return out, db.Select(ctx, s.db.R, &out, selectToQueue, horizon, limit)
}

const selectConfirmationsOff = `SELECT source FROM booking_confirmations WHERE branch_id = ? AND NOT enabled`

// confirmationsOff lists the sources whose bookings the branch does not confirm.
func (s store) confirmationsOff(ctx context.Context, branchID string) ([]string, error) {
	out := []string{}
	return out, db.Select(ctx, s.db.R, &out, selectConfirmationsOff, branchID)
}

const upsertConfirmation = `INSERT INTO booking_confirmations (branch_id, source, enabled, updated_at) VALUES (?, ?, ?, ?)
	ON CONFLICT (branch_id, source) DO UPDATE SET enabled = excluded.enabled, updated_at = excluded.updated_at`

func (s store) saveConfirmation(ctx context.Context, q db.Q, branchID, source string, on bool, now time.Time) error {
	return db.Exec(ctx, q, upsertConfirmation, branchID, source, on, now)
}
