package booking

import (
	"time"
)

// These checks are the ones the availability engine applies when it offers a time;
// booking a time should refuse exactly what availability would not offer, so both
// use them.

// HorizonEnd is the first instant past the booking horizon: the end of the local day
// HorizonDays days after today, so the last day is offered whole.
func (r Rules) HorizonEnd(now time.Time, loc *time.Location) time.Time {
	y, m, d := now.In(loc).AddDate(0, 0, r.HorizonDays+1).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc).UTC()
}

// CheckStart answers ErrNotOnGrid, ErrTooSoon or ErrTooFar for a start that
// availability would not offer to a patient at now in the branch's zone.
func (r Rules) CheckStart(start, now time.Time, zone string) error {
	loc, err := loadZone(zone)
	if err != nil {
		return err
	}
	switch {
	case !OnGrid(start, zone, r.Step):
		return ErrNotOnGrid
	case start.Before(now.Add(r.MinNotice)):
		return ErrTooSoon
	case !start.Before(r.HorizonEnd(now, loc)):
		return ErrTooFar
	}
	return nil
}
