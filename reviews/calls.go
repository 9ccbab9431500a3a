package reviews

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Which calls the list shows by when they are due.
const (
	DueToday   = "today"
	DueOverdue = "overdue"
	DueAll     = "all"
)

// CallFilter selects a branch's open follow-up calls.
type CallFilter struct {
	BranchID string
	// Due is today (due before the branch's local midnight, the default), overdue
	// (due before now) or all.
	Due string
	// Mine keeps the calls assigned to the signed-in staff member.
	Mine       bool
	CampaignID string
	Cursor     string
	Limit      int
}

// Call is one line of the call list: the follow-up, whom to call, about what, what the
// caller says, and the attempts so far.
type Call struct {
	FollowUp
	PatientName  string `db:"patient_name"`
	PatientPhone string `db:"patient_phone"`
	ServiceNames string `db:"service_names"`
	// ServiceName is the service's name in the patient's language (filled by page).
	ServiceName  string     `db:"-"`
	DoctorName   *string    `db:"doctor_name"`
	CampaignName *string    `db:"campaign_name"`
	CampaignText *string    `db:"campaign_script"`
	Assignee     *string    `db:"assignee_id"`
	ClaimedBy    *string    `db:"claimed_by"`
	ClaimedUntil *time.Time `db:"claimed_until"`
	Script       string     `db:"-"`
	Previous     []Attempt  `db:"-"`
}

// CallPage is one page of the call list, oldest due first; Next continues it.
type CallPage struct {
	Items []Call
	Next  string
}

// Calls lists the open follow-up calls of a branch, oldest due first, leaving out
// those another administrator holds a live claim on.
func (s *Service) Calls(ctx context.Context, f CallFilter) (CallPage, error) {
	if err := f.check(); err != nil {
		return CallPage{}, err
	}
	afterDue, afterID, err := httpjson.ParseTimeCursor(f.Cursor)
	if err != nil {
		return CallPage{}, err
	}
	// The list needs only the branch's zone and name, not its calling policy.
	b, err := s.deps.Dir.Branch(ctx, f.BranchID)
	c := calling{branch: b}
	if errors.Is(err, clinic.ErrBranchNotFound) {
		return CallPage{Items: []Call{}}, nil // as every branch-filtered list: no such branch, no calls
	}
	if err != nil {
		return CallPage{}, err
	}
	now := s.clock()
	rows, err := s.store.calls(ctx, callQuery{CallFilter: f, me: actor.From(ctx).StaffID, now: now,
		before: s.dueBefore(c, f.Due, now), afterDue: afterDue, afterID: afterID})
	if err != nil {
		return CallPage{}, err
	}
	return s.page(ctx, c, rows, f.Limit)
}

func (f *CallFilter) check() error {
	switch f.Due {
	case "":
		f.Due = DueToday
	case DueToday, DueOverdue, DueAll:
	default:
		return fault.Field("due", "oneof", "must be one of: today overdue all")
	}
	if f.Limit == 0 {
		f.Limit = 50
	}
	if f.Limit < 1 || f.Limit > 200 {
		return fault.Field("limit", "range", "must be from 1 to 200")
	}
	return nil
}

// dueBefore is the list's bound: the branch's next local midnight for today.
func (s *Service) dueBefore(c calling, due string, now time.Time) time.Time {
	switch due {
	case DueOverdue:
		return now
	case DueAll:
		return time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return c.startOfDayAfter(now, 1).UTC()
}

// page fills the script and previous attempts of one page of calls.
func (s *Service) page(ctx context.Context, c calling, rows []Call, limit int) (CallPage, error) {
	out := CallPage{Items: rows}
	if len(rows) > limit {
		out.Items = rows[:limit]
		last := out.Items[limit-1]
		out.Next = httpjson.TimeCursor(last.DueAt, last.ID)
	}
	ids := make([]string, len(out.Items))
	for i, r := range out.Items {
		ids[i] = r.ID
	}
	tries, err := s.store.attempts(ctx, ids)
	if err != nil {
		return CallPage{}, err
	}
	for i := range out.Items {
		r := &out.Items[i]
		r.Previous = tries[r.ID]
		r.ServiceName = localName(r.ServiceNames, r.Locale)
		if r.Script, err = s.script(c, *r); err != nil {
			return CallPage{}, err
		}
	}
	return out, nil
}

// script is what the caller says to this patient, in the patient's language.
func (s *Service) script(c calling, r Call) (string, error) {
	data := map[string]any{"Patient": firstName(r.PatientName), "Clinic": c.branch.Name, "Doctor": deref(r.DoctorName),
		"Service": r.ServiceName, "Start": time.Time{}, "Campaign": deref(r.CampaignName),
		"Text": deref(r.CampaignText)}
	if r.VisitStart != nil {
		data["Start"] = r.VisitStart.In(zone(c.branch.TimeZone))
	}
	return s.deps.Scripts.Render(r.Locale, TemplateScript, data)
}

// Get returns one follow-up the caller may see.
func (s *Service) Get(ctx context.Context, id string) (FollowUp, error) {
	return s.visible(ctx, s.deps.DB.R, id)
}

// WithAttempts returns one follow-up the caller may see and its attempts, in order.
func (s *Service) WithAttempts(ctx context.Context, id string) (FollowUp, []Attempt, error) {
	f, err := s.Get(ctx, id)
	if err != nil {
		return FollowUp{}, nil, err
	}
	tries, err := s.store.attempts(ctx, []string{f.ID})
	return f, tries[f.ID], err
}

func (s *Service) visible(ctx context.Context, q db.Q, id string) (FollowUp, error) {
	f, err := s.store.followUp(ctx, q, id)
	if err != nil {
		return FollowUp{}, notFound(err)
	}
	if !actor.From(ctx).CanSeeBranch(f.BranchID) {
		return FollowUp{}, ErrNotFound
	}
	return f, nil
}
