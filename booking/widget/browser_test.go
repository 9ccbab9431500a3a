package widget_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/browsertest"
)

// visitOf is the visit the widget booked, read through the staff API.
func (s *site) visitOf(t *testing.T, p *page) map[string]any {
	t.Helper()
	id := p.Text(`document.querySelector('frontdesk-booking').s.result.visit.id`)
	r := s.owner.Do(http.MethodGet, "/api/v1/appointments/"+id, nil)
	if r.Status != http.StatusOK {
		t.Fatalf("the booked appointment %s: %d %s", id, r.Status, r.Body)
	}
	var a map[string]any
	r.Decode(t, &a)
	return a
}

func TestBrowserBooksOnTheDemoPageAt360px(t *testing.T) {
	s := newSite(t)
	p := s.open(t, s.base+"/widget/demo?locale=en", 360, 800)
	dir := browsertest.ScreenshotDir(t)
	n := 0
	p.onStep = func(step string) {
		n++
		p.screenshot(dir, strings.Join([]string{string(rune('0' + n)), step}, "-"))
	}
	p.bookByMouse(anna)
	a := s.visitOf(t, p)
	if a["status"] != "booked" || a["source"] != "widget" || a["branch_id"] != s.branch {
		t.Errorf("the booked appointment: %v", a)
	}
	links := p.Text(root + `.querySelector('.links').innerHTML`)
	if !contains(links, "/visit.ics", "https://frontdesk.test/v/") {
		t.Errorf("done step links: %s", links)
	}
	// The month view (two, when the day is picked from the next month), then the
	// chosen day's times.
	if r := p.availabilityRequests(); r.Days != 1 || r.Months < 1 || r.Months > 2 {
		t.Errorf("availability requests %+v, want 1 or 2 months and the chosen day's times once", r)
	}
	reportSpeed(t, p)
}

// reportSpeed logs the time from the script's request to the first usable step,
// measured by the browser's Performance API (a figure, not an assertion).
func reportSpeed(t *testing.T, p *page) {
	var m struct{ Fetch, Exec, Ready float64 }
	p.Eval(`(() => { const r = performance.getEntriesByType('resource').find((e) => e.name.includes('/widget.js'));
		return { fetch: r.startTime, exec: performance.getEntriesByName('frontdesk:script')[0].startTime,
			ready: performance.getEntriesByName('frontdesk:ready')[0].startTime }; })()`, &m)
	t.Logf("speed: script requested at %.0f ms, running at %.0f ms, first step usable at %.0f ms: "+
		"%.0f ms from script load, %.0f ms from script start", m.Fetch, m.Exec, m.Ready, m.Ready-m.Fetch, m.Ready-m.Exec)
}
