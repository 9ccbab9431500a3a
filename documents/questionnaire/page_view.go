package questionnaire

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"

	"github.com/frontdeskhq/frontdesk/internal/patientpage"
)

// formState is what one answer adds to the form: a message and what the patient sent
// with each field's problem, so a refused form comes back as they left it.
type formState struct {
	raw            Raw
	flash, problem string
	problems       []Problem
}

type formView struct {
	patientpage.Frame
	T              *pageText
	Token, Nonce   string
	ConsentAge     int
	Flash, Problem string
	Errors         []errorLink
	Sections       []sectionView
}

type errorLink struct{ LinkID, Label, Message string }

type sectionView struct {
	Heading, When, Behavior string
	Fields                  []fieldView
}

type fieldView struct {
	LinkID, Name, Label, Error, Value, Input, Mode, Auto, When, Behavior string
	Required, Textarea, Group                                            bool
	MaxLength                                                            int
	Options                                                              []optionView
}

type optionView struct {
	Name, Value, Label, Input string
	Checked                   bool
}

// fieldName is the form name of an item; the prefix keeps linkIds apart from the
// form's own fields (nonce, action).
func fieldName(linkID string) string { return "q." + linkID }

func (p *pages) render(ctx context.Context, token string, f Form, status int, st formState) patientpage.Answer {
	t := textFor(f.Locale)
	view := formView{Frame: formPage.Frame(f.Locale, f.Definition.Title.In(f.Locale)),
		T: t, Token: token, ConsentAge: consentAgeOr18(f.ConsentAge), Nonce: p.nonces.Make(token, p.s.clock()), Flash: st.flash, Problem: st.problem}
	view.Sections, view.Errors = sections(f, st, t)
	for _, pr := range st.problems {
		if _, ok := f.Definition.Item(pr.LinkID); !ok && view.Problem == "" {
			view.Problem = pr.Message(f.Locale) // a rule of the card no question stands for
		}
	}
	return formPage.Render(ctx, p.log, formTemplate, status, view)
}

// sections lay the items out: each group starts a section with its heading; the
// fields carry their problems, which are repeated at the top as links.
func sections(f Form, st formState, t *pageText) ([]sectionView, []errorLink) {
	errs := messagesOf(st.problems, f.Locale)
	var out []sectionView
	var links []errorLink
	for i := range f.Definition.Items {
		it := &f.Definition.Items[i]
		if it.Type == TypeGroup || len(out) == 0 {
			out = append(out, sectionView{})
		}
		sec := &out[len(out)-1]
		if it.Type == TypeGroup {
			sec.Heading = it.Text.In(f.Locale)
			sec.When, sec.Behavior = conditions(it)
			continue
		}
		fv := fieldOf(it, f.Locale, st.raw[it.LinkID], t)
		if fv.Error = errs[it.LinkID]; fv.Error != "" {
			links = append(links, errorLink{LinkID: it.LinkID, Label: fv.Label, Message: fv.Error})
		}
		sec.Fields = append(sec.Fields, fv)
	}
	return out, links
}

// messagesOf is the first problem of each field, in locale.
func messagesOf(problems []Problem, locale string) map[string]string {
	out := map[string]string{}
	for _, pr := range problems {
		if _, seen := out[pr.LinkID]; !seen {
			out[pr.LinkID] = pr.Message(locale)
		}
	}
	return out
}

// conditions are an item's enableWhen as the script reads them.
func conditions(it *Item) (string, string) {
	if len(it.EnableWhen) == 0 {
		return "", ""
	}
	b, _ := json.Marshal(it.EnableWhen)
	behavior := it.EnableBehavior
	if behavior == "" {
		behavior = "all"
	}
	return string(b), behavior
}

func fieldOf(it *Item, locale string, vs []string, t *pageText) fieldView {
	fv := fieldView{LinkID: it.LinkID, Name: fieldName(it.LinkID), Label: it.Text.In(locale), Required: it.Required,
		MaxLength: it.MaxLength}
	fv.When, fv.Behavior = conditions(it)
	if len(vs) > 0 {
		fv.Value = vs[0]
	}
	switch it.Type {
	case TypeChoice:
		fv.Group, fv.Options = true, options(it, locale, vs)
	case TypeBoolean:
		fv.Group, fv.Options = true, booleanOptions(it, vs, t)
	case TypeText:
		fv.Textarea = true
	default:
		fv.Input, fv.Mode, fv.Auto = inputOf(it)
	}
	return fv
}

func options(it *Item, locale string, vs []string) []optionView {
	input := "radio"
	if it.Repeats {
		input = "checkbox"
	}
	out := make([]optionView, len(it.AnswerOption))
	for i, o := range it.AnswerOption {
		out[i] = optionView{Name: fieldName(it.LinkID), Value: o.Code, Label: o.Text.In(locale), Input: input,
			Checked: slices.Contains(vs, o.Code)}
	}
	return out
}

// booleanOptions: a required yes/no (a consent) is one box to tick; others are yes/no.
func booleanOptions(it *Item, vs []string, t *pageText) []optionView {
	name := fieldName(it.LinkID)
	if it.Required {
		return []optionView{{Name: name, Value: "true", Label: t.Yes, Input: "checkbox", Checked: slices.Contains(vs, "true")}}
	}
	return []optionView{{Name: name, Value: "true", Label: t.Yes, Input: "radio", Checked: slices.Contains(vs, "true")},
		{Name: name, Value: "false", Label: t.No, Input: "radio", Checked: slices.Contains(vs, "false")}}
}

// inputOf is the input type, keyboard and autofill hint of a one-line item.
func inputOf(it *Item) (input, mode, auto string) {
	autos := map[string]string{"first_name": "given-name", "last_name": "family-name", "birth_date": "bday",
		"phone": "tel", "email": "email", "address": "street-address"}
	switch it.Type {
	case TypeDate:
		return "date", "", autos[it.LinkID]
	case TypeInteger:
		return "text", "numeric", ""
	case TypeDecimal:
		return "text", "decimal", ""
	case TypePhone:
		return "tel", "tel", autos[it.LinkID]
	case TypeEmail:
		return "email", "email", autos[it.LinkID]
	}
	return "text", "", autos[it.LinkID]
}

// toRaw writes typed answers back as the values a form would send.
func toRaw(a Answers) Raw {
	out := Raw{}
	for k, v := range a {
		switch x := v.(type) {
		case string:
			out[k] = []string{x}
		case bool:
			out[k] = []string{strconv.FormatBool(x)}
		case float64:
			out[k] = []string{strconv.FormatFloat(x, 'f', -1, 64)}
		case []string:
			out[k] = x
		}
	}
	return out
}
