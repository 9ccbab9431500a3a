package waitlist

import (
	"encoding/json"
	"slices"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// checkWindow names every malformed date or preference.
func checkWindow(req JoinRequest) error {
	var p problems
	first, okFirst := parseCivil(req.Earliest)
	last, okLast := parseCivil(req.Latest)
	if !okFirst {
		p.add("earliest", "date", "must be a date YYYY-MM-DD")
	}
	if !okLast {
		p.add("latest", "date", "must be a date YYYY-MM-DD")
	}
	if okFirst && okLast && last.before(first) {
		p.add("latest", "range", "must not be before earliest")
	} else if okFirst && okLast && first.daysUntil(last) >= maxWaitDays {
		p.add("latest", "range", "must be within 366 days of earliest")
	}
	checkPreferences(&p, req.Preferences)
	return p.err()
}

func checkPreferences(p *problems, prefs Preferences) {
	for i, d := range prefs.Weekdays {
		if d < 1 || d > 7 || slices.Contains(prefs.Weekdays[:i], d) {
			p.add("preferences.weekdays", "range", "must be distinct ISO weekdays from 1 (Monday) to 7 (Sunday)")
			break
		}
	}
	from, okFrom := clockMinute(prefs.From)
	to, okTo := clockMinute(prefs.To)
	if !okFrom {
		p.add("preferences.from", "time", "must be a time HH:MM")
	}
	if !okTo {
		p.add("preferences.to", "time", "must be a time HH:MM")
	}
	if okFrom && okTo && prefs.From != "" && prefs.To != "" && from >= to {
		p.add("preferences.to", "range", "must be later than from")
	}
}

// clockMinute reads "HH:MM" as minutes after midnight; "" is fine (no bound).
func clockMinute(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, false
	}
	return t.Hour()*60 + t.Minute(), true
}

func prefixFields(fe *fault.Error, prefix string) error {
	out := *fe
	out.Fields = make([]fault.FieldError, len(fe.Fields))
	for i, f := range fe.Fields {
		f.Field = prefix + f.Field
		out.Fields[i] = f
	}
	return &out
}

// preferencesJSON is how preferences are stored.
func preferencesJSON(p Preferences) string {
	b, err := json.Marshal(p)
	if err != nil {
		return "{}"
	}
	return string(b)
}
