package doctemplate

import (
	"strconv"
	"strings"
)

// formats is how one locale writes dates, money and a few words.
type formats struct {
	dateLayout string // day, month name, year
	atTime     string // between a date and its time
	months     [12]string
	yesNoWords [2]string // no, yes
	sexWords   map[string]string
	thousands  string
	decimal    string
	currency   string // the locale's own currency when an amount names none
}

var localeFormats = map[string]formats{
	"en": {dateLayout: "%d %s %d", atTime: ", ",
		months: [12]string{"January", "February", "March", "April", "May", "June", "July",
			"August", "September", "October", "November", "December"},
		yesNoWords: [2]string{"No", "Yes"},
		sexWords:   map[string]string{"male": "male", "female": "female", "other": "other", "unknown": "not stated"},
		thousands:  ",", decimal: ".", currency: "EUR"},
	"ru": {dateLayout: "%d %s %d г.", atTime: ", ",
		months: [12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля",
			"августа", "сентября", "октября", "ноября", "декабря"},
		yesNoWords: [2]string{"Нет", "Да"},
		sexWords:   map[string]string{"male": "мужской", "female": "женский", "other": "другой", "unknown": "не указан"},
		thousands:  " ", decimal: ",", currency: "RUB"},
	"pl": {dateLayout: "%d %s %d", atTime: ", godz. ",
		months: [12]string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
			"sierpnia", "września", "października", "listopada", "grudnia"},
		yesNoWords: [2]string{"Nie", "Tak"},
		sexWords:   map[string]string{"male": "mężczyzna", "female": "kobieta", "other": "inna", "unknown": "nie podano"},
		thousands:  " ", decimal: ",", currency: "PLN"},
	"sv": {dateLayout: "%d %s %d", atTime: " kl. ",
		months: [12]string{"januari", "februari", "mars", "april", "maj", "juni", "juli",
			"augusti", "september", "oktober", "november", "december"},
		yesNoWords: [2]string{"Nej", "Ja"},
		sexWords:   map[string]string{"male": "man", "female": "kvinna", "other": "annat", "unknown": "ej angivet"},
		thousands:  " ", decimal: ",", currency: "SEK"},
}

// formatsFor falls back to English formats for a locale Frontdesk has no rules for.
func formatsFor(locale string) formats {
	if f, ok := localeFormats[locale]; ok {
		return f
	}
	return localeFormats["en"]
}

// Currency signs: English puts €, $ and £ before the amount; every other sign,
// and every sign in the other locales, follows it.
var (
	currencySigns   = map[string]string{"EUR": "€", "USD": "$", "GBP": "£", "RUB": "₽", "PLN": "zł", "SEK": "kr"}
	prefixInEnglish = map[string]bool{"EUR": true, "USD": true, "GBP": true}
)

// money writes an amount as the locale does: en "€1,500.00", ru "1 500,00 ₽".
func (f formats) money(m Money) string {
	code := strings.ToUpper(strings.TrimSpace(m.Currency))
	if code == "" {
		code = f.currency
	}
	sign, ok := currencySigns[code]
	if !ok {
		sign = code
	}
	amount := f.number(m.Minor)
	if f.decimal == "." && prefixInEnglish[code] {
		return signFirst(sign, amount)
	}
	return amount + " " + sign
}

func signFirst(sign, amount string) string {
	if strings.HasPrefix(amount, "-") {
		return "-" + sign + amount[1:]
	}
	return sign + amount
}

// number writes minor units as a grouped amount with two decimals.
func (f formats) number(minor int64) string {
	neg := minor < 0
	if neg {
		minor = -minor
	}
	whole, cents := strconv.FormatInt(minor/100, 10), minor%100
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteString(f.thousands)
		}
		b.WriteRune(r)
	}
	out := b.String() + f.decimal + strconv.FormatInt(100+cents, 10)[1:]
	if neg {
		return "-" + out
	}
	return out
}
