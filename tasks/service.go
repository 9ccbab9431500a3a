package tasks

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Service is the task queue: features open tasks in their transactions, the desk
// lists, claims, tries and closes them.
type Service struct {
	store store
	now   func() time.Time
}

// NewService returns the queue over d, reading the time from now (nil: the wall clock).
func NewService(d *db.DB, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store{db: d}, now: now}
}

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Open writes a task on q, the transaction of the change that caused it, so the task
// exists exactly when the change does. It returns the task's id.
func (s *Service) Open(ctx context.Context, q db.Q, n New) (string, error) {
	if !slices.Contains(Kinds, n.Kind) {
		return "", ErrBadTask
	}
	if n.At.IsZero() {
		n.At = s.clock()
	}
	n.At = n.At.UTC()
	if n.DueAt.IsZero() {
		n.DueAt = n.At
	}
	n.DueAt = n.DueAt.UTC()
	if n.Queue == "" {
		n.Queue = FrontDesk
	}
	id := newID()
	return id, s.store.insert(ctx, q, id, n)
}

// List returns one page of the tasks the caller may see, newest first.
func (s *Service) List(ctx context.Context, f Filter) (Page, error) {
	if err := f.check(); err != nil {
		return Page{}, err
	}
	at, after, err := httpjson.ParseTimeCursor(f.Cursor)
	if err != nil {
		return Page{}, err
	}
	a := actor.From(ctx)
	list, err := s.store.list(ctx, listing{Filter: f, me: nullable(a.StaffID), narrowed: narrowed(a),
		now: s.clock(), at: at, after: after})
	if err != nil {
		return Page{}, err
	}
	page := Page{Items: list}
	if len(list) > f.Limit {
		page.Items = list[:f.Limit]
		last := page.Items[f.Limit-1]
		page.Next = httpjson.TimeCursor(last.CreatedAt, last.ID)
	}
	return page, nil
}

func (f *Filter) check() error {
	switch f.Status {
	case "":
		f.Status = "open"
	case "open", "done", "all":
	default:
		return fault.Field("status", "oneof", "must be one of open, done, all")
	}
	if f.Kind != "" && !slices.Contains(Kinds, f.Kind) {
		return fault.Field("kind", "oneof", "must be one of "+strings.Join(Kinds, ", "))
	}
	if f.BranchID != "" && uuid.Validate(f.BranchID) != nil {
		return fault.Field("branch_id", "uuid", "must be an id (UUID)")
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	return nil
}

// Get returns one task the caller may see.
func (s *Service) Get(ctx context.Context, id string) (Task, error) {
	id = strings.ToLower(id)
	if uuid.Validate(id) != nil {
		return Task{}, ErrNotFound
	}
	t, err := s.store.task(ctx, s.store.db.R, id)
	if errors.Is(err, db.ErrNotFound) || (err == nil && !visible(actor.From(ctx), t)) {
		return Task{}, ErrNotFound
	}
	return t, err
}

// narrowed reports whether the caller sees only their branches' tasks (and those of
// no branch, such as a stranger's message). Doctors and nurses always are; so is an
// administrator bound to branches, because the queue is the work of the desks they
// sit at. Owners and administrators bound to none work the whole network's queue.
func narrowed(a actor.Actor) bool {
	return a.Kind == actor.Staff && (!a.SeesAllBranches() || (a.Role == actor.Admin && len(a.BranchIDs) > 0))
}

func visible(a actor.Actor, t Task) bool {
	return !narrowed(a) || t.BranchID == nil || slices.Contains(a.BranchIDs, *t.BranchID)
}

// newID makes a time-ordered id, so tasks opened in one clock tick keep their order.
func newID() string {
	id, err := uuid.NewV7()
	if err != nil {
		return uuid.NewString()
	}
	return id.String()
}

// OpenFor counts a patient's open tasks, for the caller's card.
func (s *Service) OpenFor(ctx context.Context, patientID string) (int, error) {
	return s.store.openFor(ctx, patientID)
}
