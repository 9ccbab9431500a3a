package clinic

import (
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
)

// NormalizePhone returns raw in E.164 (+48601234567). A number written without a
// country code is read as a number of region (an ISO 3166 country, e.g. the branch's),
// so "601 234 567" at a Polish branch becomes +48601234567. ok is false for text that
// is not a phone number or a number that cannot exist.
func NormalizePhone(raw, region string) (e164 string, ok bool) {
	if len(raw) > 40 || strings.IndexFunc(raw, unicode.IsLetter) >= 0 {
		// phonenumbers would read letters as a keypad (1-800-FLOWERS); patients' phones
		// never need that, and "abc" must not become a number.
		return "", false
	}
	n, err := phonenumbers.Parse(raw, strings.ToUpper(region))
	if err != nil || !phonenumbers.IsValidNumber(n) {
		return "", false
	}
	return phonenumbers.Format(n, phonenumbers.E164), true
}

// digitsOf keeps the digits of s.
func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// reverse returns s with its bytes in reverse order; only used on ASCII digits.
func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// phoneReversed is what patients.phone_reversed holds: the number's digits backwards,
// so "ends with 4567" becomes the indexed prefix range "7654…".
func phoneReversed(e164 string) string {
	return reverse(digitsOf(e164))
}

// phoneSearchDigits is how many trailing digits a phone search uses at most: nine
// cover a national number in every country Frontdesk serves, so a number typed with a
// trunk prefix (0…, 8…) or a country code finds the same card.
const phoneSearchDigits = 9

// phoneFragmentKey turns a typed phone fragment into the phone_reversed prefix to scan.
func phoneFragmentKey(q string) string {
	d := digitsOf(q)
	if len(d) > phoneSearchDigits {
		d = d[len(d)-phoneSearchDigits:]
	}
	return reverse(d)
}

// looksLikePhone reports whether a search text is a phone fragment rather than a name:
// digits and the punctuation people type in numbers, with at least one digit.
func looksLikePhone(q string) bool {
	for _, r := range q {
		if !strings.ContainsRune("0123456789 +-().", r) {
			return false
		}
	}
	return digitsOf(q) != ""
}
