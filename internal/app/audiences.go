package app

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/reviews"
	"github.com/frontdeskhq/frontdesk/visit"
)

// noShows fills reviews' NoShows from booking's day lists.
type noShows struct{ a *App }

var _ reviews.NoShows = noShows{}

// NoShows lists the patients whose visits of the local days from (inclusive) to
// (exclusive) ended as no-shows.
func (c noShows) NoShows(ctx context.Context, branchID string, from, to time.Time) ([]string, error) {
	var out []string
	for day := from; day.Before(to); day = day.AddDate(0, 0, 1) {
		visits, err := c.a.Booking.Day(ctx, visit.DayFilter{BranchID: branchID, Date: day.Format(time.DateOnly),
			Status: visit.NoShow})
		if err != nil {
			return nil, err
		}
		for _, v := range visits {
			if v.PatientID != nil {
				out = append(out, *v.PatientID)
			}
		}
	}
	return out, nil
}
