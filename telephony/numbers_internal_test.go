package telephony

import (
	"testing"
	"time"
)

func TestNumbersAreReadWithTheBranchCountry(t *testing.T) {
	cases := []struct{ raw, country, want string }{
		{"8 916 123-45-67", "RU", "+79161234567"},
		{"+7 (916) 123-45-67", "RU", "+79161234567"},
		{"79161234567", "RU", "+79161234567"}, // Zadarma and Mango drop the plus
		{"601 234 567", "PL", "+48601234567"},
		{"0048601234567", "PL", "+48601234567"},
		{"070-123 45 67", "SE", "+46701234567"},
		{"+46 70 123 45 67", "GB", "+46701234567"},
		{"07911 123456", "GB", "+447911123456"},
		{"tel:+447700900123", "SE", "+447700900123"},
		{"sip:+48601234567@pbx.example", "PL", "+48601234567"},
		{"102", "RU", "102"}, // an extension stays what it is
		{"anonymous", "PL", ""},
		{"Restricted", "GB", ""},
		{"", "RU", ""},
	}
	for _, c := range cases {
		if got := Normalize(c.raw, c.country); got != c.want {
			t.Errorf("Normalize(%q, %s) = %q, want %q", c.raw, c.country, got, c.want)
		}
	}
}

// Age turns over on the birthday itself, in leap years too (day-of-year would not).
func TestAgeTurnsOverOnTheBirthday(t *testing.T) {
	born := "2016-03-01"
	m := Match{BirthDate: &born}
	cases := map[string]int{"2024-02-29": 7, "2024-03-01": 8, "2025-02-28": 8, "2025-03-01": 9}
	for day, want := range cases {
		now, _ := time.Parse(time.DateOnly, day)
		if got := m.Age(now); got != want {
			t.Errorf("on %s: %d, want %d", day, got, want)
		}
	}
}
