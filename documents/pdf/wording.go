package pdf

import (
	"fmt"
	"time"
)

// wording is what the typesetter itself prints, per locale.
type wording struct {
	pageOf                string // "Page %d of %d"
	signature, name, date string
	dateTime              string // Go layout of the signing time
}

// wordings by locale; unknown locales print English.
var wordings = map[string]*wording{
	"en": {"Page %d of %d", "Signature", "Name", "Date", "2 Jan 2006 15:04"},
	"ru": {"Страница %d из %d", "Подпись", "ФИО", "Дата", "02.01.2006 15:04"},
	"pl": {"Strona %d z %d", "Podpis", "Imię i nazwisko", "Data", "02.01.2006 15:04"},
	"sv": {"Sida %d av %d", "Underskrift", "Namn", "Datum", "2006-01-02 15:04"},
}

// wordingFor picks the locale's wording, English when the locale is unknown.
func wordingFor(locale string) *wording {
	if w, ok := wordings[locale]; ok {
		return w
	}
	return wordings["en"]
}

// page is the footer's "Page x of y".
func (w *wording) page(x, y int) string { return fmt.Sprintf(w.pageOf, x, y) }

// when formats a signing time.
func (w *wording) when(t time.Time) string { return t.Format(w.dateTime) }
