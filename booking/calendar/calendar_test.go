package calendar

import (
	"bytes"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/frontdeskhq/frontdesk/visit"
)

// TestRenderCalendarAcrossDST renders visits at 10:00 Warsaw time on both sides of
// both DST changes of 2026 and checks the UTC instants the feed carries.
func TestRenderCalendarAcrossDST(t *testing.T) {
	warsaw, err := time.LoadLocation("Europe/Warsaw")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		day  string
		want string
	}{
		{"2026-03-28", "20260328T090000Z"}, // CET, UTC+1
		{"2026-03-30", "20260330T080000Z"}, // CEST, UTC+2
		{"2026-10-24", "20261024T080000Z"},
		{"2026-10-26", "20261026T090000Z"},
	}
	var events []feedEvent
	for i, c := range cases {
		d, _ := time.ParseInLocation("2006-01-02 15:04", c.day+" 10:00", warsaw)
		events = append(events, feedEvent{ID: c.day, Status: visit.Booked, Start: d, End: d.Add(30 * time.Minute), Sequence: i,
			FirstName: "jan", LastName: "Kowalski", ServiceNames: `{"pl":"Przegląd","en":"Check-up"}`, Locale: "pl", BranchName: "Centrum"})
	}
	body := renderCalendar(subjectRow{Name: "Centrum", Zone: "Europe/Warsaw"}, events)
	cal, err := ics.ParseCalendar(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	for i, ev := range cal.Events() {
		if got := ev.GetProperty(ics.ComponentPropertyDtStart).Value; got != cases[i].want {
			t.Errorf("%s: DTSTART %s, want %s", cases[i].day, got, cases[i].want)
		}
		start, _ := ev.GetStartAt()
		if !start.Equal(events[i].Start) {
			t.Errorf("%s: parsed start %s, want %s", cases[i].day, start, events[i].Start)
		}
	}
}

func TestRenderCalendarLinesAndStatuses(t *testing.T) {
	start := time.Date(2026, 5, 4, 8, 0, 0, 0, time.UTC)
	statuses := map[visit.Status]ics.ObjectStatus{visit.Booked: ics.ObjectStatusTentative, visit.Confirmed: ics.ObjectStatusConfirmed,
		visit.Arrived: ics.ObjectStatusConfirmed, visit.Seated: ics.ObjectStatusConfirmed, visit.Completed: ics.ObjectStatusConfirmed,
		visit.Cancelled: ics.ObjectStatusCancelled, visit.NoShow: ics.ObjectStatusCancelled, visit.Rescheduled: ics.ObjectStatusCancelled}
	var events []feedEvent
	for s := range statuses {
		events = append(events, feedEvent{ID: string(s), Status: s, Start: start, End: start.Add(time.Hour),
			FirstName: "Łukasz", LastName: "żak", ServiceNames: `{"en":"A very long service name, with commas; and semicolons, to fold the line"}`,
			Locale: "sv", BranchName: "Gamla stan, Stockholm"})
	}
	body := renderCalendar(subjectRow{Name: "Dr Nowak"}, events)
	if n := bytes.Count(body, []byte("\n")); n == 0 || n != bytes.Count(body, []byte("\r\n")) {
		t.Fatalf("%d line feeds, %d CRLF: every line must end in CRLF", n, bytes.Count(body, []byte("\r\n")))
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	for _, ev := range cal.Events() {
		id := strings.TrimSuffix(ev.Id(), "@frontdesk")
		if got := ev.GetProperty(ics.ComponentPropertyStatus).Value; got != string(statuses[visit.Status(id)]) {
			t.Errorf("%s: STATUS %s, want %s", id, got, statuses[visit.Status(id)])
		}
		want := "Ł.Ż. · A very long service name, with commas; and semicolons, to fold the line"
		if got := ev.GetProperty(ics.ComponentPropertySummary).Value; got != want {
			t.Errorf("SUMMARY %q, want %q", got, want)
		}
	}
}

func TestServiceNameFallsBack(t *testing.T) {
	cases := []struct{ names, locale, want string }{
		{`{"pl":"Przegląd","en":"Check-up"}`, "pl", "Przegląd"},
		{`{"pl":"Przegląd","en":"Check-up"}`, "ru", "Check-up"},
		{`{"pl":"Przegląd"}`, "ru", "CHK"},
		{`not json`, "en", "CHK"},
	}
	for _, c := range cases {
		if got := serviceName(c.names, c.locale, "CHK"); got != c.want {
			t.Errorf("serviceName(%s, %s) = %q, want %q", c.names, c.locale, got, c.want)
		}
	}
}

// TestICalText covers what PostgreSQL cannot store (NUL) along with the line breaks.
func TestICalText(t *testing.T) {
	cases := map[string]string{
		"a\r\nb":            "a\nb",
		"a\nb\rc":           "a\nbc",
		"x\x00y\x1f\x7f\tz": "xyz",
		`back\slash; a, b`:  `back\slash; a, b`,
		"Zażółć gęślą jaźń": "Zażółć gęślą jaźń",
	}
	for in, want := range cases {
		if got := icalText(in); got != want {
			t.Errorf("icalText(%q) = %q, want %q", in, got, want)
		}
	}
}
