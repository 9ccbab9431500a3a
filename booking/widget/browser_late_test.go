package widget_test

import (
	"net/http"
	"strings"
	"testing"
)

// setChangeWindow sets the branch's change window (minutes) through the staff API.
func (s *site) setChangeWindow(t *testing.T, minutes int) {
	t.Helper()
	path := "/api/v1/branches/" + s.branch + "/booking-rules"
	var rules map[string]any
	s.owner.Do(http.MethodGet, path, nil).Decode(t, &rules)
	rules["change_window_minutes"] = minutes
	delete(rules, "branch_id")
	if r := s.owner.Do(http.MethodPut, path, rules); r.Status != http.StatusOK {
		t.Fatalf("set the change window: %d %s", r.Status, r.Body)
	}
}

// lateNote is the text the details step shows about changing the visit online.
func (p *page) lateNote() string {
	return p.Text(root + `.querySelector('.late')?.textContent || ''`)
}

// A time inside the change window is said, before the patient books it, to be
// changeable only by phone; a time outside it is not.
func TestBrowserWidgetWarnsOfTheChangeWindowBeforeBooking(t *testing.T) {
	inside := newSite(t)
	inside.setChangeWindow(t, 43200) // 30 days: every time offered is inside
	p := inside.open(t, inside.base+"/widget/demo?locale=pl", 390, 800)
	p.toDetails(0)
	if note := p.lateNote(); !strings.Contains(note, "nie da się go przełożyć ani odwołać online") || !strings.Contains(note, "+48") {
		t.Errorf("inside the window the details step says %q", note)
	}

	outside := newSite(t)
	outside.setChangeWindow(t, 0)
	p = outside.open(t, outside.base+"/widget/demo?locale=pl", 390, 800)
	p.toDetails(0)
	if note := p.lateNote(); note != "" {
		t.Errorf("outside the window the details step says %q", note)
	}
}
