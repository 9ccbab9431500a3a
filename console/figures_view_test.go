package console

import (
	"net/url"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/figures"
)

func pt(period string, num, den int64, v *float64) figures.Point {
	return figures.Point{Period: period, Num: num, Den: den, Value: v}
}

func val(v float64) *float64 { return &v }

// dashboardReport is a known report: a rate over three weeks with a gap, the NPS on
// few answers, materials in złoty and a per-person count.
func dashboardReport() figures.Report {
	rate := figures.Definition{Name: "no_show_rate", Group: "visits", Unit: figures.Ratio, Sum: figures.Add}
	nps := figures.Definition{Name: "nps", Group: "follow_ups", Unit: figures.Score, Sum: figures.Add, HigherIsBetter: true}
	money := figures.Definition{Name: "consumed_per_procedure", Group: "supplies", Unit: figures.Money, Sum: figures.Add}
	tasks := figures.Definition{Name: "tasks_done", Group: "work", Unit: figures.Count, Sum: figures.Add, PerPerson: true, HigherIsBetter: true}
	return figures.Report{Figures: []figures.Series{
		{Definition: rate, Points: []figures.Point{pt("2026-W47", 1, 10, val(0.1)), pt("2026-W48", 0, 0, nil), pt("2026-W49", 3, 20, val(0.15))},
			Total: pt("total", 4, 30, val(4.0/30))},
		{Definition: nps, Points: []figures.Point{pt("2026-W49", 6, 10, val(60))}, Total: pt("total", 6, 10, val(60))},
		{Definition: tasks, Points: []figures.Point{pt("2026-W49", 7, 0, val(7))}, Total: pt("total", 7, 0, val(7)),
			People: []figures.PersonSeries{{StaffID: "s1", Name: "Ola Admin", Total: pt("total", 5, 0, val(5))}}},
		{Definition: money, Points: []figures.Point{pt("2026-W49", 123450, 10, val(12345))}, Total: pt("total", 123450, 10, val(12345))},
	}}
}

func dashboardOf(lang string, owner bool, ths map[string]figures.Threshold) figuresView {
	v := figuresView{Owner: owner}
	v.build(dashboardInput{Report: dashboardReport(), Thresholds: ths, Lang: lang, Currency: "PLN",
		Query: url.Values{"branch": {"b1"}}, From: "2026-11-17", To: "2026-12-06"})
	return v
}

