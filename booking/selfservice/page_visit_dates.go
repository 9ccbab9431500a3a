package selfservice

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// dateStyle is how one language writes the page's dates. Go's layouts know only
// English names, and Russian and Polish put the month in the genitive after a day
// ("12 мая", "12 maja"), so the names are ours.
type dateStyle struct {
	weekdays [7]string  // Sunday first, as time.Weekday counts
	months   [12]string // as written after a day of the month
	// afterWeekday follows the weekday; yearMark follows the year ("г.", "r.");
	// at joins a date to a clock time.
	afterWeekday, yearMark, at string
}

var dateStyles = map[string]dateStyle{
	"en": {weekdays: [7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
		months: [12]string{"January", "February", "March", "April", "May", "June", "July", "August",
			"September", "October", "November", "December"},
		afterWeekday: ", ", at: " at "},
	"ru": {weekdays: [7]string{"воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"},
		months: [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
			"сентября", "октября", "ноября", "декабря"},
		afterWeekday: ", ", yearMark: " г.", at: ", "},
	"pl": {weekdays: [7]string{"niedziela", "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota"},
		months: [12]string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
			"września", "października", "listopada", "grudnia"},
		afterWeekday: ", ", yearMark: " r.", at: ", godz. "},
	"sv": {weekdays: [7]string{"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"},
		months: [12]string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
			"september", "oktober", "november", "december"},
		afterWeekday: " ", at: " kl. "},
}

// datesFor is the date style of locale, English when the page does not speak it.
func datesFor(locale string) dateStyle {
	if d, ok := dateStyles[locale]; ok {
		return d
	}
	return dateStyles["en"]
}

// dayMonth is "12 May", "12 мая" (t already in the branch's zone).
func (d dateStyle) dayMonth(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + d.months[t.Month()-1]
}

// date is "Tuesday, 12 May 2026".
func (d dateStyle) date(t time.Time) string {
	return d.weekdays[t.Weekday()] + d.afterWeekday + d.dayMonth(t) + " " + strconv.Itoa(t.Year()) + d.yearMark
}

// deadline is a day and a clock time without the weekday, which "until" would put in
// another case in Russian and Polish: "12 May 2026 at 10:30", "12 мая 2026 г., 10:30".
func (d dateStyle) deadline(t time.Time) string {
	return d.dayMonth(t) + " " + strconv.Itoa(t.Year()) + d.yearMark + d.at + clock(t)
}

// span is a visit's date with its start and end: "Tuesday, 12 May 2026, 10:30–11:00".
func (d dateStyle) span(start, end time.Time) string {
	return d.date(start) + ", " + clock(start) + "–" + clock(end)
}

// heading is a day of the time picker: "Tuesday, 12 May", capitalised because it
// starts a line even where weekdays are written in lower case.
func (d dateStyle) heading(t time.Time) string {
	s := d.weekdays[t.Weekday()] + d.afterWeekday + d.dayMonth(t)
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// clock is the 24-hour time every one of the page's languages uses: "09:30".
func clock(t time.Time) string { return t.Format("15:04") }

// acceptMatcher picks among pageLocales by what the browser asks for.
var acceptMatcher = language.NewMatcher([]language.Tag{language.English, language.Russian, language.Polish, language.Swedish})

// acceptLocale is the best of pageLocales for an Accept-Language header, English when
// nothing matches. It serves pages that have no patient to ask (an unknown link).
func acceptLocale(header string) string {
	if len(header) > 512 {
		// The header is the client's: parse a sane head of it, cut between tags.
		header = header[:max(strings.LastIndexByte(header[:512], ','), 0)]
	}
	tags, _, _ := language.ParseAcceptLanguage(strings.TrimSpace(header))
	_, i, conf := acceptMatcher.Match(tags...)
	if conf == language.No {
		return pageLocales[0]
	}
	return pageLocales[i]
}
