package doctemplate

import (
	"fmt"
	"strconv"
	"strings"
	"text/template"
	"time"
)

// blankLine is what a template prints where a value is missing: a line to fill in by hand.
const blankLine = "____________"

// funcsFor is the template functions of one locale: a template's locale is fixed by
// its folder, so dates and money read the way its text does.
func funcsFor(locale string) template.FuncMap {
	f := formatsFor(locale)
	return template.FuncMap{
		"date":     func(v any) (string, error) { return f.whenever(v, f.date) },
		"datetime": func(v any) (string, error) { return f.whenever(v, f.dateTime) },
		"time":     func(v any) (string, error) { return f.whenever(v, f.clock) },
		"money":    f.money,
		"yesno":    f.yesNo,
		"sex":      f.sex,
		"join":     func(items []string, sep string) string { return strings.Join(items, sep) },
		"blank":    blank,
		"inc":      func(i int) int { return i + 1 },
		"lineTotal": func(it PlanItem) Money {
			return Money{Minor: it.Price.Minor * int64(it.Qty), Currency: it.Price.Currency}
		},
		"year": year,
	}
}

// whenever applies format to a time or a *time.Time; a missing time is a blank line.
func (f formats) whenever(v any, format func(time.Time) string) (string, error) {
	switch t := v.(type) {
	case time.Time:
		if t.IsZero() {
			return escape(blankLine), nil
		}
		return format(t), nil
	case *time.Time:
		if t == nil || t.IsZero() {
			return escape(blankLine), nil
		}
		return format(*t), nil
	}
	return "", fmt.Errorf("want a time, got %T", v)
}

func (f formats) date(t time.Time) string {
	return fmt.Sprintf(f.dateLayout, t.Day(), f.months[t.Month()-1], t.Year())
}

func (f formats) dateTime(t time.Time) string {
	return f.date(t) + f.atTime + f.clock(t)
}

func (f formats) clock(t time.Time) string { return t.Format("15:04") }

// yesNo reads a boolean or a yes/no-like answer; other text passes unchanged.
func (f formats) yesNo(v any) string {
	switch b := v.(type) {
	case bool:
		return f.yesNoWords[boolIndex(b)]
	case string:
		if parsed, err := strconv.ParseBool(strings.TrimSpace(b)); err == nil {
			return f.yesNoWords[boolIndex(parsed)]
		}
		if strings.TrimSpace(b) == "" {
			return escape(blankLine)
		}
		return b
	}
	return fmt.Sprint(v)
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sex names a FHIR administrative gender (male, female, other, unknown) in the locale.
func (f formats) sex(code string) string {
	if word, ok := f.sexWords[strings.ToLower(strings.TrimSpace(code))]; ok {
		return word
	}
	if strings.TrimSpace(code) == "" {
		return escape(blankLine)
	}
	return code
}

// blank prints the value, or a fill-in line when it is empty.
func blank(v any) string {
	s := ""
	if v != nil {
		s = fmt.Sprint(v)
	}
	if strings.TrimSpace(s) == "" || s == "0" {
		return escape(blankLine)
	}
	return s
}

func year(v any) (int, error) {
	switch t := v.(type) {
	case time.Time:
		return t.Year(), nil
	case *time.Time:
		if t != nil {
			return t.Year(), nil
		}
		return 0, nil
	}
	return 0, fmt.Errorf("want a time, got %T", v)
}
