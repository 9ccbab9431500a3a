package questionnaire

import (
	"fmt"
	"slices"
	"time"
)

// enabled reports whether an item is shown given the answers so far (FHIR enableWhen;
// behaviour all unless any). An answer that is absent satisfies only "!=" and
// "exists false".
func (d *Definition) enabled(it *Item, a Answers, c Check) bool {
	if len(it.EnableWhen) == 0 {
		return true
	}
	anyOf := it.EnableBehavior == "any"
	for _, w := range it.EnableWhen {
		ok := holds(w, answerFor(w.Question, a, c))
		if ok == anyOf {
			return ok
		}
	}
	return !anyOf
}

// answerFor is the answer a condition looks at; AgeQuestion is the age in whole years
// on today from the birth_date answer, MinorQuestion whether that age is under the
// branch's age of medical consent.
func answerFor(question string, a Answers, c Check) any {
	if question != AgeQuestion && question != MinorQuestion {
		return a[question]
	}
	s, _ := a[BirthDateLink].(string)
	born, err := time.Parse(time.DateOnly, s)
	if err != nil || c.Today.IsZero() {
		return nil
	}
	age := Age(born, c.Today)
	if question == MinorQuestion {
		return age < consentAgeOr18(c.ConsentAge)
	}
	return float64(age)
}

func consentAgeOr18(age int) int {
	if age > 0 {
		return age
	}
	return 18
}

// Age is the age in whole years on day of someone born on born.
func Age(born, day time.Time) int {
	age := day.Year() - born.Year()
	if day.Month() < born.Month() || (day.Month() == born.Month() && day.Day() < born.Day()) {
		age--
	}
	return age
}

// holds evaluates one condition on answer v (nil: not answered).
func holds(w EnableWhen, v any) bool {
	if w.Operator == "exists" {
		want, _ := w.Answer.(bool)
		return (v != nil) == want
	}
	if v == nil {
		return w.Operator == "!="
	}
	if list, ok := v.([]string); ok {
		return holdsList(w, list)
	}
	c, ok := compare(v, w.Answer)
	if !ok {
		return w.Operator == "!="
	}
	switch w.Operator {
	case "=":
		return c == 0
	case "!=":
		return c != 0
	case ">":
		return c > 0
	case "<":
		return c < 0
	case ">=":
		return c >= 0
	}
	return c <= 0
}

// holdsList: "=" means one of the chosen options is the answer, "!=" none is.
func holdsList(w EnableWhen, list []string) bool {
	has := slices.Contains(list, fmt.Sprint(w.Answer))
	if w.Operator == "!=" {
		return !has
	}
	return w.Operator == "=" && has
}

// compare orders an answer against a condition's value of the same kind.
func compare(v, want any) (int, bool) {
	switch x := v.(type) {
	case float64:
		y, ok := want.(float64)
		return cmpOrdered(x, y), ok
	case bool:
		y, ok := want.(bool)
		if !ok || x != y {
			return 1, ok
		}
		return 0, true
	case string:
		y, ok := want.(string)
		return cmpOrdered(x, y), ok
	}
	return 0, false
}

func cmpOrdered[T float64 | string](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
