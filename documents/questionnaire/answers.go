package questionnaire

import (
	"net/mail"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/frontdeskhq/frontdesk/clinic"
)

// Answers are a response's answers by linkId: string (text, dates as YYYY-MM-DD,
// choice codes), bool, float64 (numbers) or []string (repeating choices).
type Answers = map[string]any

// Raw is what a patient sent: the values of each linkId as typed (a form, or JSON
// turned into strings). Nothing in it has been trusted yet.
type Raw map[string][]string

// Problem is one field's reason for refusal; Message renders it in a language.
type Problem struct {
	LinkID string
	Code   string
	Arg    int
}

// Limits that keep one response small whatever a client sends.
const (
	// MaxValues bounds the values one linkId may carry.
	MaxValues = 20
	// DefaultMaxLength bounds a text answer whose item sets no maxLength.
	DefaultMaxLength = 2000
	// MaxAnswersBytes bounds the stored answers as JSON.
	MaxAnswersBytes = 32 << 10
)

// Check is how answers are read: Strict (a submission) requires the required answers
// and refuses any malformed value; a draft keeps what it can.
type Check struct {
	Strict bool
	// Country is the default region of phone numbers (the branch's).
	Country string
	// Today is the patient's local date, for ages and birth dates.
	Today time.Time
	// ConsentAge is the branch's age of medical consent; 0 is 18.
	ConsentAge int
}

// Read turns raw values into typed answers, drops the answers of questions that are
// not shown, and lists the problems. Unknown linkIds are ignored.
func (d *Definition) Read(raw Raw, c Check) (Answers, []Problem) {
	out, problems := Answers{}, []Problem{}
	section := true
	for i := range d.Items {
		it := &d.Items[i]
		if it.Type == TypeGroup {
			section = d.enabled(it, out, c)
			continue
		}
		if !section || !d.enabled(it, out, c) {
			continue
		}
		v, p := readItem(it, clean(raw[it.LinkID]), c)
		if v != nil {
			out[it.LinkID] = v
		}
		if p != nil && (c.Strict || p.Code == "too_long" || p.Code == "too_many") {
			problems = append(problems, *p)
		}
	}
	return out, problems
}

// clean trims values and drops empty ones.
func clean(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// readItem reads one item's values: the typed value (nil: no answer) and its problem.
func readItem(it *Item, vs []string, c Check) (any, *Problem) {
	problem := func(code string, arg int) *Problem { return &Problem{LinkID: it.LinkID, Code: code, Arg: arg} }
	switch {
	case len(vs) > MaxValues:
		return nil, problem("too_many", MaxValues)
	case len(vs) == 0 && it.Required && it.Type == TypeBoolean:
		return nil, problem("accept", 0)
	case len(vs) == 0 && it.Required:
		return nil, problem("required", 0)
	case len(vs) == 0:
		return nil, nil
	case it.Repeats:
		return readChoices(it, vs, problem)
	case len(vs) > 1:
		return vs[0], problem("single", 0)
	}
	return readValue(it, vs[0], c, problem)
}

func readChoices(it *Item, vs []string, problem func(string, int) *Problem) (any, *Problem) {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		if _, ok := it.Option(v); !ok && it.Type == TypeChoice {
			return out, problem("option", 0)
		}
		if utf8.RuneCountInString(v) > maxLength(it) {
			return out, problem("too_long", maxLength(it))
		}
		out = append(out, v)
	}
	return out, nil
}

func maxLength(it *Item) int {
	if it.MaxLength > 0 {
		return it.MaxLength
	}
	return DefaultMaxLength
}

// readValue reads one value by type; a value it cannot read is kept as the text sent,
// so a draft or a refused page gives it back to the patient as typed.
func readValue(it *Item, v string, c Check, problem func(string, int) *Problem) (any, *Problem) {
	if n := maxLength(it); utf8.RuneCountInString(v) > n {
		return nil, problem("too_long", n)
	}
	switch it.Type {
	case TypeBoolean:
		return readBool(it, v, problem)
	case TypeInteger, TypeDecimal:
		return readNumber(it, v, problem)
	case TypeDate:
		return v, checkDate(it, v, c, problem)
	case TypeChoice:
		if _, ok := it.Option(v); !ok {
			return v, problem("option", 0)
		}
	case TypeEmail:
		if a, err := mail.ParseAddress(v); err != nil || a.Address != v {
			return v, problem("email", 0)
		}
	case TypePhone:
		if n, ok := clinic.NormalizePhone(v, c.Country); ok {
			return n, nil
		}
		return v, problem("phone", 0)
	}
	return v, nil
}

func readBool(it *Item, v string, problem func(string, int) *Problem) (any, *Problem) {
	switch v {
	case "true", "on", "yes":
		return true, nil
	case "false", "no":
		if it.Required {
			return false, problem("accept", 0)
		}
		return false, nil
	}
	return nil, problem("boolean", 0)
}

func readNumber(it *Item, v string, problem func(string, int) *Problem) (any, *Problem) {
	f, err := strconv.ParseFloat(strings.Replace(v, ",", ".", 1), 64)
	switch {
	case err != nil || (it.Type == TypeInteger && f != float64(int64(f))):
		return v, problem(it.Type, 0)
	case it.Min != nil && f < *it.Min:
		return f, problem("min", int(*it.Min))
	case it.Max != nil && f > *it.Max:
		return f, problem("max", int(*it.Max))
	}
	return f, nil
}

// checkDate accepts YYYY-MM-DD; a birth date must lie between 1900 and today.
func checkDate(it *Item, v string, c Check, problem func(string, int) *Problem) *Problem {
	d, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return problem("date", 0)
	}
	if it.LinkID == BirthDateLink && (d.Year() < 1900 || (!c.Today.IsZero() && d.After(c.Today))) {
		return problem("birth_date", 0)
	}
	return nil
}
