package messaging

import (
	"context"
	"encoding/base64"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// The kinds of front-desk tasks messaging opens.
const (
	TaskDecline        = "decline"
	TaskReply          = "reply"
	TaskDeliveryFailed = "delivery_failed"
	TaskUnmatched      = "unmatched"
)

// TaskKinds lists every task kind.
var TaskKinds = []string{TaskDecline, TaskReply, TaskDeliveryFailed, TaskUnmatched}

// Task is one item of the front desk's inbox, with the patient and visit it is about.
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
	DoneAt        *time.Time `db:"done_at"`
	DoneBy        *string    `db:"done_by"`
	// PatientName and PatientPhone come from the patient card; AppointmentStart and
	// AppointmentStatus from the visit.
	PatientName       *string    `db:"patient_name"`
	PatientPhone      *string    `db:"patient_phone"`
	AppointmentStart  *time.Time `db:"appointment_start"`
	AppointmentStatus *string    `db:"appointment_status"`
}

// newTask is a task to open.
type newTask struct {
	Kind          string
	PatientID     *string
	AppointmentID *string
	BranchID      *string
	InboundID     *string
	OutboxID      *string
	Text          string
}

// TaskFilter selects tasks: Status open (default), done or all; Kind one kind or all.
type TaskFilter struct {
	Status string
	Kind   string
	Limit  int
	Cursor string
}

// TaskPage is one page of tasks, newest first; Next continues it ("" at the end).
type TaskPage struct {
	Items []Task
	Next  string
}

// ErrBadCursor answers a cursor this server did not hand out.
var ErrBadCursor = fault.Field("cursor", "cursor", "use the next cursor of the previous page")

// Tasks lists the front desk's tasks, newest first.
func (s *Service) Tasks(ctx context.Context, f TaskFilter) (TaskPage, error) {
	if err := f.check(); err != nil {
		return TaskPage{}, err
	}
	at, id, err := decodeCursor(f.Cursor)
	if err != nil {
		return TaskPage{}, err
	}
	list, err := s.store.tasks(ctx, f, at, id)
	if err != nil {
		return TaskPage{}, err
	}
	page := TaskPage{Items: list}
	if len(list) > f.Limit {
		page.Items = list[:f.Limit]
		last := page.Items[f.Limit-1]
		page.Next = encodeCursor(last.CreatedAt, last.ID)
	}
	return page, nil
}

func (f *TaskFilter) check() error {
	switch f.Status {
	case "":
		f.Status = "open"
	case "open", "done", "all":
	default:
		return fault.Field("status", "oneof", "must be one of open, done, all")
	}
	if f.Kind != "" && !slices.Contains(TaskKinds, f.Kind) {
		return fault.Field("kind", "oneof", "must be one of "+strings.Join(TaskKinds, ", "))
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	return nil
}

// DoneTask closes an open task in the name of the staff member acting.
func (s *Service) DoneTask(ctx context.Context, id string) (Task, error) {
	id = strings.ToLower(id)
	if uuid.Validate(id) != nil {
		return Task{}, ErrTaskNotFound
	}
	by := actor.From(ctx).StaffID
	err := s.store.doneTask(ctx, id, s.clock(), by)
	if errors.Is(err, db.ErrNotFound) {
		return Task{}, ErrTaskNotFound
	}
	if err != nil {
		return Task{}, err
	}
	return s.store.task(ctx, id)
}

// cursor: the last item's time and id, opaque to clients.
func encodeCursor(at time.Time, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(at.UTC().Format(time.RFC3339Nano) + "|" + id))
}

func decodeCursor(c string) (time.Time, string, error) {
	if c == "" {
		return time.Time{}, "", nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return time.Time{}, "", ErrBadCursor
	}
	stamp, id, ok := strings.Cut(string(raw), "|")
	at, err := time.Parse(time.RFC3339Nano, stamp)
	if !ok || err != nil || uuid.Validate(id) != nil {
		return time.Time{}, "", ErrBadCursor
	}
	return at, id, nil
}
