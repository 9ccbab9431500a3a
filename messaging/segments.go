package messaging

import (
	"strings"
	"unicode/utf16"
)

// gsmBasic is the GSM 03.38 default alphabet: each costs one septet. Swedish å, ä, ö
// are in it; Polish ą, ę, ł, ó, ś, ż … and all of Cyrillic are not.
const gsmBasic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

// gsmExtension characters are sent as an escape plus one septet: two each.
const gsmExtension = "^{}\\[~]|€\f"

// Encoding names how an SMS body travels.
type Encoding string

// The SMS encodings.
const (
	GSM7 Encoding = "gsm7"
	UCS2 Encoding = "ucs2"
)

// Single and concatenated segment sizes: a concatenated part loses room to its header.
const (
	gsmSingle  = 160
	gsmPart    = 153
	ucs2Single = 70
	ucs2Part   = 67
)

// Segments counts the SMS segments body costs, so the bill is known before sending:
// GSM-7 160 septets in one segment or 153 per part, otherwise UCS-2 with 70 UTF-16
// units or 67 per part. One character outside GSM-7 turns the whole text to UCS-2.
func Segments(body string) (int, Encoding) {
	if septets, ok := gsmSeptets(body); ok {
		return parts(septets, gsmSingle, gsmPart), GSM7
	}
	return parts(len(utf16.Encode([]rune(body))), ucs2Single, ucs2Part), UCS2
}

// gsmSeptets counts the septets of body, or reports that it needs UCS-2.
func gsmSeptets(body string) (int, bool) {
	n := 0
	for _, r := range body {
		switch {
		case strings.ContainsRune(gsmBasic, r):
			n++
		case strings.ContainsRune(gsmExtension, r):
			n += 2
		default:
			return 0, false
		}
	}
	return n, true
}

func parts(units, single, part int) int {
	if units <= single {
		return 1
	}
	return (units + part - 1) / part
}
