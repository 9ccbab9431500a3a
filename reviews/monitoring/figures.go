package monitoring

import (
	"context"
	"slices"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Figures are a branch's review figures over the reviews written in a period, as
// numerators and denominators so periods add up and ratios come from sums.
type Figures struct {
	BranchID string
	From, To string
	// Received counts the reviews written in the period (by the site's time);
	// Replied those of them a reply has been posted to since.
	Received int
	Replied  int
	// RatingSum sums the stars of the received reviews (the average's numerator).
	RatingSum int
	// MedianReplySeconds is the median time from a review to its first reply over
	// Replied; nil when none was replied.
	MedianReplySeconds *float64
}

// maxFigureDays bounds one figures query.
const maxFigureDays = 366

// Figures counts a branch's reviews written from `from` to `to` inclusive (dates
// YYYY-MM-DD in the branch's zone).
func (s *Service) Figures(ctx context.Context, branchID, from, to string) (Figures, error) {
	b, err := s.deps.Branches.Branch(ctx, branchID)
	if err != nil {
		return Figures{}, errBranch
	}
	loc, err := time.LoadLocation(b.TimeZone)
	if err != nil {
		return Figures{}, err
	}
	start, end, err := period(from, to, loc)
	if err != nil {
		return Figures{}, err
	}
	rows, err := s.store.received(ctx, branchID, start.UTC(), end.UTC())
	if err != nil {
		return Figures{}, err
	}
	return tally(Figures{BranchID: branchID, From: from, To: to}, rows), nil
}

// period reads the inclusive dates as the instants [start, end).
func period(from, to string, loc *time.Location) (time.Time, time.Time, error) {
	f, err := time.ParseInLocation(time.DateOnly, from, loc)
	if err != nil {
		return f, f, fault.Field("from", "date", "must be a date YYYY-MM-DD")
	}
	t, err := time.ParseInLocation(time.DateOnly, to, loc)
	if err != nil {
		return f, t, fault.Field("to", "date", "must be a date YYYY-MM-DD")
	}
	end := t.AddDate(0, 0, 1)
	if t.Before(f) || end.After(f.AddDate(0, 0, maxFigureDays)) {
		return f, t, fault.Field("to", "range", "must be on or after from, at most 366 days later")
	}
	return f, end, nil
}

func tally(fg Figures, rows []received) Figures {
	var waits []float64
	for _, r := range rows {
		fg.Received++
		fg.RatingSum += r.Rating
		if r.FirstReplyAt != nil {
			fg.Replied++
			waits = append(waits, max(0, r.FirstReplyAt.Sub(r.CreatedAt).Seconds()))
		}
	}
	fg.MedianReplySeconds = median(waits)
	return fg
}

// median is the middle value (the mean of the two middle ones for an even count).
func median(v []float64) *float64 {
	if len(v) == 0 {
		return nil
	}
	slices.Sort(v)
	m := v[len(v)/2]
	if len(v)%2 == 0 {
		m = (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return &m
}
