package messaging

import (
	"strings"
	"testing"
	"time"
)

func TestSegmentsBoundaries(t *testing.T) {
	cases := []struct {
		name string
		body string
		want int
		enc  Encoding
	}{
		{"empty", "", 1, GSM7},
		{"gsm 160", strings.Repeat("a", 160), 1, GSM7},
		{"gsm 161", strings.Repeat("a", 161), 2, GSM7},
		{"gsm 306", strings.Repeat("a", 306), 2, GSM7},
		{"gsm 307", strings.Repeat("a", 307), 3, GSM7},
		{"extension costs two", strings.Repeat("€", 80), 1, GSM7},
		{"extension over", strings.Repeat("€", 81), 2, GSM7},
		{"swedish stays gsm", strings.Repeat("åäö", 53), 1, GSM7},
		{"ucs2 70", strings.Repeat("ж", 70), 1, UCS2},
		{"ucs2 71", strings.Repeat("ж", 71), 2, UCS2},
		{"ucs2 134", strings.Repeat("ż", 134), 2, UCS2},
		{"ucs2 135", strings.Repeat("ż", 135), 3, UCS2},
		{"one polish letter turns all", strings.Repeat("a", 69) + "ł", 1, UCS2},
		{"one polish letter over", strings.Repeat("a", 70) + "ł", 2, UCS2},
		{"emoji is two units", strings.Repeat("a", 69) + "😀", 2, UCS2},
	}
	for _, c := range cases {
		got, enc := Segments(c.body)
		if got != c.want || enc != c.enc {
			t.Errorf("%s: Segments = %d %s, want %d %s", c.name, got, enc, c.want, c.enc)
		}
	}
}

// TestSegmentsOfRealMessages counts the shipped texts on real data, the link shortened
// as it is sent: English stays in GSM-7, while Polish diacritics and Cyrillic force
// UCS-2, and the texts are worded so that even then they cost two segments.
func TestSegmentsOfRealMessages(t *testing.T) {
	tpl := DefaultTemplates()
	data := map[string]any{"Clinic": "Uśmiech Dental", "Service": "Przegląd stomatologiczny", "Doctor": "dr Anna Nowak",
		"Start": time.Date(2030, 3, 4, 9, 30, 0, 0, time.UTC), "Address": "ul. Marszałkowska 10, Warszawa",
		"Link": "https://demo.frontdesk.test/l/AbCdEfGhIjK"}
	want := map[string]struct {
		enc  Encoding
		segs int
	}{"en": {GSM7, 2}, "pl": {UCS2, 2}, "ru": {UCS2, 2}}
	for locale, w := range want {
		d := data
		if locale == "en" {
			d = map[string]any{"Clinic": "Smile Dental", "Service": "Check-up", "Doctor": "Dr Anna Smith",
				"Start": data["Start"], "Address": "10 High Street, London", "Link": data["Link"]}
		}
		body, err := tpl.Render(locale, TemplateBookingConfirmation, d)
		if err != nil {
			t.Fatal(err)
		}
		segs, enc := Segments(body)
		if enc != w.enc || segs != w.segs {
			t.Errorf("%s (%d chars): %d %s, want %d %s\n%s", locale, len([]rune(body)), segs, enc, w.segs, w.enc, body)
		}
	}
	code, _ := tpl.Render("en", TemplateCode, map[string]any{"Clinic": "Smile Dental", "Code": "042917", "Minutes": 10})
	if segs, enc := Segments(code); segs != 1 || enc != GSM7 {
		t.Errorf("English code: %d %s: %q", segs, enc, code)
	}
	code, _ = tpl.Render("ru", TemplateCode, map[string]any{"Clinic": "Улыбка", "Code": "042917", "Minutes": 10})
	if segs, enc := Segments(code); segs != 2 || enc != UCS2 {
		t.Errorf("Russian code: %d %s (%d chars): %q", segs, enc, len([]rune(code)), code)
	}
}
