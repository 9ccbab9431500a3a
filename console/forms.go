package console

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Form is a form as it is drawn again: the values the staff member sent and, per
// field, what is wrong with it in their language.
type Form struct {
	Values map[string]string
	Errors map[string]string
	// Problem is a message about the form as a whole (a conflict, a refused action).
	Problem string
}

// NewForm is an empty form with these starting values.
func NewForm(values map[string]string) Form {
	if values == nil {
		values = map[string]string{}
	}
	return Form{Values: values, Errors: map[string]string{}}
}

// formFrom reads the posted fields names into a form.
func formFrom(fc *fiber.Ctx, names ...string) Form {
	f := NewForm(nil)
	for _, n := range names {
		f.Values[n] = fc.FormValue(n)
	}
	return f
}

// Get is a field's value.
func (f Form) Get(name string) string { return f.Values[name] }

// Error is what is wrong with a field, "" when nothing is.
func (f Form) Error(name string) string { return f.Errors[name] }

// Invalid reports whether the form has anything to correct.
func (f Form) Invalid() bool { return len(f.Errors) > 0 || f.Problem != "" }

// Mark sets a field's error from a text key.
func (f *Form) Mark(lang, field, key string, pairs ...any) { f.Errors[field] = T(lang, key, pairs...) }

// Refused takes a service's refusal onto the form: each named field is marked (in
// the staff member's language when the console has words for its code, else the
// service's own message), anything else becomes the form's problem. It reports
// false for errors that are not refusals (a failing database), which the caller
// returns as they are.
func (f *Form) Refused(lang string, err error) bool {
	var fe *fault.Error
	if !errors.As(err, &fe) || fe.Kind == fault.Unavailable || fe.Kind == fault.Upstream {
		return false
	}
	for _, field := range fe.Fields {
		f.Errors[field.Field] = fieldText(lang, field)
	}
	if len(fe.Fields) == 0 {
		f.Problem = problemText(lang, fe)
	}
	return true
}

func fieldText(lang string, fe fault.FieldError) string {
	if _, ok := texts()["field."+fe.Code]; ok {
		return T(lang, "field."+fe.Code)
	}
	return fe.Message
}

func problemText(lang string, fe *fault.Error) string {
	if _, ok := texts()["problem."+fe.Code]; ok {
		return T(lang, "problem."+fe.Code, "minutes", strconv.Itoa((fe.RetryAfter+59)/60))
	}
	return fe.Detail
}

// Status is the answer's status for a form drawn again: 422 for fields to correct,
// 409 for a conflict with what is stored.
func (f Form) Status() int {
	if len(f.Errors) > 0 {
		return fiber.StatusUnprocessableEntity
	}
	return fiber.StatusConflict
}
