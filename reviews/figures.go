package reviews

import (
	"context"
	"sort"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Share is a figure kept as its parts, so periods add up; Value is nil with nothing
// to divide by.
type Share struct {
	Numerator   int
	Denominator int
	Value       *float64
}

func share(n, d int) Share {
	s := Share{Numerator: n, Denominator: d}
	if d > 0 {
		v := float64(n) / float64(d)
		s.Value = &v
	}
	return s
}

// Reach is how many attempted follow-ups reached the patient on the first attempt, by
// the second, and at all; Attempted (the denominator) had at least one call.
type Reach struct {
	Attempted     int
	FirstAttempt  Share
	SecondAttempt Share
	Overall       Share
}

// Completion is one person's calls on one local day: Due were due that day (assigned
// to them, or made by them from the queue), Done were made by that day's end.
// StaffID nil is the queue's calls nobody has made yet.
type Completion struct {
	Day     string
	StaffID *string
	Due     int
	Done    int
	Share   Share
}

// CallFigures are a branch's (or one campaign's) follow-up figures over a period.
type CallFigures struct {
	BranchID   string
	CampaignID string
	From, To   string
	Reach      Reach
	Completion []Completion
}

// FigureFilter is the period (local dates, inclusive) and scope of the figures.
type FigureFilter struct {
	BranchID   string
	CampaignID string
	From, To   string
}

// Figures counts reach and plan completion: reach over follow-ups whose first call was
// in the period, completion over calls due in it.
func (s *Service) Figures(ctx context.Context, f FigureFilter) (CallFigures, error) {
	c, err := s.calling(ctx, f.BranchID)
	if err != nil {
		return CallFigures{}, err
	}
	from, to, err := period(c, f.From, f.To)
	if err != nil {
		return CallFigures{}, err
	}
	out := CallFigures{BranchID: f.BranchID, CampaignID: f.CampaignID, From: f.From, To: f.To}
	if out.Reach, err = s.store.reach(ctx, f.BranchID, f.CampaignID, from, to); err != nil {
		return CallFigures{}, err
	}
	slots, err := s.store.slots(ctx, f.BranchID, f.CampaignID, from, to)
	if err != nil {
		return CallFigures{}, err
	}
	out.Completion = completion(c, slots)
	return out, nil
}

// period reads the local dates as instants in the branch's zone, the end exclusive.
func period(c calling, from, to string) (time.Time, time.Time, error) {
	loc := zone(c.branch.TimeZone)
	f, errF := time.ParseInLocation(time.DateOnly, from, loc)
	t, errT := time.ParseInLocation(time.DateOnly, to, loc)
	switch {
	case errF != nil:
		return f, t, fault.Field("from", "date", "must be a date YYYY-MM-DD")
	case errT != nil:
		return f, t, fault.Field("to", "date", "must be a date YYYY-MM-DD")
	case t.Before(f) || t.Sub(f) > 366*24*time.Hour:
		return f, t, fault.Field("to", "range", "must be on or after from, within a year")
	}
	return f.UTC(), t.AddDate(0, 0, 1).UTC(), nil
}

// slot is one call due: made (by whom, when) or still owed (assigned to whom, if anyone).
type slot struct {
	DueAt   time.Time  `db:"due_at"`
	StaffID *string    `db:"staff_id"`
	MadeAt  *time.Time `db:"made_at"`
}

// completion groups slots by local due day and person.
func completion(c calling, slots []slot) []Completion {
	type key struct{ day, staff string }
	byKey := map[key]*Completion{}
	loc := zone(c.branch.TimeZone)
	for _, sl := range slots {
		day := sl.DueAt.In(loc)
		k := key{day.Format(time.DateOnly), deref(sl.StaffID)}
		row := byKey[k]
		if row == nil {
			row = &Completion{Day: k.day, StaffID: sl.StaffID}
			byKey[k] = row
		}
		row.Due++
		end := time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, loc)
		if sl.MadeAt != nil && sl.MadeAt.Before(end) {
			row.Done++
		}
	}
	out := make([]Completion, 0, len(byKey))
	for _, r := range byKey {
		r.Share = share(r.Done, r.Due)
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Day != out[j].Day {
			return out[i].Day < out[j].Day
		}
		return deref(out[i].StaffID) < deref(out[j].StaffID)
	})
	return out
}
