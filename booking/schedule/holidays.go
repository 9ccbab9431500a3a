package schedule

import (
	"context"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/rickar/cal/v2"
	"github.com/rickar/cal/v2/gb"
	"github.com/rickar/cal/v2/pl"
	"github.com/rickar/cal/v2/ru"
	"github.com/rickar/cal/v2/se"
)

// Sources of a closed day: an owner closed it, or the country's public holiday does
// (until an owner opens it).
const (
	ClosedByOwner   = "owner"
	ClosedByHoliday = "holiday"
)

// holidayHorizon is how far ahead holidays are listed when no end is given: a year
// and a little, enough for any callback, follow-up or booking horizon.
const holidayHorizon = 400

// countryHolidays are the national holidays per ISO 3166 country code that close a
// branch by default. A country missing here has only its owners' closures.
var countryHolidays = map[string][]*cal.Holiday{
	"PL": pl.Holidays,
	"SE": se.Holidays,
	"GB": gb.Holidays,
	"RU": ru.Holidays,
}

// publicHolidays maps each local date from first to last (inclusive) that is a public
// holiday of country to the holiday's name. Observed days (a holiday on a weekend
// moved to Monday) close the branch as well as the actual day.
func publicHolidays(country string, first, last civil) map[string]string {
	list := countryHolidays[strings.ToUpper(country)]
	out := map[string]string{}
	if len(list) == 0 || last.before(first) {
		return out
	}
	for year := first.t.Year(); year <= last.t.Year(); year++ {
		for _, h := range list {
			actual, observed := h.Calc(year)
			for _, d := range []time.Time{actual, observed} {
				if key, ok := holidayDate(d, first, last); ok {
					out[key] = h.Name
				}
			}
		}
	}
	return out
}

// holidayDate is d's calendar date when it is a real date inside [first, last].
func holidayDate(d time.Time, first, last civil) (string, bool) {
	if d.IsZero() {
		return "", false
	}
	c := civil{time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)}
	if c.before(first) || last.before(c) {
		return "", false
	}
	return c.String(), true
}

// closedDays is the set of the branch's closed local dates from first to last: the
// owner's closures and the public holidays no open day overrides.
func (s *Service) closedDays(ctx context.Context, bt branchTime, first, last civil) (map[string]bool, error) {
	closed, opened, err := s.store.dayOverrides(ctx, bt.id, first, last)
	if err != nil {
		return nil, err
	}
	return withHolidays(closed, opened, bt.country, first, last), nil
}

// withHolidays adds to closed the country's public holidays from first to last that
// no open day overrides.
func withHolidays(closed, opened map[string]bool, country string, first, last civil) map[string]bool {
	for day := range publicHolidays(country, first, last) {
		if !opened[day] {
			closed[day] = true
		}
	}
	return closed
}

// openHolidays are the public holidays from first to last that no open day overrides,
// date → name.
func (s *Service) openHolidays(ctx context.Context, bt branchTime, first, last civil) (map[string]string, error) {
	holidays := publicHolidays(bt.country, first, last)
	if len(holidays) == 0 {
		return holidays, nil
	}
	_, opened, err := s.store.dayOverrides(ctx, bt.id, first, last)
	if err != nil {
		return nil, err
	}
	for day := range opened {
		delete(holidays, day)
	}
	return holidays, nil
}

// mergeClosures adds the holidays not already closed by the owner to the owner's
// closures, by date.
func mergeClosures(owned []Closure, holidays map[string]string, branchID string) []Closure {
	out := owned
	for day, name := range holidays {
		if !slices.ContainsFunc(owned, func(c Closure) bool { return c.Date == day }) {
			out = append(out, Closure{BranchID: branchID, Date: day, Reason: name, Source: ClosedByHoliday})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}