// Each unit reads as a person expects in English and Polish, with what it was made of.
func TestFigureTilesReadInTheirUnits(t *testing.T) {
	en, pl := dashboardOf("en", true, nil), dashboardOf("pl", true, nil)
	if got := len(en.Groups); got != 4 || en.Groups[0].Key != "visits" || en.Groups[3].Key != "supplies" {
		t.Fatalf("groups: %+v", en.Groups)
	}
	for _, tc := range []struct {
		got, want string
	}{
		{en.Groups[0].Tiles[0].Value, "13.3%"}, {pl.Groups[0].Tiles[0].Value, "13,3%"},
		{en.Groups[0].Tiles[0].Parts, "4 ÷ 30"}, {en.Groups[0].Tiles[0].Title, "No-shows"},
		{en.Groups[1].Tiles[0].Value, "+60"}, {en.Groups[1].Tiles[0].Parts, "10 answers"},
		{en.Groups[1].Tiles[0].Few, "Fewer than 30 answers: read with care."},
		{en.Groups[2].Tiles[0].Value, "7"}, {en.Groups[2].Tiles[0].Parts, ""},
		{en.Groups[3].Tiles[0].Value, "123.45 PLN"}, {pl.Groups[3].Tiles[0].Value, "123,45 PLN"},
		{en.Groups[0].Tiles[0].Rows, "/console/figures/no_show_rate/rows?branch=b1&from=2026-11-17&to=2026-12-06"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if p := en.Groups[2].Tiles[0].People; len(p) != 1 || p[0].Name != "Ola Admin" || p[0].Value != "5" ||
		!strings.Contains(p[0].Rows, "staff=s1") {
		t.Errorf("the owner's people: %+v", p)
	}
	if p := dashboardOf("en", false, nil).Groups[2].Tiles[0].People; len(p) != 0 {
		t.Errorf("an administrator sees people: %+v", p)
	}
}

// The owner's limits colour a tile and say so in words: a lower-is-better rate of
// 13.3% is amber between 10% and 20%, red from 12%; the NPS of +60 is good above 30.
func TestFigureTilesColouredByThresholds(t *testing.T) {
	amber := dashboardOf("en", true, map[string]figures.Threshold{"no_show_rate": {WarnAt: 0.1, BadAt: 0.2},
		"nps": {WarnAt: 30, BadAt: 0}})
	red := dashboardOf("sv", true, map[string]figures.Threshold{"no_show_rate": {WarnAt: 0.05, BadAt: 0.12}})
	rate, nps := amber.Groups[0].Tiles[0], amber.Groups[1].Tiles[0]
	if rate.Colour != "warn" || rate.ColourWord != "Watch" || rate.Threshold != "Amber from 10, red from 20." ||
		rate.Form.Get("warn_at") != "10" || rate.Form.Get("bad_at") != "20" {
		t.Errorf("amber tile: %+v", rate)
	}
	if nps.Colour != "good" || nps.ColourWord != "On target" {
		t.Errorf("NPS tile: %q %q", nps.Colour, nps.ColourWord)
	}
	if got := red.Groups[0].Tiles[0]; got.Colour != "bad" || got.ColourWord != "Utanför målet" || got.Form.Get("bad_at") != "12" {
		t.Errorf("red tile: %+v", got)
	}
	if got := amber.Groups[3].Tiles[0]; got.Colour != "" || got.ColourWord != "" {
		t.Errorf("a tile without limits is coloured: %q", got.Colour)
	}
}

// The trend line is drawn from the values (a gap where nothing was counted, a dot on
// the newest) and says every period's value in words.
func TestFigureSparkline(t *testing.T) {
	s := dashboardReport().Figures[0]
	svg := string(sparkline(s, "en", "PLN"))
	for _, want := range []string{`role="img"`, `aria-label="Trend: 2026-W47: 10.0%; 2026-W48: —; 2026-W49: 15.0%"`,
		`<polyline class="spark-line" points="3.0,29.0 "/>`, `<polyline class="spark-line" points="127.0,3.0 "/>`,
		`<circle class="spark-dot" r="2.5" cx="127.0" cy="3.0"/>`} {
		if !strings.Contains(svg, want) {
			t.Errorf("the sparkline lacks %s:\n%s", want, svg)
		}
	}
	long := figures.Series{Definition: s.Definition}
	for range 20 {
		long.Points = append(long.Points, pt("p", 1, 2, val(0.5)))
	}
	if got := strings.Count(string(sparkline(long, "en", "PLN")), ": 50.0%"); got != 2*sparkPeriods {
		t.Errorf("a long series draws %d values, want the newest %d (label and title)", got/2, sparkPeriods)
	}
}

// A threshold is typed as the tile reads: percent for a rate, złoty for money, a
// comma or a point.
func TestThresholdNumbersTypedInTheTilesUnit(t *testing.T) {
	for _, tc := range []struct {
		u    figures.Unit
		raw  string
		want float64
		ok   bool
	}{
		{figures.Ratio, "12,5", 0.125, true}, {figures.Ratio, "20", 0.2, true}, {figures.Money, "12.50", 1250, true},
		{figures.Score, "-10", -10, true}, {figures.Minutes, "1 200", 1200, true}, {figures.Ratio, "abc", 0, false},
		{figures.Ratio, "NaN", 0, false},
	} {
		got, ok := parseShown(tc.u, tc.raw, "PLN")
		if ok != tc.ok || (ok && (got-tc.want) > 1e-9 || (ok && tc.want-got > 1e-9)) {
			t.Errorf("%s %q: %v %v, want %v %v", tc.u, tc.raw, got, ok, tc.want, tc.ok)
		}
	}
	if got := formatValue(figures.Seconds, val(34.4), "ru", ""); got != "34 с" {
		t.Errorf("seconds in Russian: %q", got)
	}
	if got := formatValue(figures.Minutes, val(7.25), "en", ""); got != "7.2 min" && got != "7.3 min" {
		t.Errorf("minutes: %q", got)
	}
	if got := formatValue(figures.Score, val(-12), "en", ""); got != "-12" {
		t.Errorf("a negative score: %q", got)
	}
}
