package messaging

import (
	"strings"
	"time"
)

// weekdays are short weekday names, Sunday first as time.Weekday counts.
var weekdays = map[string][7]string{
	"ru": {"вс", "пн", "вт", "ср", "чт", "пт", "сб"},
	"pl": {"niedz.", "pon.", "wt.", "śr.", "czw.", "pt.", "sob."},
	"sv": {"sön", "mån", "tis", "ons", "tor", "fre", "lör"},
}

// dateLayouts are how each language writes a visit's date and time; WD stands for the
// local weekday name, which Go's layouts only know in English.
var dateLayouts = map[string]string{
	"en": "Mon 2 Jan 2006 at 15:04",
	"ru": "WD, 02.01.2006 в 15:04",
	"pl": "WD, 02.01.2006, godz. 15:04",
	"sv": "WD 2006-01-02 kl. 15:04",
}

// formatDateTime writes t (already in the branch's zone) the way a patient reading
// locale expects it.
func formatDateTime(locale string, t time.Time) string {
	layout, ok := dateLayouts[locale]
	if !ok {
		layout = dateLayouts[FallbackLocale]
	}
	out := t.Format(layout)
	if names, ok := weekdays[locale]; ok {
		out = strings.Replace(out, "WD", names[t.Weekday()], 1)
	}
	return out
}
