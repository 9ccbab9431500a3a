package schedule

import (
	"context"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/versioned"
)

// scheduleCaches are the reads answers and bookings keep under the schedule version.
type scheduleCaches struct {
	basics     versioned.Cache[basicsKey, basics]
	exceptions versioned.Cache[string, []Exception]     // by the doctors' ids, joined
	overrides  versioned.Cache[string, branchOverrides] // by branch
	work       versioned.Cache[string, doctorWork]      // by doctor
	branches   versioned.Cache[string, branchTime]
	rules      versioned.Cache[[2]string, booking.Rules] // by branch and service
	chairs     versioned.Cache[string, []clinic.Chair]   // a branch's active ones
}

// branchOverrides are a branch's closed and opened dates from some date on.
type branchOverrides struct{ closed, opened map[string]bool }

// cacheReach is how far back the cached exceptions and overrides go from the instant
// they are read: an answer never starts before now, and looks a day or two back at
// most (a shift begun the evening before, visits crossing midnight).
const cacheReach = 3 * daySeconds

// farAhead bounds the cached reads' ranges from above.
const farAhead = 100 * 366 * daySeconds

// exceptionsDuring answers the doctors' exceptions overlapping during, from the
// cache (under version) of all their exceptions from a little before now, or from the
// database for a range older than that.
func (s *Service) exceptionsDuring(ctx context.Context, version int64, now time.Time, ids []string, during span) ([]Exception, error) {
	since := now.Unix() - cacheReach
	if during.from < since {
		return s.store.exceptionsOf(ctx, ids, during)
	}
	all, err := versioned.Read(&s.caches.exceptions, version, strings.Join(ids, ","), func() ([]Exception, error) {
		return s.store.exceptionsOf(ctx, ids, span{since, since + farAhead})
	})
	return exceptionsOverlapping(all, during), err
}

// exceptionsOverlapping is the exceptions that share an instant with during, in their order.
func exceptionsOverlapping(all []Exception, during span) []Exception {
	from, to := unixUTC(during.from), unixUTC(during.to)
	out := []Exception{}
	for _, e := range all {
		if e.Start.Before(to) && e.End.After(from) {
			out = append(out, e)
		}
	}
	return out
}

// closedDuring is closedDays with the branch's overrides from the cache kept under
// version.
func (s *Service) closedDuring(ctx context.Context, version int64, now time.Time, bt branchTime, first, last civil) (map[string]bool, error) {
	since := civilOf(now.Add(-cacheReach*time.Second), time.UTC)
	if first.before(since) {
		return s.closedDays(ctx, bt, first, last)
	}
	o, err := versioned.Read(&s.caches.overrides, version, bt.id, func() (branchOverrides, error) {
		closed, opened, err := s.store.dayOverrides(ctx, bt.id, since, since.add(36600))
		return branchOverrides{closed, opened}, err
	})
	if err != nil {
		return nil, err
	}
	f, l := first.String(), last.String()
	closed := map[string]bool{}
	for day := range o.closed {
		if f <= day && day <= l {
			closed[day] = true
		}
	}
	return withHolidays(closed, o.opened, bt.country, first, last), nil
}
