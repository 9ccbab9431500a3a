package console

import (
	"html/template"
	"net/url"
	"strconv"

	"github.com/frontdeskhq/frontdesk/figures"
)

// figuresView is the manager's dashboard of one branch over a range.
type figuresView struct {
	Frame
	// Filter is the range, bucketing and doctor form, marked when a date is wrong.
	Filter  Form
	Asked   figuresAsked
	Owner   bool
	Doctors []Option
	Periods []Option
	Bys     []Option
	Groups  []figureGroup
}

// figureGroup is one heading of tiles: visits, calls, follow-ups, reviews, work, supplies.
type figureGroup struct {
	Key, Title string
	Tiles      []figureTile
}

// figureTile is one figure as its tile shows it. Colour is never alone: ColourWord
// says it, and the sparkline has its words in SparkAlt.
type figureTile struct {
	Name, Title, Text  string
	Value, Parts, Few  string
	Colour, ColourWord string
	Spark              template.HTML
	Rows, CSV          string
	People             []figurePerson
	// Form is the owner's colours of this figure; Open when it came back refused.
	Form      Form
	Open      bool
	UnitHint  string
	Threshold string
	Action    string
}

// figurePerson is one staff member's part of a per-person figure (owners only).
type figurePerson struct {
	Name, Value, Parts, Rows string
}

// dashboardInput is what the tiles are drawn from: one report and the branch's colours.
type dashboardInput struct {
	Report     figures.Report
	Thresholds map[string]figures.Threshold
	Lang       string
	Currency   string
	FormFor    string
	Form       Form
	// Query is the dashboard's own; From and To its dates, for the rows' links.
	Query    url.Values
	From, To string
}

// build fills the pickers and the groups of tiles, in the catalog's order.
func (v *figuresView) build(in dashboardInput) {
	for _, p := range figurePeriods {
		v.Periods = append(v.Periods, Option{Value: p, Label: figureWord(in.Lang, "figures.period", p)})
	}
	for _, b := range figureBys {
		v.Bys = append(v.Bys, Option{Value: b, Label: figureWord(in.Lang, "figures.by", b)})
	}
	at := map[string]int{}
	for _, s := range in.Report.Figures {
		i, ok := at[s.Group]
		if !ok {
			i = len(v.Groups)
			at[s.Group] = i
			v.Groups = append(v.Groups, figureGroup{Key: s.Group, Title: figureWord(in.Lang, "figures.group", s.Group)})
		}
		v.Groups[i].Tiles = append(v.Groups[i].Tiles, tileOf(s, in, v.Owner))
	}
}

// tileOf draws one figure's tile from its series.
func tileOf(s figures.Series, in dashboardInput, owner bool) figureTile {
	lang := in.Lang
	t := figureTile{Name: s.Name, Title: figureWord(lang, "figures."+s.Name, "title"), Text: figureWord(lang, "figures."+s.Name, "text"),
		Value: formatValue(s.Unit, s.Total.Value, lang, in.Currency), Parts: partsOf(s.Definition, s.Total, lang),
		Spark: sparkline(s, lang, in.Currency), UnitHint: unitHint(s.Unit, lang, in.Currency)}
	if s.Unit == figures.Score && s.Total.Den < figures.FewResponses {
		t.Few = T(lang, "figures.few_answers", "min", figures.FewResponses)
	}
	var th *figures.Threshold
	if x, ok := in.Thresholds[s.Name]; ok {
		th = &x
		t.Threshold = T(lang, "figures.threshold.now", "warn", shownNumber(s.Unit, x.WarnAt, lang, in.Currency),
			"bad", shownNumber(s.Unit, x.BadAt, lang, in.Currency))
	}
	if t.Colour = figures.Colour(s.Definition, th, s.Total.Value); t.Colour != "" {
		t.ColourWord = figureWord(lang, "figures.colour", t.Colour)
	}
	t.Rows, t.CSV = figureLinks(s.Name, in, "")
	t.Action = "/console/figures/" + url.PathEscape(s.Name) + "/threshold?" + in.Query.Encode() + "#figure-" + s.Name
	t.Form, t.Open = thresholdForm(s.Unit, th, lang, in.Currency), in.FormFor == s.Name
	if t.Open {
		t.Form = in.Form
	}
	if owner {
		t.People = peopleOf(s, in)
	}
	return t
}

// peopleOf is each person's part of a per-person figure, with their rows.
func peopleOf(s figures.Series, in dashboardInput) []figurePerson {
	out := make([]figurePerson, 0, len(s.People))
	for _, p := range s.People {
		name := p.Name
		if name == "" {
			name = p.StaffID
		}
		rows, _ := figureLinks(s.Name, in, p.StaffID)
		out = append(out, figurePerson{Name: name, Value: formatValue(s.Unit, p.Total.Value, in.Lang, in.Currency),
			Parts: partsOf(s.Definition, p.Total, in.Lang), Rows: rows})
	}
	return out
}

// figureLinks are the rows page and its CSV for a figure over the dashboard's range
// (one person's rows when staffID is set).
func figureLinks(name string, in dashboardInput, staffID string) (rows, csv string) {
	q := url.Values{"branch": {in.Query.Get("branch")}, "from": {in.From}, "to": {in.To}}
	if d := in.Query.Get("doctor"); d != "" {
		q.Set("doctor", d)
	}
	if staffID != "" {
		q.Set("staff", staffID)
	}
	base := "/console/figures/" + url.PathEscape(name) + "/rows"
	return base + "?" + q.Encode(), base + ".csv?" + q.Encode()
}

// partsOf says what a value was made of: numerator and denominator for a ratio or an
// average, the answers of a score, the rows of a median; a count is its own value.
func partsOf(d figures.Definition, p figures.Point, lang string) string {
	num, den := strconv.FormatInt(p.Num, 10), strconv.FormatInt(p.Den, 10)
	switch {
	case d.Sum == figures.Median:
		return T(lang, "figures.parts.median", "n", num)
	case d.Unit == figures.Score:
		return T(lang, "figures.parts.answers", "n", den)
	case d.Unit == figures.Count || d.Unit == figures.Days:
		return ""
	}
	return T(lang, "figures.parts.ratio", "num", num, "den", den)
}

// thresholdForm is the owner's colours of a figure in the unit the tile shows.
func thresholdForm(u figures.Unit, th *figures.Threshold, lang, currency string) Form {
	f := NewForm(nil)
	if th != nil {
		f.Values["warn_at"] = shownNumber(u, th.WarnAt, lang, currency)
		f.Values["bad_at"] = shownNumber(u, th.BadAt, lang, currency)
	}
	return f
}
