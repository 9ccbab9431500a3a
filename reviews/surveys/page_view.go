package surveys

import (
	"context"
	"fmt"
	"strconv"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/patientpage"
	"github.com/frontdeskhq/frontdesk/reviews"
)

// formState is what one answer adds to the form: what the patient sent, a message,
// and each refused field.
type formState struct {
	raw     raw
	problem string
	fields  []fault.FieldError
}

type formView struct {
	patientpage.Frame
	T              *pageText
	Token, Nonce   string
	Intro, Problem string
	Errors         []errorLink
	Groups         []groupView
	Comment        commentView
}

type errorLink struct{ Name, Label, Message string }

// groupView is one radio group: a fieldset with its legend, hint and error.
type groupView struct {
	Name, Legend, Hint, Error, Class string
	Options                          []optionView
}

type optionView struct {
	Name, Value, Label, Described string
	Checked, Invalid              bool
}

type commentView struct{ Value, Error string }

func (p *pages) form(ctx context.Context, tok string, o Opened, status int, st formState) patientpage.Answer {
	t := textFor(o.Locale)
	errs := st.messages(t)
	view := formView{Frame: surveyPage.Frame(o.Locale, t.Title), T: t, Token: tok,
		Nonce: p.s.nonceFor(p.nonces, tok), Intro: fmt.Sprintf(t.Intro, o.Clinic), Problem: st.problem,
		Comment: commentView{Value: st.raw["comment"], Error: errs["comment"]}}
	care := t.Care
	if o.Doctor != "" {
		care = fmt.Sprintf(t.CareOf, o.Doctor)
	}
	view.Groups = []groupView{
		scale("overall", t.Overall, t.OverallHint, "five", 1, 5, st.raw, errs),
		scale("care", care, t.CareHint, "five", 1, 5, st.raw, errs),
		choices("expectations", t.Expectations, []string{reviews.Worse, reviews.AsExpected, reviews.Better}, t, st.raw, errs),
		scale("recommend", t.Recommend, t.RecommendHint, "eleven", 0, 10, st.raw, errs),
	}
	for _, g := range view.Groups {
		if g.Error != "" {
			view.Errors = append(view.Errors, errorLink{Name: g.Name, Label: g.Legend, Message: g.Error})
		}
	}
	if view.Comment.Error != "" {
		view.Errors = append(view.Errors, errorLink{Name: "comment", Label: t.Comment, Message: view.Comment.Error})
	}
	return surveyPage.Render(ctx, p.log, formTemplate, status, view)
}

// messages are the refused fields' messages in the patient's language.
func (st formState) messages(t *pageText) map[string]string {
	out := map[string]string{}
	for _, f := range st.fields {
		switch {
		case f.Field == "recommend":
			out[f.Field] = t.Range10
		case f.Field == "overall" || f.Field == "care":
			out[f.Field] = t.Range5
		case f.Field == "expectations":
			out[f.Field] = t.Choose
		case f.Field == "comment":
			out[f.Field] = t.TooLong
		}
	}
	return out
}

// scale is a group of the numbers lo to hi.
func scale(name, legend, hint, class string, lo, hi int, r raw, errs map[string]string) groupView {
	g := group(name, legend, hint, class, errs)
	for n := lo; n <= hi; n++ {
		v := strconv.Itoa(n)
		g.Options = append(g.Options, g.option(v, v, r[name] == v))
	}
	return g
}

// choices is a group of the expectations, in words.
func choices(name, legend string, codes []string, t *pageText, r raw, errs map[string]string) groupView {
	g := group(name, legend, "", "choices", errs)
	for _, c := range codes {
		g.Options = append(g.Options, g.option(c, t.expectation(c), r[name] == c))
	}
	return g
}

func group(name, legend, hint, class string, errs map[string]string) groupView {
	return groupView{Name: name, Legend: legend, Hint: hint, Error: errs[name], Class: class}
}

// option is one radio, described by the group's hint and, when refused, its error.
func (g groupView) option(value, label string, checked bool) optionView {
	o := optionView{Name: g.Name, Value: value, Label: label, Checked: checked, Invalid: g.Error != ""}
	if g.Hint != "" {
		o.Described = "h-" + g.Name
	}
	if g.Error != "" {
		o.Described += " e-" + g.Name
	}
	return o
}

type thanksView struct {
	patientpage.Frame
	Heading, Text, Ask string
	Links              []linkView
}

type linkView struct{ Name, URL string }

// thanks is the page after an answer (409 when the answer came twice): the branch's
// review links for every respondent, whatever they scored.
func (p *pages) thanks(ctx context.Context, o Opened, status int) patientpage.Answer {
	t := textFor(o.Locale)
	view := thanksView{Heading: t.ThanksTitle, Text: t.ThanksText, Ask: t.ReviewAsk}
	if status != 200 {
		view.Heading, view.Text = t.AnsweredTitle, t.AnsweredText
	}
	view.Frame = surveyPage.Frame(o.Locale, view.Heading)
	for _, l := range o.Links {
		view.Links = append(view.Links, linkView{Name: siteName(l.Site, o.Locale), URL: l.URL})
	}
	return surveyPage.Render(ctx, p.log, thanksTemplate, status, view)
}

// nonceFor is the nonce of a form rendered now for tok.
func (s *Service) nonceFor(n patientpage.Nonces, tok string) string { return n.Make(tok, s.clock()) }
