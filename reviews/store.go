package reviews

import (
	"context"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// store is the follow-up calls' SQL; the call list's statements stay prepared.
type store struct {
	db    *db.DB
	reads *db.ReadStatements
}

type ruleRow struct {
	ServiceID string `db:"service_id"`
	Days      *int   `db:"days"`
}

const selectRules = `SELECT service_id, days FROM follow_up_rules`

func (s store) rules(ctx context.Context) (map[string]*int, error) {
	var rows []ruleRow
	if err := db.Select(ctx, s.db.R, &rows, selectRules); err != nil {
		return nil, err
	}
	out := make(map[string]*int, len(rows))
	for _, r := range rows {
		out[r.ServiceID] = r.Days
	}
	return out, nil
}

const selectRule = `SELECT service_id, days FROM follow_up_rules WHERE service_id = ?`

func (s store) rule(ctx context.Context, q db.Q, serviceID string) (*int, bool, error) {
	var r ruleRow
	err := db.Get(ctx, q, &r, selectRule, serviceID)
	if errors.Is(err, db.ErrNotFound) {
		return nil, false, nil
	}
	return r.Days, err == nil, err
}

const upsertRule = `INSERT INTO follow_up_rules (service_id, days, updated_at) VALUES (?, ?, ?)
	ON CONFLICT (service_id) DO UPDATE SET days = excluded.days, updated_at = excluded.updated_at`

func (s store) setRule(ctx context.Context, serviceID string, days *int, now time.Time) error {
	return db.Exec(ctx, s.db.W, upsertRule, serviceID, days, now)
}

const selectSettings = `SELECT branch_id, calls_open, calls_close, max_attempts, retry_minutes, queue, assignee_id,
	updated_at FROM follow_up_settings WHERE branch_id = ?`

func (s store) settings(ctx context.Context, q db.Q, branchID string) (Settings, error) {
	var st Settings
	return st, db.Get(ctx, q, &st, selectSettings, branchID)
}

const upsertSettings = `INSERT INTO follow_up_settings (branch_id, calls_open, calls_close, max_attempts,
	retry_minutes, queue, assignee_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT (branch_id) DO UPDATE SET calls_open = excluded.calls_open, calls_close = excluded.calls_close,
	max_attempts = excluded.max_attempts, retry_minutes = excluded.retry_minutes, queue = excluded.queue,
	assignee_id = excluded.assignee_id, updated_at = excluded.updated_at`

func (s store) setSettings(ctx context.Context, st Settings) error {
	return db.Exec(ctx, s.db.W, upsertSettings, st.BranchID, st.CallsOpen, st.CallsClose, st.MaxAttempts,
		st.RetryMinutes, st.Queue, st.AssigneeID, st.UpdatedAt)
}

const followUpColumns = `f.id, f.branch_id, f.patient_id, f.appointment_id, f.campaign_id, f.doctor_id, f.service_id,
	f.visit_start, f.task_id, f.locale, f.status, f.attempts, f.first_due_at, f.due_at, f.created_at, f.closed_at`

const insertFollowUp = `INSERT INTO follow_ups (id, branch_id, patient_id, appointment_id, campaign_id, doctor_id,
	service_id, visit_start, task_id, locale, status, attempts, first_due_at, due_at, created_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', 0, ?, ?, ?)`

func (s store) insert(ctx context.Context, q db.Q, f FollowUp) error {
	return db.Exec(ctx, q, insertFollowUp, f.ID, f.BranchID, f.PatientID, f.AppointmentID, f.CampaignID, f.DoctorID,
		f.ServiceID, f.VisitStart, f.TaskID, f.Locale, f.FirstDueAt, f.DueAt, f.CreatedAt)
}

const selectVisitFollowUp = `SELECT COUNT(*) FROM follow_ups WHERE appointment_id = ?`

func (s store) hasVisit(ctx context.Context, q db.Q, appointmentID string) (bool, error) {
	var n int
	return n > 0, db.Get(ctx, q, &n, selectVisitFollowUp, appointmentID)
}

const selectFollowUp = `SELECT ` + followUpColumns + ` FROM follow_ups f WHERE f.id = ?`

func (s store) followUp(ctx context.Context, q db.Q, id string) (FollowUp, error) {
	var f FollowUp
	return f, db.Get(ctx, q, &f, selectFollowUp, id)
}

// lockFollowUp takes the row for an attempt (a no-op update: PostgreSQL's row lock,
// SQLite's one writer), so two loggers of one call queue instead of both counting.
const lockFollowUp = `UPDATE follow_ups SET attempts = attempts WHERE id = ?`

func (s store) lock(ctx context.Context, tx db.Tx, id string) (FollowUp, error) {
	if err := db.ExecOne(ctx, tx, lockFollowUp, id); err != nil {
		return FollowUp{}, err
	}
	return s.followUp(ctx, tx, id)
}

const updateFollowUp = `UPDATE follow_ups SET status = ?, attempts = ?, due_at = ?, closed_at = ? WHERE id = ?`

func (s store) update(ctx context.Context, q db.Q, f FollowUp) error {
	return db.ExecOne(ctx, q, updateFollowUp, f.Status, f.Attempts, f.DueAt, f.ClosedAt, f.ID)
}

const insertAttempt = `INSERT INTO follow_up_attempts (follow_up_id, number, staff_id, due_at, at, outcome, note)
	VALUES (?, ?, ?, ?, ?, ?, ?)`

func (s store) attempt(ctx context.Context, q db.Q, a Attempt) error {
	return db.Exec(ctx, q, insertAttempt, a.FollowUpID, a.Number, a.StaffID, a.DueAt, a.At, a.Outcome, a.Note)
}

const selectAttempts = `SELECT a.follow_up_id, a.number, a.staff_id, a.due_at, a.at, a.outcome, a.note
	FROM follow_up_attempts a WHERE a.follow_up_id IN (?) ORDER BY a.follow_up_id, a.number`

func (s store) attempts(ctx context.Context, ids []string) (map[string][]Attempt, error) {
	out := map[string][]Attempt{}
	if len(ids) == 0 {
		return out, nil
	}
	query, args, err := sqlx.In(selectAttempts, ids)
	if err != nil {
		return nil, err
	}
	var rows []Attempt
	if err := s.reads.Select(ctx, &rows, query, args...); err != nil {
		return nil, err
	}
	for _, a := range rows {
		out[a.FollowUpID] = append(out[a.FollowUpID], a)
	}
	return out, nil
}

// callQuery is one page's walk of the call list.
type callQuery struct {
	CallFilter
	me       string
	now      time.Time
	before   time.Time
	afterDue time.Time
	afterID  string
}

// selectCalls walks the branch's open follow-ups by (due_at, id), the index's order, so
// a page reads only its own rows however long the list is.
const selectCalls = `SELECT ` + followUpColumns + `, p.first_name || ' ' || p.last_name AS patient_name,
	p.phone AS patient_phone, COALESCE(sv.names, '{}') AS service_names, d.display_name AS doctor_name,
	c.name AS campaign_name, c.script AS campaign_script, t.assignee_id, t.claimed_by, t.claimed_until
	FROM follow_ups f
	JOIN inbox_tasks t ON t.id = f.task_id
	JOIN patients p ON p.id = f.patient_id
	LEFT JOIN services sv ON sv.id = f.service_id
	LEFT JOIN doctors d ON d.id = f.doctor_id
	LEFT JOIN campaigns c ON c.id = f.campaign_id
	WHERE f.branch_id = ? AND f.status = 'open' AND f.due_at < ?
	AND (f.due_at > ? OR (f.due_at = ? AND f.id > ?))
	AND t.status = 'open' AND (t.claimed_until IS NULL OR t.claimed_until <= ? OR t.claimed_by = ?)
	AND (? OR t.assignee_id = ?) AND (? OR f.campaign_id = ?)
	ORDER BY f.due_at, f.id LIMIT ?`

func (s store) calls(ctx context.Context, q callQuery) ([]Call, error) {
	out := []Call{}
	return out, s.reads.Select(ctx, &out, selectCalls, q.BranchID, q.before, q.afterDue, q.afterDue,
		nullable(q.afterID), q.now, nullable(q.me), !q.Mine, nullable(q.me), q.CampaignID == "", nullable(q.CampaignID),
		q.Limit+1)
}

const campaignColumns = `id, branch_id, name, purpose, consent_channel, source, script, created_by, created_at,
	patients, skipped`

const insertCampaign = `INSERT INTO campaigns (` + campaignColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0)`

func (s store) insertCampaign(ctx context.Context, q db.Q, c Campaign) error {
	return db.Exec(ctx, q, insertCampaign, c.ID, c.BranchID, c.Name, c.Purpose, c.ConsentChannel, c.Source, c.Script,
		c.CreatedBy, c.CreatedAt)
}

const countCampaign = `UPDATE campaigns SET patients = ?, skipped = ? WHERE id = ?`

func (s store) countCampaign(ctx context.Context, q db.Q, c Campaign) error {
	return db.ExecOne(ctx, q, countCampaign, c.Patients, c.Skipped, c.ID)
}

const selectCampaigns = `SELECT ` + campaignColumns + ` FROM campaigns WHERE branch_id = ?
	ORDER BY created_at DESC, id DESC LIMIT 200`

func (s store) campaigns(ctx context.Context, branchID string) ([]Campaign, error) {
	out := []Campaign{}
	return out, db.Select(ctx, s.db.R, &out, selectCampaigns, branchID)
}

const selectCampaign = `SELECT ` + campaignColumns + ` FROM campaigns WHERE id = ?`

func (s store) campaign(ctx context.Context, id string) (Campaign, error) {
	var c Campaign
	return c, db.Get(ctx, s.db.R, &c, selectCampaign, id)
}

type reachRow struct {
	Attempted int `db:"attempted"`
	First     int `db:"first"`
	Second    int `db:"second"`
	Overall   int `db:"overall"`
}

// selectReach counts follow-ups by their first call in the period and how the first,
// the second and any call went.
const selectReach = `SELECT COUNT(*) AS attempted,
	COALESCE(SUM(CASE WHEN a1.outcome = 'reached' THEN 1 ELSE 0 END), 0) AS first,
	COALESCE(SUM(CASE WHEN a1.outcome = 'reached' OR a2.outcome = 'reached' THEN 1 ELSE 0 END), 0) AS second,
	COALESCE(SUM(CASE WHEN f.status = 'reached' THEN 1 ELSE 0 END), 0) AS overall
	FROM follow_ups f
	JOIN follow_up_attempts a1 ON a1.follow_up_id = f.id AND a1.number = 1
	LEFT JOIN follow_up_attempts a2 ON a2.follow_up_id = f.id AND a2.number = 2
	WHERE f.branch_id = ? AND (? OR f.campaign_id = ?) AND a1.at >= ? AND a1.at < ?`

func (s store) reach(ctx context.Context, branchID, campaignID string, from, to time.Time) (Reach, error) {
	var r reachRow
	err := db.Get(ctx, s.db.R, &r, selectReach, branchID, campaignID == "", nullable(campaignID), from, to)
	return Reach{Attempted: r.Attempted, FirstAttempt: share(r.First, r.Attempted),
		SecondAttempt: share(r.Second, r.Attempted), Overall: share(r.Overall, r.Attempted)}, err
}

// selectSlots lists every call due in the period: the attempts made (each was due at
// its due_at, made by its caller) and the open follow-ups' next calls (owed by their
// task's assignee, or the queue).
const selectSlots = `SELECT a.due_at, a.staff_id, a.at AS made_at
	FROM follow_up_attempts a JOIN follow_ups f ON f.id = a.follow_up_id
	WHERE f.branch_id = ? AND (? OR f.campaign_id = ?) AND a.due_at >= ? AND a.due_at < ?
	UNION ALL
	SELECT f.due_at, t.assignee_id AS staff_id, NULL AS made_at
	FROM follow_ups f JOIN inbox_tasks t ON t.id = f.task_id
	WHERE f.branch_id = ? AND (? OR f.campaign_id = ?) AND f.status = 'open' AND f.due_at >= ? AND f.due_at < ?`

func (s store) slots(ctx context.Context, branchID, campaignID string, from, to time.Time) ([]slot, error) {
	out := []slot{}
	all, camp := campaignID == "", nullable(campaignID)
	return out, db.Select(ctx, s.db.R, &out, selectSlots, branchID, all, camp, from, to, branchID, all, camp, from, to)
}

const selectOpenFor = `SELECT ` + followUpColumns + ` FROM follow_ups f WHERE f.patient_id = ? AND f.status = 'open'`

func (s store) openFor(ctx context.Context, q db.Q, patientID string) ([]FollowUp, error) {
	out := []FollowUp{}
	return out, db.Select(ctx, q, &out, selectOpenFor, patientID)
}
