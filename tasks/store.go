package tasks

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// store runs the queue's statements; the rules live in service.go.
type store struct{ db *db.DB }

const insertTask = `INSERT INTO inbox_tasks (id, kind, patient_id, appointment_id, branch_id, inbound_id, outbox_id, text,
	status, created_at, due_at, queue, assignee_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)`

func (s store) insert(ctx context.Context, q db.Q, id string, n New) error {
	return db.Exec(ctx, q, insertTask, id, n.Kind, n.PatientID, n.AppointmentID, n.BranchID, n.InboundID, n.OutboxID,
		n.Text, n.At, n.DueAt, n.Queue, n.AssigneeID)
}

const taskColumns = `t.id, t.kind, t.patient_id, t.appointment_id, t.branch_id, t.inbound_id, t.outbox_id, t.text,
	t.status, t.created_at, t.due_at, t.queue, t.assignee_id, t.claimed_by, t.claimed_until,
	t.done_at, t.done_by, t.done_note,
	(SELECT COUNT(*) FROM task_attempts x WHERE x.task_id = t.id) AS attempt_count,
	(SELECT x.outcome FROM task_attempts x WHERE x.task_id = t.id ORDER BY x.at DESC, x.id DESC LIMIT 1) AS last_outcome,
	p.first_name || ' ' || p.last_name AS patient_name, p.phone AS patient_phone,
	a.starts_at AS appointment_start, a.status AS appointment_status
	FROM inbox_tasks t LEFT JOIN patients p ON p.id = t.patient_id LEFT JOIN appointments a ON a.id = t.appointment_id`

// selectTasks pages newest first by (created_at, id). Each optional filter is a flag
// that switches it off, so the statement stays whole; the first page passes a zero
// cursor, which its flag lets through. Open tasks under someone else's live claim are
// left out unless all statuses are asked for.
const selectTasks = `SELECT ` + taskColumns + `
	WHERE (? = 'all' OR t.status = ?) AND (? = '' OR t.kind = ?) AND (? = '' OR t.queue = ?)
	AND (? OR t.branch_id = ?)
	AND (? OR t.assignee_id = ?)
	AND (? OR t.due_at < ?)
	AND (? OR t.branch_id IS NULL OR t.branch_id IN (SELECT sb.branch_id FROM staff_branches sb WHERE sb.staff_id = ?))
	AND (? = 'all' OR t.status <> 'open' OR t.claimed_until IS NULL OR t.claimed_until <= ? OR t.claimed_by = ?)
	AND (? OR t.created_at < ? OR (t.created_at = ? AND t.id < ?))
	ORDER BY t.created_at DESC, t.id DESC LIMIT ?`

// listing is a Filter resolved for one caller at one instant.
type listing struct {
	Filter
	me       *string
	narrowed bool
	now      time.Time
	at       time.Time
	after    string
}

func (s store) list(ctx context.Context, l listing) ([]Task, error) {
	first := l.after == ""
	if first {
		l.after = zeroUUID
	}
	var due time.Time
	if l.DueBefore != nil {
		due = *l.DueBefore
	}
	out := []Task{}
	return out, db.Select(ctx, s.db.R, &out, selectTasks, l.Status, l.Status, l.Kind, l.Kind, l.Queue, l.Queue,
		l.BranchID == "", nullable(l.BranchID), !l.Mine, l.me, l.DueBefore == nil, due,
		!l.narrowed, l.me, l.Status, l.now, l.me, first, l.at, l.at, l.after, l.Limit+1)
}

// zeroUUID stands in for "no cursor" where PostgreSQL wants a UUID.
const zeroUUID = "00000000-0000-0000-0000-000000000000"

const selectTask = `SELECT ` + taskColumns + ` WHERE t.id = ?`

func (s store) task(ctx context.Context, q db.Q, id string) (Task, error) {
	var t Task
	return t, db.Get(ctx, q, &t, selectTask, id)
}

// claimGuard is the condition every change by a staff member shares: the task is open
// and nobody else holds a live claim on it. Run as part of one UPDATE, it is the
// whole race: of many claimers exactly one row update wins.
const claimGuard = ` AND status = 'open' AND (claimed_until IS NULL OR claimed_until <= ? OR claimed_by = ?)`

const claimTask = `UPDATE inbox_tasks SET claimed_by = ?, claimed_until = ? WHERE id = ?` + claimGuard

func (s store) claim(ctx context.Context, id, by string, now, until time.Time) error {
	return db.ExecOne(ctx, s.db.W, claimTask, by, until, id, now, by)
}

const releaseTask = `UPDATE inbox_tasks SET claimed_by = NULL, claimed_until = NULL WHERE id = ?` + claimGuard

func (s store) release(ctx context.Context, id, by string, now time.Time) error {
	return db.ExecOne(ctx, s.db.W, releaseTask, id, now, by)
}

const markDone = `UPDATE inbox_tasks SET status = 'done', done_at = ?, done_by = ?, done_note = ? WHERE id = ?` + claimGuard

func (s store) done(ctx context.Context, id string, by *string, note string, now time.Time) error {
	return db.ExecOne(ctx, s.db.W, markDone, now, by, note, id, now, by)
}

// lockTask takes the task's row for an attempt: the no-op update holds the row lock
// on PostgreSQL (SQLite's transaction is IMMEDIATE) until the attempt is written, so
// a claim cannot slip in between.
const lockTask = `UPDATE inbox_tasks SET claimed_until = claimed_until WHERE id = ?` + claimGuard

const insertAttempt = `INSERT INTO task_attempts (id, task_id, staff_id, at, outcome, note) VALUES (?, ?, ?, ?, ?, ?)`

func (s store) attempt(ctx context.Context, a Attempt) error {
	return s.db.InTx(ctx, func(tx db.Tx) error {
		if err := db.ExecOne(ctx, tx, lockTask, a.TaskID, a.At, a.StaffID); err != nil {
			return err
		}
		return db.Exec(ctx, tx, insertAttempt, a.ID, a.TaskID, a.StaffID, a.At, a.Outcome, a.Note)
	})
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

const closeMoot = `UPDATE inbox_tasks SET status = 'done', done_at = ?, done_note = ?, claimed_by = NULL, claimed_until = NULL
	WHERE id = ? AND status = 'open'`

func (s store) closeIn(ctx context.Context, q db.Q, id, note string, now time.Time) error {
	return db.Exec(ctx, q, closeMoot, now, note, id)
}

const countOpenFor = `SELECT COUNT(*) FROM inbox_tasks WHERE patient_id = ? AND status = 'open'`

func (s store) openFor(ctx context.Context, patientID string) (int, error) {
	var n int
	return n, db.Get(ctx, s.db.R, &n, countOpenFor, patientID)
}
