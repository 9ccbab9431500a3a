package reminders

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Limits of a branch's rules: a handful of reminders, none further ahead than a month.
const (
	maxRules = 6
	maxDays  = 30
	maxHours = 30 * 24
)

var ruleName = regexp.MustCompile(`^[a-z0-9_]{1,20}$`)

// problems collects the bad fields of one request.
type problems []fault.FieldError

func (p *problems) add(field, code, message string) {
	*p = append(*p, fault.FieldError{Field: field, Code: code, Message: message})
}

// validate checks s whole and answers 422 naming every bad field (rules[1].at).
func validate(s Settings) error {
	var p problems
	if s.Style != StyleConfirmFirst && s.Style != StyleReplyIfNotComing {
		p.add("style", "one_of", "must be confirm_first or reply_if_not_coming")
	}
	checkClock(&p, "quiet_from", s.QuietFrom, true)
	checkClock(&p, "quiet_to", s.QuietTo, true)
	if len(s.Rules) > maxRules {
		p.add("rules", "max", fmt.Sprintf("at most %d rules", maxRules))
	}
	seen := map[string]bool{}
	for i, r := range s.Rules {
		checkRule(&p, fmt.Sprintf("rules[%d]", i), r, seen)
	}
	if len(p) == 0 {
		return nil
	}
	return &fault.Error{Kind: fault.Unprocessable, Code: "validation_failed", Detail: "the reminder rules have invalid fields",
		Fields: p}
}

func checkRule(p *problems, at string, r Rule, seen map[string]bool) {
	switch {
	case !ruleName.MatchString(r.Name):
		p.add(at+".name", "format", "1-20 characters of a-z, 0-9 and _")
	case seen[r.Name]:
		p.add(at+".name", "unique", "another rule has this name")
	}
	seen[r.Name] = true
	switch r.Kind {
	case KindDaysBefore:
		checkDaysRule(p, at, r)
	case KindHoursBefore:
		if r.Hours < 1 || r.Hours > maxHours {
			p.add(at+".hours", "range", fmt.Sprintf("must be 1-%d", maxHours))
		}
	default:
		p.add(at+".kind", "one_of", "must be days_before or hours_before")
	}
}

func checkDaysRule(p *problems, at string, r Rule) {
	if r.Days < 0 || r.Days > maxDays {
		p.add(at+".days", "range", fmt.Sprintf("must be 0-%d", maxDays))
	}
	checkClock(p, at+".at", r.At, true)
	checkClock(p, at+".early_before", r.EarlyBefore, false)
	checkClock(p, at+".early_at", r.EarlyAt, r.EarlyBefore != "")
}

// checkClock wants a local time hh:mm; an empty one is fine unless required.
func checkClock(p *problems, field, v string, required bool) {
	if strings.TrimSpace(v) == "" {
		if required {
			p.add(field, "required", "a local time hh:mm is required")
		}
		return
	}
	if _, err := time.Parse("15:04", v); err != nil || len(v) != 5 {
		p.add(field, "time", "must be a local time hh:mm")
	}
}
