package maintenance

import (
	"context"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// store is maintenance's SQL.
type store struct{ db *db.DB }

// jobColumns read a job with its equipment's name and whether its task is still open
// (the desk may have closed it on the task list without recording the job done).
const jobColumns = `j.id, j.branch_id, j.item_id, i.name AS item_name, j.title, j.every_n, j.every_unit,
	j.next_due_on, j.grace_days, j.assignee_id, j.task_id,
	EXISTS (SELECT 1 FROM inbox_tasks t WHERE t.id = j.task_id AND t.status = 'open') AS task_open,
	j.escalated, j.active, j.created_at
	FROM maintenance_jobs j LEFT JOIN inventory_items i ON i.id = j.item_id`

const selectJob = `SELECT ` + jobColumns + ` WHERE j.id = ?`

func (s store) job(ctx context.Context, q db.Q, id string) (Job, error) {
	var j Job
	return j, db.Get(ctx, q, &j, selectJob, id)
}

// selectJobs lists one branch's jobs or every branch's ("" for all), soonest due first.
const selectJobs = `SELECT ` + jobColumns + ` WHERE (? OR j.branch_id = ?) AND (? OR j.active)
	ORDER BY CASE WHEN j.next_due_on IS NULL THEN 1 ELSE 0 END, j.next_due_on, j.title, j.id`

func (s store) jobs(ctx context.Context, branchID string, inactive bool) ([]Job, error) {
	out := []Job{}
	var branch *string
	if branchID != "" {
		branch = &branchID
	}
	return out, db.Select(ctx, s.db.R, &out, selectJobs, branch == nil, branch, inactive)
}

// selectSweep finds the jobs that may need a task or an escalation by upTo, the latest
// local date anywhere: those escalated and with an open task need nothing more.
const selectSweep = `SELECT ` + jobColumns + ` WHERE j.active AND j.next_due_on <= ?
	AND (NOT j.escalated OR NOT EXISTS (SELECT 1 FROM inbox_tasks t WHERE t.id = j.task_id AND t.status = 'open'))
	ORDER BY j.next_due_on, j.id`

func (s store) sweep(ctx context.Context, upTo string) ([]Job, error) {
	out := []Job{}
	return out, db.Select(ctx, s.db.R, &out, selectSweep, upTo)
}

const insertJob = `INSERT INTO maintenance_jobs (id, branch_id, item_id, title, every_n, every_unit, next_due_on,
	grace_days, assignee_id, active, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)`

func (s store) insert(ctx context.Context, q db.Q, j Job) error {
	return db.Exec(ctx, q, insertJob, j.ID, j.BranchID, j.ItemID, j.Title, j.EveryN, j.EveryUnit, j.NextDueOn,
		j.GraceDays, j.AssigneeID, j.CreatedAt)
}

// lockJob takes an active job's row for the transaction (a no-op update: PostgreSQL's
// row lock, SQLite's one writer), so a sweep, a done and an edit never interleave.
const lockJob = `UPDATE maintenance_jobs SET escalated = escalated WHERE id = ? AND active`

func (s store) lock(ctx context.Context, tx db.Tx, id string) error {
	return db.ExecOne(ctx, tx, lockJob, id)
}

const updateJob = `UPDATE maintenance_jobs SET item_id = ?, title = ?, every_n = ?, every_unit = ?, next_due_on = ?,
	grace_days = ?, assignee_id = ?, task_id = ?, escalated = ?, active = ? WHERE id = ?`

func (s store) update(ctx context.Context, tx db.Tx, j Job) error {
	return db.ExecOne(ctx, tx, updateJob, j.ItemID, j.Title, j.EveryN, j.EveryUnit, j.NextDueOn, j.GraceDays,
		j.AssigneeID, j.TaskID, j.Escalated, j.Active, j.ID)
}

const insertDone = `INSERT INTO maintenance_done (id, job_id, due_on, done_at, staff_id, note) VALUES (?, ?, ?, ?, ?, ?)`

func (s store) insertDone(ctx context.Context, tx db.Tx, d Done) error {
	return db.Exec(ctx, tx, insertDone, d.ID, d.JobID, d.DueOn, d.DoneAt, d.StaffID, d.Note)
}

const selectDone = `SELECT id, job_id, due_on, done_at, staff_id, note FROM maintenance_done WHERE job_id = ?
	ORDER BY done_at DESC, id DESC LIMIT ?`

func (s store) history(ctx context.Context, jobID string, limit int) ([]Done, error) {
	out := []Done{}
	return out, db.Select(ctx, s.db.R, &out, selectDone, jobID, limit)
}
