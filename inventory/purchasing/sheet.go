package purchasing

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/inventory"
)

// Sheet is a document of one table, the shape an order prints in: lines above the
// table, the table (columns marked Right are amounts, aligned right), lines below.
// Texts are plain; the printer escapes them.
type Sheet struct {
	// ID is printed in each page's QR code, so a scanned page finds its order.
	ID, Title, Locale string
	// Clinic, Address, Phone head the first page.
	Clinic, Address, Phone string
	Before                 []string
	Head                   []string
	Right                  []bool
	Rows                   [][]string
	After                  []string
}

// words are an order sheet's labels in one language.
type words struct {
	title, supplier, deliverTo, date, catalogue, item, packs, pack, price, amount, total, note string
	dateLayout, thousands, decimal                                                             string
}

// wording by locale; other locales print English.
var wording = map[string]words{
	"en": {"Purchase order", "Supplier", "Deliver to", "Date", "Catalogue no.", "Item", "Qty (packs)", "Pack", "Pack price",
		"Amount", "Total", "Note", "2 Jan 2006", ",", "."},
	"ru": {"Заказ поставщику", "Поставщик", "Адрес доставки", "Дата", "Кат. номер", "Товар", "Кол-во уп.", "Упаковка",
		"Цена упаковки", "Сумма", "Итого", "Примечание", "02.01.2006", " ", ","},
	"pl": {"Zamówienie", "Dostawca", "Adres dostawy", "Data", "Nr katalogowy", "Towar", "Ilość opak.", "Opakowanie",
		"Cena opakowania", "Kwota", "Razem", "Uwagi", "02.01.2006", " ", ","},
	"sv": {"Beställning", "Leverantör", "Leveransadress", "Datum", "Artikelnr", "Artikel", "Antal förp.", "Förpackning",
		"Pris per förp.", "Belopp", "Totalt", "Anmärkning", "2006-01-02", " ", ","},
}

func wordsFor(locale string) words {
	if w, ok := wording[locale]; ok {
		return w
	}
	return wording["en"]
}

// orderSheet lays an order out for its supplier in the branch's language, dated on in
// the branch's zone.
func orderSheet(o Order, b clinic.Branch, sp inventory.Supplier, location string, on time.Time) Sheet {
	w := wordsFor(b.Locale)
	if loc, err := time.LoadLocation(b.TimeZone); err == nil {
		on = on.In(loc)
	}
	sh := Sheet{ID: o.Number, Title: w.title + " " + o.Number, Locale: b.Locale, Clinic: b.Name, Address: b.Address,
		Phone: b.Phone, Head: []string{w.catalogue, w.item, w.packs, w.pack, w.price, w.amount},
		Right: []bool{false, false, true, false, true, true}}
	sh.Before = []string{w.supplier + ": " + joinNonEmpty(", ", sp.Name, sp.Email, sp.Phone),
		w.deliverTo + ": " + joinNonEmpty(", ", b.Name, b.Address, location), w.date + ": " + on.Format(w.dateLayout)}
	for _, l := range o.Lines {
		sh.Rows = append(sh.Rows, []string{l.CatalogueNumber, l.ItemName + " (" + l.SKU + ")", strconv.Itoa(l.Packs),
			fmt.Sprintf("%s, %d %s", l.PackUnit, l.PackSize, l.Unit), w.money(l.PackPriceMinor, o.Currency),
			w.money(int64(l.Packs)*l.PackPriceMinor, o.Currency)})
	}
	sh.After = []string{w.total + ": " + w.money(o.TotalMinor, o.Currency)}
	if o.Note != "" {
		sh.After = append(sh.After, w.note+": "+o.Note)
	}
	return sh
}

// wholeCurrencies have no minor unit (ISO 4217 exponent 0); every other has two.
var wholeCurrencies = map[string]bool{"JPY": true, "KRW": true, "ISK": true, "CLP": true, "VND": true,
	"UGX": true, "XAF": true, "XOF": true, "PYG": true, "RWF": true}

// money writes minor units as the language groups them, with the ISO code after:
// "1,234.50 EUR", "1 234,50 PLN".
func (w words) money(minor int64, currency string) string {
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	whole, frac := minor, ""
	if !wholeCurrencies[currency] {
		whole, frac = minor/100, w.decimal+fmt.Sprintf("%02d", minor%100)
	}
	digits := strconv.FormatInt(whole, 10)
	var b strings.Builder
	for i, r := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(w.thousands)
		}
		b.WriteRune(r)
	}
	return sign + b.String() + frac + " " + currency
}

func joinNonEmpty(sep string, parts ...string) string {
	out := make([]string, 0, len(parts))
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
