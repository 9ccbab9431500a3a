package demo

import (
	"context"
	"time"
)

// figureDays is how far back the demo counts its figures: the month of stock and the
// replayed days all fall inside it, and the dashboard's weeks start filled.
const figureDays = 35

// figures counts the demo's last weeks as the nightly job would have, so the owner's
// dashboard opens on numbers; later days are counted by the refresh job as they come.
func (s *seeder) figures(ctx context.Context) error {
	if s.Figures == nil {
		return nil
	}
	today := s.now().In(s.zone())
	from := today.AddDate(0, 0, -figureDays).Format(time.DateOnly)
	_, err := s.Figures.RebuildRange(ctx, s.branchID, from, today.Format(time.DateOnly))
	return wrap("figures", err)
}
