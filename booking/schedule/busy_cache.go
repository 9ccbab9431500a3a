package schedule

import (
	"context"
	"math"
	"sync"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
)

// busyCache keeps each branch's busy stretches in memory, by UTC day of their start.
// Reading a big clinic's month from the database was most of an availability
// answer; now an answer asks only for the versions of its days (busy_days, counted
// up by triggers in the very transaction that changes an appointment) and reads again
// just the days whose version moved. Whichever process or instance wrote, the next
// answer sees it: no message between instances has to arrive first.
type busyCache struct {
	mu       sync.Mutex
	branches map[string]*branchBusy
}

// branchBusy is one branch's cached days and the ids its stretches name.
type branchBusy struct {
	mu    sync.Mutex
	days  map[int64]busyDay
	ids   []string // doctors' and chairs' ids, by place; only ever appended to
	place map[string]int32
}

// busyDay is the stretches starting in one UTC day, as of a version of the day:
// visits, each occupying its doctor and its chair at once (an answer looks each up
// on its grid once for both), and holds apart, since whether one still occupies is
// asked each time.
type busyDay struct {
	version int64
	visits  []busyStretch
	holds   []busyStretch
}

// busyStretch is a cached busy row: the doctor's and the chair's places in the
// branch's ids (-1 for no chair), the stretch, and when a hold lapses.
type busyStretch struct {
	doctor, chair int32
	span
	lapses int64
}

// busyView is what one answer reads of a branch: the days from the first (a UTC
// day number), shared with the cache and never changed after they are stored, and the
// ids they name.
type busyView struct {
	ids   []string
	first int64
	days  []busyDay
}

// maxBlockedSeconds is booking.MaxBlocked: a stretch starting that long before a
// range can still reach into it.
const maxBlockedSeconds = int64(booking.MaxBlocked / time.Second)

// at answers the branch's stretches that may touch during, reading again the days
// whose version moved since they were cached.
// known are versions the answer read first; days outside them (an answer looking
// further for the next free time) have theirs read here.
func (c *busyCache) at(ctx context.Context, st schedStore, branchID string, during span, now time.Time, known versions) (busyView, error) {
	lo, hi := floorDiv(during.from-maxBlockedSeconds, utcDay), floorDiv(during.to-1, utcDay)
	if !known.covers(lo, hi) {
		var err error
		if known, err = st.readVersions(ctx, branchID, lo, hi); err != nil {
			return busyView{}, err
		}
	}
	b := c.branch(branchID)
	if first, last, stale := b.stale(lo, hi, known); stale {
		loaded, rows, err := st.loadDays(ctx, branchID, first, last)
		if err != nil {
			return busyView{}, err
		}
		b.store(first, last, loaded, rows, floorDiv(now.Unix()-maxBlockedSeconds, utcDay))
	}
	return b.view(lo, hi), nil
}

// branch returns the branch's cache, made on first use.
func (c *busyCache) branch(id string) *branchBusy {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.branches == nil {
		c.branches = map[string]*branchBusy{}
	}
	b := c.branches[id]
	if b == nil {
		b = &branchBusy{days: map[int64]busyDay{}, place: map[string]int32{}}
		c.branches[id] = b
	}
	return b
}

// stale answers the first and last day of lo..hi whose cached version differs from
// the database's (a day not cached differs too).
func (b *branchBusy) stale(lo, hi int64, v versions) (first, last int64, any bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for d := lo; d <= hi; d++ {
		if day, ok := b.days[d]; !ok || day.version != v.of(d) {
			if !any {
				first, any = d, true
			}
			last = d
		}
	}
	return first, last, any
}

// store keeps the days first..last as loaded, unless another answer already stored
// a later version of a day, and forgets days no answer needs any more: keep is the
// first day a stretch reaching now can start in, and two days more are kept so that
// an answer begun just before midnight still finds its days.
func (b *branchBusy) store(first, last int64, v versions, rows []heldRow, keep int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	byDay := map[int64]*busyDay{}
	for d := first; d <= last; d++ {
		byDay[d] = &busyDay{version: v.of(d)}
	}
	for _, r := range rows {
		b.add(byDay[floorDiv(r.from, utcDay)], r)
	}
	for d, day := range byDay {
		if old, ok := b.days[d]; !ok || old.version <= day.version {
			b.days[d] = *day
		}
	}
	for d := range b.days {
		if d < keep-2 {
			delete(b.days, d)
		}
	}
}

// add files a loaded stretch under its day.
func (b *branchBusy) add(day *busyDay, r heldRow) {
	if day == nil {
		return // started outside the days read: cannot happen, starts_at chose the rows
	}
	st := busyStretch{doctor: b.placeOf(r.doctorID), chair: b.placeOf(r.chairID), span: r.span, lapses: r.lapses}
	if r.lapses != math.MaxInt64 {
		day.holds = append(day.holds, st)
		return
	}
	day.visits = append(day.visits, st)
}

// placeOf is id's place in the branch's ids, given one on first sight; "" is -1.
func (b *branchBusy) placeOf(id string) int32 {
	if id == "" {
		return -1
	}
	p, ok := b.place[id]
	if !ok {
		p = int32(len(b.ids))
		b.ids = append(b.ids, id)
		b.place[id] = p
	}
	return p
}

// view is the cached days lo..hi and the ids they name.
func (b *branchBusy) view(lo, hi int64) busyView {
	b.mu.Lock()
	defer b.mu.Unlock()
	v := busyView{ids: b.ids, first: lo, days: make([]busyDay, 0, hi-lo+1)}
	for d := lo; d <= hi; d++ {
		v.days = append(v.days, b.days[d])
	}
	return v
}

// floorDiv divides rounding down, for instants before 1970 too.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
