package figures

import (
	"bytes"
	"fmt"
	"io/fs"
	"math"
	"path"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"github.com/frontdeskhq/frontdesk/templates"
)

// digestTemplate is the digest's file in templates/digests/<locale>/. Besides the text
// it defines "label:<figure>" (the figure's name in the language) and "unit:<unit>"
// (what follows a value: %, min); a figure without a label is shown by its key.
const digestTemplate = "figures_digest.tmpl"

// digestFallback is the language used where a locale has no digest text.
const digestFallback = "en"

// digestView is what the digest's text is filled from.
type digestView struct {
	Clinic, Week, From, To, EarlierFrom, EarlierTo, Link string
	Lines                                                []digestLineView
}

// digestLineView is one figure's line, its numbers already written for the language.
type digestLineView struct {
	// Label is the figure's name; Value and Baseline its week and the earlier weeks'
	// median ("" when unknown), each with its unit.
	Label, Value, Baseline string
	// Arrow is ↑, ↓ or → (empty without a baseline); Trend is better, worse, same or "".
	Arrow, Trend string
	// Score marks the NPS-like figures, shown with their Answers; Few flags too few.
	Score   bool
	Answers int64
	Few     bool
}

// digestTemplates parses every locale's digest once.
var digestTemplates = sync.OnceValues(func() (map[string]*template.Template, error) {
	files, err := fs.Glob(templates.Digests, "digests/*/"+digestTemplate)
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, file := range files {
		text, err := fs.ReadFile(templates.Digests, file)
		if err != nil {
			return nil, err
		}
		tpl, err := template.New(digestTemplate).Option("missingkey=error").Parse(string(text))
		if err != nil {
			return nil, fmt.Errorf("figures: digest template %s: %w", file, err)
		}
		out[path.Base(path.Dir(file))] = tpl
	}
	return out, nil
})

// Text writes the digest in locale (English where the locale has no text); its first
// line is the e-mail's subject.
func (d Digest) Text(locale string) (string, error) {
	all, err := digestTemplates()
	if err != nil {
		return "", err
	}
	tpl := all[locale]
	if tpl == nil {
		locale, tpl = digestFallback, all[digestFallback]
	}
	v := digestView{Clinic: d.Clinic, Week: d.Week, From: d.From, To: d.To, EarlierFrom: d.EarlierFrom,
		EarlierTo: d.EarlierTo, Link: d.Link}
	for _, l := range d.Lines {
		v.Lines = append(v.Lines, lineView(tpl, locale, d.Currency, l))
	}
	var out bytes.Buffer
	if err := tpl.Execute(&out, v); err != nil {
		return "", fmt.Errorf("figures: digest %s: %w", locale, err)
	}
	return strings.TrimSpace(out.String()), nil
}

// lineView writes one line's numbers in the language.
func lineView(tpl *template.Template, locale, currency string, l DigestLine) digestLineView {
	label := defined(tpl, "label:"+l.Name)
	if label == "" {
		label = l.Name
	}
	unit := defined(tpl, "unit:"+string(l.Unit))
	if l.Unit == Money {
		unit = " " + currency
	}
	v := digestLineView{Label: label, Value: "—", Score: l.Unit == Score, Answers: l.Week.Den}
	v.Few = v.Score && v.Answers < FewResponses
	if l.Week.Value != nil {
		v.Value = number(locale, l.Unit, *l.Week.Value) + unit
	}
	if l.Baseline != nil {
		v.Baseline = number(locale, l.Unit, *l.Baseline) + unit
	}
	if l.Week.Value != nil && l.Baseline != nil {
		v.Arrow, v.Trend = trendOf(l)
	}
	return v
}

// trendOf is the line's arrow and which way it went for the branch.
func trendOf(l DigestLine) (arrow, trend string) {
	switch {
	case l.Change == 0:
		return "→", "same"
	case l.Better:
		trend = "better"
	default:
		trend = "worse"
	}
	if l.Change > 0 {
		return "↑", trend
	}
	return "↓", trend
}

// defined runs the template's block called name; "" when there is none.
func defined(tpl *template.Template, name string) string {
	if tpl.Lookup(name) == nil {
		return ""
	}
	var b bytes.Buffer
	if err := tpl.ExecuteTemplate(&b, name, nil); err != nil {
		return ""
	}
	return b.String()
}

// number writes a value as its unit reads: a ratio in per cent, money in major units
// (two decimals), anything else with at most one decimal; a decimal comma outside English.
func number(locale string, u Unit, v float64) string {
	decimals := 1
	switch u {
	case Ratio:
		v *= 100
	case Money:
		v, decimals = v/100, 2
	}
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if u != Money && math.Abs(v-math.Round(v)) < 0.05 {
		s = strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	}
	if locale != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
