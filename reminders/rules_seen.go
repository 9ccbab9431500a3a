package reminders

import (
	"sync"

	"github.com/frontdeskhq/frontdesk/visit"
)

// branchRules are what of a branch's settings decide a new visit's texts: its
// reminder rules as stored ("" for the defaults) and whether it confirms bookings from
// the visit's source.
type branchRules struct {
	Settings       string `db:"settings"`
	ConfirmBooking bool   `db:"confirm_booking"`
}

// settings is the rules' text as plannedVisit holds it (nil for the defaults).
func (r branchRules) settings() *string {
	if r.Settings == "" {
		return nil
	}
	return &r.Settings
}

// rulesKey names the rules of one branch for one source.
type rulesKey struct {
	branch string
	source visit.Source
}

// rulesSeen keeps the rules last read for each branch and source, so a booking's texts
// are prepared without reading them. They may be stale (another instance changed them):
// the booking's transaction reads them again (rulesAsRead), plans afresh when they
// differ, and what it read replaces what was kept.
type rulesSeen struct {
	mu sync.Mutex
	m  map[rulesKey]branchRules
}

func newRulesSeen() *rulesSeen { return &rulesSeen{m: map[rulesKey]branchRules{}} }

func (r *rulesSeen) get(k rulesKey) (branchRules, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	v, ok := r.m[k]
	return v, ok
}

func (r *rulesSeen) put(k rulesKey, v branchRules) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.m[k] = v
}

// forget drops what was kept of a branch, after this instance changed its rules.
func (r *rulesSeen) forget(branchID string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k := range r.m {
		if k.branch == branchID {
			delete(r.m, k)
		}
	}
}
