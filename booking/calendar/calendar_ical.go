package calendar

import (
	"encoding/json"
	"strings"
	"unicode"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
	"github.com/frontdeskhq/frontdesk/visit"
)

// feedRefresh is how often clients are asked to poll; most take it as a hint only.
const feedRefresh = "PT15M"

// renderCalendar builds the document. Times are UTC (the Z form), which every client
// places correctly in any zone without VTIMEZONE blocks; X-WR-TIMEZONE only hints
// at the branch's zone for display. DTSTAMP is the row's last change, so an unchanged
// feed is byte for byte the same on every fetch.
func renderCalendar(sub subjectRow, events []feedEvent) []byte {
	cal := ics.NewCalendarFor("Frontdesk")
	cal.SetProductId("-//Frontdesk//Calendar feed//EN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetName(icalText(sub.Name))
	cal.SetXWRCalName(icalText(sub.Name))
	if sub.Zone != "" {
		cal.SetXWRTimezone(icalText(sub.Zone))
	}
	cal.SetRefreshInterval(feedRefresh)
	cal.SetXPublishedTTL(feedRefresh)
	for _, e := range events {
		addFeedEvent(cal, e)
	}
	return []byte(cal.Serialize(ics.WithNewLineWindows))
}

// addFeedEvent adds one visit. The UID is the appointment's id, so clients update the
// event in place; SEQUENCE is the row's, bumped by every change staff can see.
func addFeedEvent(cal *ics.Calendar, e feedEvent) {
	ev := cal.AddEvent(e.ID + "@frontdesk")
	ev.SetDtStampTime(e.UpdatedAt)
	ev.SetCreatedTime(e.CreatedAt)
	ev.SetModifiedAt(e.UpdatedAt)
	ev.SetSequence(e.Sequence)
	ev.SetStartAt(e.Start)
	ev.SetEndAt(e.End)
	ev.SetSummary(icalText(feedSummary(e)))
	ev.SetLocation(icalText(e.BranchName))
	ev.SetClass(ics.ClassificationPrivate)
	ev.SetStatus(feedStatus(e.Status))
	if feedStatus(e.Status) == ics.ObjectStatusCancelled {
		ev.SetTimeTransparency(ics.TransparencyTransparent)
	}
}

// icalText readies a value for a TEXT property (RFC 5545 3.3.11). golang-ical escapes
// backslash, ';', ',' and LF itself, so escaping them here would double them; but it
// passes CR and the other control characters through raw, and a raw CR or LF ends the
// content line, letting a stored name forge properties. So line breaks become one LF
// (written as \n) and every other control character, which TEXT may not hold, is dropped.
func icalText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if r != '\n' && (r < 0x20 || r == 0x7f) {
			return -1
		}
		return r
	}, s)
}

// feedStatus: a booked visit the patient has not confirmed is TENTATIVE; a visit that
// will not (or did not) happen at this time — cancelled, no-show, moved — is CANCELLED.
func feedStatus(s visit.Status) ics.ObjectStatus {
	switch s {
	case visit.Booked:
		return ics.ObjectStatusTentative
	case visit.Cancelled, visit.NoShow, visit.Rescheduled:
		return ics.ObjectStatusCancelled
	}
	return ics.ObjectStatusConfirmed
}

// feedSummary is the patient's initials and the service: enough to recognise the visit,
// nothing clinical.
func feedSummary(e feedEvent) string {
	name := serviceName(e.ServiceNames, e.Locale, e.ServiceCode)
	if in := initials(e.FirstName, e.LastName); in != "" {
		return in + " · " + name
	}
	return name
}

func initials(names ...string) string {
	var out strings.Builder
	for _, n := range names {
		// Cleaned first, so a name opening with a control character still gives a letter.
		if r, _ := utf8.DecodeRuneInString(strings.TrimSpace(icalText(n))); r != utf8.RuneError {
			out.WriteString(string(unicode.ToUpper(r)) + ".")
		}
	}
	return out.String()
}

// serviceName is the name in the branch's locale, else English, else the code.
func serviceName(namesJSON, locale, code string) string {
	var names map[string]string
	if json.Unmarshal([]byte(namesJSON), &names) != nil {
		return code
	}
	for _, l := range []string{locale, "en"} {
		if n := strings.TrimSpace(names[l]); n != "" {
			return n
		}
	}
	return code
}
