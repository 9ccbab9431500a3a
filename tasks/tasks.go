// Package tasks is the front desk's work queue: what someone at the desk has to do
// (read a reply, call a patient back, answer a review), for which branch, by when, in
// which queue or for whom, who is working on it right now, each try and its outcome,
// and how it was closed. Features open tasks inside their own transactions.
package tasks

import (
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// The kinds of tasks. The first four are messaging's and keep their wire names.
const (
	Decline        = "decline"
	Reply          = "reply"
	DeliveryFailed = "delivery_failed"
	Unmatched      = "unmatched"
	FollowUpCall   = "follow_up_call"
	Callback       = "callback"
	ReviewReply    = "review_reply"
	Stock          = "stock"
	Maintenance    = "maintenance"
)

// Kinds lists every task kind, as the database's CHECK does.
var Kinds = []string{Decline, Reply, DeliveryFailed, Unmatched, FollowUpCall, Callback, ReviewReply, Stock, Maintenance}

// The outcomes of one try at a task.
const (
	Reached     = "reached"
	NoAnswer    = "no_answer"
	Busy        = "busy"
	WrongNumber = "wrong_number"
	LeftMessage = "left_message"
	Other       = "other"
)

// Outcomes lists every outcome of an attempt, as the database's CHECK does.
var Outcomes = []string{Reached, NoAnswer, Busy, WrongNumber, LeftMessage, Other}

// FrontDesk is the queue a task lands in when its opener names none.
const FrontDesk = "front_desk"

// ClaimFor is how long a claim keeps a task off the others' lists: long enough for a
// call and its note, short enough that a task someone walked away from comes back.
const ClaimFor = 10 * time.Minute

// Task is one item of the front desk's queue, with the patient and visit it is about.
type Task struct {
	ID            string     `db:"id"`
	Kind          string     `db:"kind"`
	PatientID     *string    `db:"patient_id"`
	AppointmentID *string    `db:"appointment_id"`
	BranchID      *string    `db:"branch_id"`
	InboundID     *string    `db:"inbound_id"`
	OutboxID      *string    `db:"outbox_id"`
	Text          string     `db:"text"`
	Status        string     `db:"status"`
	CreatedAt     time.Time  `db:"created_at"`
	DueAt         time.Time  `db:"due_at"`
	Queue         string     `db:"queue"`
	AssigneeID    *string    `db:"assignee_id"`
	ClaimedBy     *string    `db:"claimed_by"`
	ClaimedUntil  *time.Time `db:"claimed_until"`
	DoneAt        *time.Time `db:"done_at"`
	DoneBy        *string    `db:"done_by"`
	DoneNote      string     `db:"done_note"`
	// AttemptCount and LastOutcome summarise the task's attempts.
	AttemptCount int     `db:"attempt_count"`
	LastOutcome  *string `db:"last_outcome"`
	// PatientName and PatientPhone come from the patient card; AppointmentStart and
	// AppointmentStatus from the visit.
	PatientName       *string    `db:"patient_name"`
	PatientPhone      *string    `db:"patient_phone"`
	AppointmentStart  *time.Time `db:"appointment_start"`
	AppointmentStatus *string    `db:"appointment_status"`
}

// Attempt is one try at a task: who, when, how it went. Attempts are never changed.
type Attempt struct {
	ID      string    `db:"id"`
	TaskID  string    `db:"task_id"`
	StaffID string    `db:"staff_id"`
	At      time.Time `db:"at"`
	Outcome string    `db:"outcome"`
	Note    string    `db:"note"`
}

// New is a task to open. Kind is required; the rest is optional.
type New struct {
	Kind          string
	BranchID      *string
	PatientID     *string
	AppointmentID *string
	InboundID     *string
	OutboxID      *string
	Text          string
	// At is when the need arose (a reply's arrival); zero is now.
	At time.Time
	// DueAt is when the task should be done; zero is At.
	DueAt time.Time
	// Queue defaults to FrontDesk; AssigneeID, when set, names the one staff member.
	Queue      string
	AssigneeID *string
}

// Filter selects tasks: Status open (default), done or all; the rest narrow further.
type Filter struct {
	Status   string
	Kind     string
	BranchID string
	// Mine keeps the tasks assigned to the signed-in staff member.
	Mine bool
	// Queue keeps one queue's tasks (front_desk, manager, head_nurse); "" is every queue.
	Queue string
	// DueBefore, when set, keeps tasks due strictly before it.
	DueBefore *time.Time
	Limit     int
	Cursor    string
}

// Page is one page of tasks, newest first; Next continues it ("" at the end).
type Page struct {
	Items []Task
	Next  string
}

// Errors of the task queue.
var (
	ErrNotFound  = fault.New(fault.NotFound, "task_not_found", "no open task has this id")
	ErrClaimed   = fault.New(fault.Conflict, "task_claimed", "another administrator is working on this task; try again later")
	ErrBadCursor = httpjson.ErrBadCursor
	ErrNoStaff   = fault.New(fault.Forbidden, "staff_only", "only a signed-in staff member may work on tasks")
	// ErrBadTask is a feature opening a task the queue cannot hold: a programming error.
	ErrBadTask = fault.New(fault.Invalid, "bad_task", "a task needs a known kind")
)
