package telephony

import (
	"strings"

	"github.com/frontdeskhq/frontdesk/clinic"
)

// anonymous are the words phone systems put where a withheld number would be.
var anonymous = []string{"anonymous", "unknown", "restricted", "private", "unavailable", "withheld"}

// Normalize writes a number as a phone system sent it in E.164, reading a number
// without a country code as one of country (the branch's): "8 916 123-45-67" at a
// Russian branch is +79161234567. A number that is not one (an extension, a SIP name)
// comes back trimmed as it was; a withheld number comes back "".
func Normalize(raw, country string) string {
	raw = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(raw), "tel:"))
	raw = strings.TrimPrefix(raw, "sip:")
	if at := strings.IndexByte(raw, '@'); at >= 0 {
		raw = raw[:at]
	}
	low := strings.ToLower(raw)
	for _, a := range anonymous {
		if low == a || strings.HasPrefix(low, a) {
			return ""
		}
	}
	if e164, ok := clinic.NormalizePhone(raw, country); ok {
		return e164
	}
	// Dialled international numbers come with the international prefix (00 in
	// most of Europe) as the PBX saw them.
	if rest, ok := strings.CutPrefix(raw, "00"); ok {
		if e164, ok := clinic.NormalizePhone("+"+rest, country); ok {
			return e164
		}
	}
	// Zadarma and Mango send international numbers without the plus.
	if e164, ok := clinic.NormalizePhone("+"+raw, country); ok && len(digits(raw)) >= 10 {
		return e164
	}
	return raw
}

// IsPhone says whether n is an E.164 number (not an extension or a withheld caller).
func IsPhone(n string) bool { return strings.HasPrefix(n, "+") && len(n) > 8 }

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}
