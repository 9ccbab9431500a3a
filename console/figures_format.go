package console

import (
	"html/template"
	"math"
	"strconv"
	"strings"

	"github.com/frontdeskhq/frontdesk/figures"
)

// formatValue is a figure's value as a person reads it in lang: a percentage, a count,
// seconds, minutes, days, money in the branch's currency or a signed score; "—" when
// nothing was counted.
func formatValue(u figures.Unit, v *float64, lang, currency string) string {
	if v == nil {
		return "—"
	}
	switch u {
	case figures.Ratio:
		return T(lang, "figures.unit.percent", "n", number(*v*100, 1, lang))
	case figures.Count:
		return number(*v, 0, lang)
	case figures.Seconds:
		return T(lang, "figures.unit.seconds", "n", number(*v, 0, lang))
	case figures.Minutes:
		return T(lang, "figures.unit.minutes", "n", number(*v, minuteDecimals(*v), lang))
	case figures.Days:
		return T(lang, "figures.unit.days", "n", number(*v, 1, lang))
	case figures.Money:
		return number(*v/math.Pow10(minorDigits(currency)), minorDigits(currency), lang) + " " + currency
	case figures.Score:
		return signed(number(*v, 0, lang))
	}
	return number(*v, 2, lang)
}

// minuteDecimals keeps a tenth under ten minutes, where it still tells something.
func minuteDecimals(v float64) int {
	if math.Abs(v) < 10 {
		return 1
	}
	return 0
}

func signed(s string) string {
	if s != "0" && !strings.HasPrefix(s, "-") {
		return "+" + s
	}
	return s
}

// number writes v with digits decimals and the language's decimal mark (a comma but
// in English).
func number(v float64, digits int, lang string) string {
	s := strconv.FormatFloat(v, 'f', digits, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// zeroDigitCurrencies have no minor unit; every other ISO 4217 code the clinics use
// (PLN, SEK, GBP, EUR, RUB) has two digits of it.
var zeroDigitCurrencies = map[string]bool{"JPY": true, "KRW": true, "ISK": true, "CLP": true, "VND": true}

// minorDigits is how many digits of a currency's amount are its minor units.
func minorDigits(currency string) int {
	if zeroDigitCurrencies[currency] {
		return 0
	}
	return 2
}

// shownScale is what a stored threshold is multiplied by to read in the tile's unit:
// ratios in percent, money in whole currency units.
func shownScale(u figures.Unit, currency string) float64 {
	switch u {
	case figures.Ratio:
		return 100
	case figures.Money:
		return 1 / math.Pow10(minorDigits(currency))
	}
	return 1
}

// shownNumber is a stored threshold as the owner types it, no trailing zeros.
func shownNumber(u figures.Unit, x float64, lang, currency string) string {
	s := strconv.FormatFloat(math.Round(x*shownScale(u, currency)*100)/100, 'f', -1, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// parseShown reads a number the owner typed (a comma or a point as the decimal mark)
// back into the stored unit.
func parseShown(u figures.Unit, raw, currency string) (float64, bool) {
	raw = strings.ReplaceAll(strings.TrimSpace(raw), " ", "")
	v, err := strconv.ParseFloat(strings.Replace(raw, ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v / shownScale(u, currency), true
}

// unitHint names the unit a threshold is typed in.
func unitHint(u figures.Unit, lang, currency string) string {
	if u == figures.Money {
		return T(lang, "figures.hint.money", "currency", currency)
	}
	return figureWord(lang, "figures.hint", string(u))
}

// sparkPeriods is how many of the newest periods a tile's trend line draws.
const sparkPeriods = 13

// sparkline draws a series' newest periods as a small inline SVG line (drawn here, no
// script): a gap where nothing was counted, a dot on the newest value. Its text
// alternative lists every period's value.
func sparkline(s figures.Series, lang, currency string) template.HTML {
	pts := s.Points[max(0, len(s.Points)-sparkPeriods):]
	const w, h, pad = 130.0, 32.0, 3.0
	lo, hi := sparkBounds(pts)
	var b strings.Builder
	words := make([]string, len(pts))
	for i, p := range pts {
		words[i] = p.Period + ": " + formatValue(s.Unit, p.Value, lang, currency)
	}
	alt := T(lang, "figures.trend", "values", strings.Join(words, "; "))
	b.WriteString(`<svg class="spark" viewBox="0 0 130 32" width="130" height="32" role="img" aria-label="`)
	b.WriteString(template.HTMLEscapeString(alt))
	b.WriteString(`"><title>` + template.HTMLEscapeString(alt) + `</title><polyline class="spark-line" points="`)
	step := (w - 2*pad) / float64(max(1, len(pts)-1))
	lastX, lastY, open := -1.0, 0.0, false
	for i, p := range pts {
		if p.Value == nil {
			if open {
				b.WriteString(`"/><polyline class="spark-line" points="`)
			}
			open = false
			continue
		}
		x := pad + float64(i)*step
		y := h - pad - (*p.Value-lo)/(hi-lo)*(h-2*pad)
		b.WriteString(strconv.FormatFloat(x, 'f', 1, 64) + "," + strconv.FormatFloat(y, 'f', 1, 64) + " ")
		lastX, lastY, open = x, y, true
	}
	b.WriteString(`"/>`)
	if lastX >= 0 {
		b.WriteString(`<circle class="spark-dot" r="2.5" cx="` + strconv.FormatFloat(lastX, 'f', 1, 64) +
			`" cy="` + strconv.FormatFloat(lastY, 'f', 1, 64) + `"/>`)
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // #nosec G203 -- numbers and escaped words only
}

// sparkBounds are the lowest and highest values drawn; a flat series gets a band
// around its value so it sits in the middle.
func sparkBounds(pts []figures.Point) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		if p.Value != nil {
			lo, hi = min(lo, *p.Value), max(hi, *p.Value)
		}
	}
	if math.IsInf(lo, 1) {
		return 0, 1
	}
	if hi-lo < 1e-9 {
		return lo - 1, hi + 1
	}
	return lo, hi
}

// figureWord is the text key.part in lang, for keys made from a figure's name, unit,
// group or colour (a test checks every such key exists).
func figureWord(lang, key, part string, pairs ...any) string {
	return T(lang, key+"."+part, pairs...)
}
