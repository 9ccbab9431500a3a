package reviews

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// MaxDays bounds a follow-up's delay: a call two months after a visit is a recall.
const MaxDays = 60

// Rule is when a service's patients are called after a completed visit: Days later, or
// never when Days is nil. Default marks a rule no owner has set.
type Rule struct {
	ServiceID string
	Code      string
	Names     map[string]string
	Days      *int
	Default   bool
}

// DefaultDays is the house plan by the kind of service: surgery (extraction, implant)
// the next day, root canal after two days, hygiene never, everything else after three.
func DefaultDays(p clinic.Procedure) *int {
	code := strings.ToLower(p.Code)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(code, w) {
				return true
			}
		}
		return false
	}
	days := func(n int) *int { return &n }
	switch {
	case has("hygien", "cleaning", "scaling"):
		return nil
	case has("consult"):
		return days(3)
	case has("extract", "implant", "wisdom", "surgery") || p.ChairCapability == "surgery":
		return days(1)
	case has("root-canal", "root_canal", "rootcanal", "endo"):
		return days(2)
	}
	return days(3)
}

// Rules lists every active service with the plan its visits get.
func (s *Service) Rules(ctx context.Context) ([]Rule, error) {
	stored, err := s.store.rules(ctx)
	if err != nil {
		return nil, err
	}
	var out []Rule
	f := clinic.ProcedureFilter{Limit: 200}
	for {
		page, err := s.deps.Dir.Procedures(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, p := range page.Items {
			out = append(out, ruleFor(p, stored))
		}
		if page.Next == "" {
			return out, nil
		}
		f.Cursor = page.Next
	}
}

func ruleFor(p clinic.Procedure, stored map[string]*int) Rule {
	r := Rule{ServiceID: p.ID, Code: p.Code, Names: p.Names}
	days, set := stored[p.ID]
	if !set {
		days, r.Default = DefaultDays(p), true
	}
	r.Days = days
	return r
}

// SetRule sets a service's plan (nil: no follow-up call).
func (s *Service) SetRule(ctx context.Context, serviceID string, days *int) (Rule, error) {
	if days != nil && (*days < 0 || *days > MaxDays) {
		return Rule{}, fault.Field("days", "range", "must be from 0 to 60, or null for no follow-up call")
	}
	p, err := s.deps.Dir.Procedure(ctx, serviceID)
	if err != nil {
		return Rule{}, err
	}
	if err := s.store.setRule(ctx, p.ID, days, s.clock()); err != nil {
		return Rule{}, err
	}
	return Rule{ServiceID: p.ID, Code: p.Code, Names: p.Names, Days: days}, nil
}

// planDays is the delay of a completed visit's call, false when its service has none.
func (s *Service) planDays(ctx context.Context, q db.Q, p clinic.Procedure) (int, bool, error) {
	days, found, err := s.store.rule(ctx, q, p.ID)
	if err != nil {
		return 0, false, err
	}
	if !found {
		days = DefaultDays(p)
	}
	if days == nil {
		return 0, false, nil
	}
	return *days, true, nil
}

// Settings is a branch's calling policy.
type Settings struct {
	BranchID     string    `db:"branch_id"`
	CallsOpen    string    `db:"calls_open"`
	CallsClose   string    `db:"calls_close"`
	MaxAttempts  int       `db:"max_attempts"`
	RetryMinutes int       `db:"retry_minutes"`
	Queue        string    `db:"queue"`
	AssigneeID   *string   `db:"assignee_id"`
	UpdatedAt    time.Time `db:"updated_at"`
}

// DefaultSettings is the policy of a branch nobody has set one for: calls 10:00–19:00,
// three attempts, the second two hours after the first, in the front desk's queue.
func DefaultSettings(branchID string) Settings {
	return Settings{BranchID: branchID, CallsOpen: "10:00", CallsClose: "19:00", MaxAttempts: 3,
		RetryMinutes: 120, Queue: tasks.FrontDesk}
}

// Settings returns a branch's calling policy.
func (s *Service) Settings(ctx context.Context, branchID string) (Settings, error) {
	if _, err := s.deps.Dir.Branch(ctx, branchID); err != nil {
		return Settings{}, err
	}
	return s.settings(ctx, s.deps.DB.R, branchID)
}

func (s *Service) settings(ctx context.Context, q db.Q, branchID string) (Settings, error) {
	st, err := s.store.settings(ctx, q, branchID)
	if errors.Is(err, db.ErrNotFound) {
		return DefaultSettings(branchID), nil
	}
	return st, err
}

// SetSettings replaces a branch's calling policy.
func (s *Service) SetSettings(ctx context.Context, in Settings) (Settings, error) {
	if err := in.check(); err != nil {
		return Settings{}, err
	}
	if _, err := s.deps.Dir.Branch(ctx, in.BranchID); err != nil {
		return Settings{}, err
	}
	in.UpdatedAt = s.clock()
	err := s.store.setSettings(ctx, in)
	if errors.Is(err, db.ErrForeignKey) {
		return Settings{}, fault.Field("assignee_id", "not_found", "no staff member has this id")
	}
	return in, err
}

func (in Settings) check() error {
	var bad []fault.FieldError
	add := func(field, code, msg string) {
		bad = append(bad, fault.FieldError{Field: field, Code: code, Message: msg})
	}
	o, okO := minutesOf(in.CallsOpen)
	c, okC := minutesOf(in.CallsClose)
	switch {
	case !okO:
		add("calls_open", "time", "must be a time HH:MM")
	case !okC:
		add("calls_close", "time", "must be a time HH:MM")
	case c-o < 60:
		add("calls_close", "after_open", "must be at least an hour after calls_open")
	}
	if in.MaxAttempts < 1 || in.MaxAttempts > 10 {
		add("max_attempts", "range", "must be from 1 to 10")
	}
	if in.RetryMinutes < 5 || in.RetryMinutes > 1440 {
		add("retry_minutes", "range", "must be from 5 to 1440")
	}
	if strings.TrimSpace(in.Queue) == "" || len(in.Queue) > 40 {
		add("queue", "required", "must name a queue (at most 40 characters)")
	}
	if len(bad) > 0 {
		return fault.Fields(bad...)
	}
	return nil
}
