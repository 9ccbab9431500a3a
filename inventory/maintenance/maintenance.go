// Package maintenance keeps the clinic's recurring chores per branch or per piece of
// equipment (clean the coffee machine every 2 weeks, the sterilizer's spore test
// weekly, the compressor's yearly service, a one-off "call the plumber"): when each is
// due in the branch's own calendar, who did it and how it went. A sweep turns due jobs
// into tasks and escalates one overdue past its grace period to the branch's manager.
package maintenance

import (
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// The units a job recurs in.
const (
	Day   = "day"
	Week  = "week"
	Month = "month"
	Year  = "year"
)

// Units lists every unit, as the database's CHECK does.
var Units = []string{Day, Week, Month, Year}

// The states of a job on a given local date.
const (
	Upcoming = "upcoming"
	Due      = "due"
	Overdue  = "overdue"
	Inactive = "inactive"
)

// Job is one chore of a branch, optionally about one item (the equipment). EveryN and
// EveryUnit are both nil for a one-off. NextDueOn is a date in the branch's calendar.
type Job struct {
	ID         string  `db:"id"`
	BranchID   string  `db:"branch_id"`
	ItemID     *string `db:"item_id"`
	ItemName   *string `db:"item_name"`
	Title      string  `db:"title"`
	EveryN     *int    `db:"every_n"`
	EveryUnit  *string `db:"every_unit"`
	NextDueOn  *string `db:"next_due_on"`
	GraceDays  int     `db:"grace_days"`
	AssigneeID *string `db:"assignee_id"`
	// TaskID is the task opened for the due date; TaskOpen says it is still open.
	TaskID    *string   `db:"task_id"`
	TaskOpen  bool      `db:"task_open"`
	Escalated bool      `db:"escalated"`
	Active    bool      `db:"active"`
	CreatedAt time.Time `db:"created_at"`
	// Today is the branch's date the job was read on, for its State.
	Today string `db:"-"`
}

// Done is one time a job was done: for which due date, when, by whom, with a note.
type Done struct {
	ID      string    `db:"id"`
	JobID   string    `db:"job_id"`
	DueOn   string    `db:"due_on"`
	DoneAt  time.Time `db:"done_at"`
	StaffID *string   `db:"staff_id"`
	Note    string    `db:"note"`
}

// Input is a job as the desk describes it.
type Input struct {
	BranchID   string
	ItemID     *string
	Title      string
	EveryN     *int
	EveryUnit  *string
	NextDueOn  string
	GraceDays  int
	AssigneeID *string
}

// Filter narrows the list: a branch ("" every branch the caller sees) and a state.
type Filter struct {
	BranchID string
	// State is due (due or overdue), overdue, upcoming, inactive or all (active jobs).
	State string
}

// Errors of maintenance.
var (
	ErrNotFound = fault.New(fault.NotFound, "maintenance_not_found", "no maintenance job you may see has this id")
	ErrInactive = fault.New(fault.Conflict, "maintenance_inactive", "this job is no longer active")
	errBranch   = fault.Field("branch_id", "not_found", "no branch you may see has this id")
)

// How a job's task is closed when the job no longer needs it.
const (
	closedDone        = "done"
	closedEscalated   = "escalated"
	closedRescheduled = "rescheduled"
	closedDeactivated = "deactivated"
)
