package selfservice_test

import (
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// Inside the change window the page asks the patient to call, in every language,
// naming no deadline: one in the past only puzzles, and a visit booked inside the
// window (tomorrow morning, booked this evening) never had one at all.
func TestVisitBookedInsideTheWindowNamesNoPastDeadline(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPageKit(newSelfKit(t, d), t)
		calls := map[string]string{"en": "please call us", "pl": "zadzwoń do nas", "ru": "позвоните нам", "sv": "Ring oss"}
		tokens, i := map[string]string{}, 0
		for locale := range calls {
			i++
			tokens[locale] = k.bookIn(locale, k.At(10, 0).Add(time.Duration(i)*time.Hour), phoneN(40+i))
		}
		k.moveClockTo(k.At(10, 0).Add(-20 * time.Hour))
		for locale, call := range calls {
			p := k.open(tokens[locale])
			wantIn(t, p, `id="call"`, call, `href="tel:+48221234567"`)
			wantNotIn(t, p, "until", "możliwe do", "można to było", "было возможно до", "fram till", "%!", `/cancel"`, `/reschedule"`)
		}
	})
}
