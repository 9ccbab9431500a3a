package messaging

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

const insertTask = `INSERT INTO inbox_tasks (id, kind, patient_id, appointment_id, branch_id, inbound_id, outbox_id, text,
	status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)`

func (s store) openTask(ctx context.Context, q db.Q, t newTask, at time.Time) error {
	return db.Exec(ctx, q, insertTask, newID(), t.Kind, t.PatientID, t.AppointmentID, t.BranchID, t.InboundID, t.OutboxID,
		t.Text, at)
}

const taskColumns = `t.id, t.kind, t.patient_id, t.appointment_id, t.branch_id, t.inbound_id, t.outbox_id, t.text,
	t.status, t.created_at, t.done_at, t.done_by,
	p.first_name || ' ' || p.last_name AS patient_name, p.phone AS patient_phone,
	a.starts_at AS appointment_start, a.status AS appointment_status
	FROM inbox_tasks t LEFT JOIN patients p ON p.id = t.patient_id LEFT JOIN appointments a ON a.id = t.appointment_id`

// selectTasks pages newest first by (created_at, id); the first page passes a zero
// cursor, which the OR lets through.
const selectTasks = `SELECT ` + taskColumns + `
	WHERE (? = 'all' OR t.status = ?) AND (? = '' OR t.kind = ?)
	AND (? OR t.created_at < ? OR (t.created_at = ? AND t.id < ?))
	ORDER BY t.created_at DESC, t.id DESC LIMIT ?`

func (s store) tasks(ctx context.Context, f TaskFilter, at time.Time, id string) ([]Task, error) {
	first := id == ""
	if first {
		id = zeroUUID
	}
	out := []Task{}
	return out, db.Select(ctx, s.db.R, &out, selectTasks, f.Status, f.Status, f.Kind, f.Kind, first, at, at, id, f.Limit+1)
}

// zeroUUID stands in for "no cursor" where PostgreSQL wants a UUID.
const zeroUUID = "00000000-0000-0000-0000-000000000000"

const selectTask = `SELECT ` + taskColumns + ` WHERE t.id = ?`

func (s store) task(ctx context.Context, id string) (Task, error) {
	var t Task
	return t, db.Get(ctx, s.db.R, &t, selectTask, id)
}

const markTaskDone = `UPDATE inbox_tasks SET status = 'done', done_at = ?, done_by = ? WHERE id = ? AND status = 'open'`

func (s store) doneTask(ctx context.Context, id string, at time.Time, by string) error {
	return db.ExecOne(ctx, s.db.W, markTaskDone, at, nullable(by), id)
}
