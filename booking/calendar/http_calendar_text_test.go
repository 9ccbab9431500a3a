package calendar_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Stored names carrying line breaks, TEXT's special characters and control characters.
// They go straight into the rows: older data or another writer may hold them whatever
// the API accepts today, and the feed must stay well formed anyway.
const (
	rawBranch  = "Centrum\r\nATTENDEE:mailto:x@evil.test\rX;y,z\\w\x1f\x07\x7f\tend"
	rawService = "Prze\x1bgląd; scaling,\npolish\\"
	rawDoctor  = "Dr\r\nEvil, M;D\x01"
	rawFirst   = "\x1e\x02jan"
)

// What the values read as once the control characters are gone, and how they are written.
const (
	cleanBranch  = "Centrum\nATTENDEE:mailto:x@evil.test" + "X;y,z\\wend"
	cleanSummary = "J.K. · Przegląd; scaling,\npolish\\"
	lineLocation = `LOCATION:Centrum\nATTENDEE:mailto:x@evil.testX\;y\,z\\wend`
	lineSummary  = `SUMMARY:J.K. · Przegląd\; scaling\,\npolish\\`
	lineCalName  = `X-WR-CALNAME:Dr\nEvil\, M\;D`
	lineName     = `NAME:Dr\nEvil\, M\;D`
)

func TestCalendarFeedEscapesTextAndDropsControlCharacters(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newCalFixture(t, d)
		names, _ := json.Marshal(map[string]string{"pl": rawService, "en": "Check-up"})
		for _, u := range []struct {
			query string
			args  []any
		}{
			{`UPDATE branches SET name = ? WHERE id = ?`, []any{rawBranch, f.warsaw.ID}},
			{`UPDATE services SET names = ? WHERE id = ?`, []any{string(names), f.service.ID}},
			{`UPDATE doctors SET display_name = ? WHERE id = ?`, []any{rawDoctor, f.doctors[0].ID}},
			{`UPDATE patients SET first_name = ? WHERE id = ?`, []any{rawFirst, f.patient.ID}},
		} {
			if err := db.Exec(context.Background(), d.W, u.query, u.args...); err != nil {
				t.Fatalf("%s: %v", u.query, err)
			}
		}
		id, _ := f.add(calVisit{f.warsaw, f.chairW, 0, 3, "booked"})

		r, events := f.fetch(f.feedURL(f.docAPI[0], ""))
		lines := unfoldedLines(r.Body)
		for i, line := range lines {
			if strings.ContainsFunc(line, isControl) {
				t.Errorf("line %d holds a control character: %q", i, line)
			}
			if strings.HasPrefix(line, "ATTENDEE") {
				t.Errorf("line %d is a forged property: %q", i, line)
			}
		}
		for _, want := range []string{lineLocation, lineSummary, lineCalName, lineName} {
			if !containsLine(lines, want) {
				t.Errorf("no line %q in\n%s", want, r.Body)
			}
		}
		ev := events[id]
		if ev == nil {
			t.Fatalf("event %s is missing", id)
		}
		if got := icsProp(ev, ics.ComponentPropertySummary); got != cleanSummary {
			t.Errorf("SUMMARY parses back as %q, want %q", got, cleanSummary)
		}
		if got := icsProp(ev, ics.ComponentPropertyLocation); got != cleanBranch {
			t.Errorf("LOCATION parses back as %q, want %q", got, cleanBranch)
		}
	})
}

// unfoldedLines joins folded content lines (CRLF then one space or tab) and splits the
// feed at its CRLF line ends, so any CR or LF left inside a line was written raw.
func unfoldedLines(body []byte) []string {
	s := strings.NewReplacer("\r\n ", "", "\r\n\t", "").Replace(string(body))
	return strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

func containsLine(lines []string, want string) bool {
	for _, l := range lines {
		if l == want {
			return true
		}
	}
	return false
}
