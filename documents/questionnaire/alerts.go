package questionnaire

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// alertSources are the questions that become medical alerts, in the order staff read
// them: choices give one alert per chosen option, free text one alert of its own.
var alertSources = []struct{ linkID, kind string }{
	{"allergies", AlertAllergy}, {"allergies_other", AlertAllergy},
	{"medications", AlertMedication},
	{"conditions", AlertCondition}, {"conditions_other", AlertCondition},
	{"anaesthesia_reaction", AlertAnaesthesia},
	{"pregnancy", AlertPregnancy},
}

// noAlert are the option codes that say "nothing to report".
var noAlert = []string{"none", "no", "other"}

// buildAlerts turns answers into alerts, labelled in locale (the branch's: staff read them).
func buildAlerts(d *Definition, a Answers, locale string) []Alert {
	t := textFor(locale)
	out := []Alert{}
	for _, src := range alertSources {
		it, ok := d.Item(src.linkID)
		if !ok {
			continue
		}
		for _, code := range alertValues(it, a[src.linkID]) {
			label := code
			if o, ok := it.Option(code); ok {
				label = o.Text.In(locale)
			} else {
				code = src.linkID
			}
			out = append(out, Alert{Kind: src.kind, Code: code, Text: t.kinds[src.kind] + ": " + label})
		}
	}
	return out
}

// alertValues are the codes (or free text) an answer raises alerts for.
func alertValues(it *Item, v any) []string {
	var vs []string
	switch x := v.(type) {
	case string:
		vs = []string{x}
	case []string:
		vs = x
	}
	var out []string
	for _, s := range vs {
		if s = strings.TrimSpace(s); s != "" && !(it.isChoice() && slices.Contains(noAlert, s)) {
			out = append(out, s)
		}
	}
	return out
}

// markChanged flags the alerts that the previous submitted response did not have (or
// had with other words). With no previous response there is nothing to compare.
func markChanged(now, before []Alert, hadBefore bool) []Alert {
	for i := range now {
		now[i].Changed = hadBefore && !slices.ContainsFunc(before, func(b Alert) bool {
			return b.Kind == now[i].Kind && b.Code == now[i].Code && b.Text == now[i].Text
		})
	}
	return now
}

// lines are the alerts as the card's display lines.
func lines(alerts []Alert) []string {
	out := make([]string, len(alerts))
	for i, a := range alerts {
		out[i] = a.Line()
	}
	return out
}

// display is one answer as text in locale.
func display(it *Item, v any, locale string) string {
	t := textFor(locale)
	switch x := v.(type) {
	case bool:
		if x {
			return t.Yes
		}
		return t.No
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []string:
		parts := make([]string, len(x))
		for i, code := range x {
			parts[i] = optionText(it, code, locale)
		}
		return strings.Join(parts, ", ")
	case string:
		if it.Type == TypeDate {
			return displayDate(x, locale)
		}
		return optionText(it, x, locale)
	}
	return ""
}

func optionText(it *Item, code, locale string) string {
	if o, ok := it.Option(code); ok {
		return o.Text.In(locale)
	}
	return code
}

// displayDate writes YYYY-MM-DD the way the locale writes dates on paper.
func displayDate(s, locale string) string {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	switch locale {
	case "ru", "pl":
		return d.Format("02.01.2006")
	case "en":
		return d.Format("2 January 2006")
	}
	return s
}
