package widget_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestBookedVisitDownloadsAsICS(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		token := k.book(k.freeSlot(), "+48 601 234 567")
		r := k.e.Anonymous().Do(http.MethodGet, "/api/v1/public/visits/"+token+"/visit.ics", nil)
		body := string(r.Body)
		if r.Status != http.StatusOK || !strings.HasPrefix(r.Header.Get("Content-Type"), "text/calendar") {
			t.Fatalf("ics: %d %v %s", r.Status, r.Header, body)
		}
		if !contains(body, "BEGIN:VEVENT", "UID:", "@frontdesk", "DTSTART:", "SUMMARY:", "STATUS:TENTATIVE", "\r\n") {
			t.Errorf("ics body:\n%s", body)
		}
		if strings.Contains(body, token) {
			t.Error("the calendar file carries the manage link's secret")
		}
		if r := k.e.Anonymous().Do(http.MethodGet, "/api/v1/public/visits/nope/visit.ics", nil); r.Status != http.StatusNotFound {
			t.Errorf("unknown link: %d", r.Status)
		}
	})
}
