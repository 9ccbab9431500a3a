package surveys

import (
	"reflect"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/reviews"
)

// Every language fills every text of the page and the task.
func TestEveryLocaleHasEveryText(t *testing.T) {
	for _, l := range Locales {
		v := reflect.ValueOf(*pageTexts[l])
		for i := range v.NumField() {
			if v.Field(i).String() == "" {
				t.Errorf("%s: %s is empty", l, v.Type().Field(i).Name)
			}
		}
		text := recoveryText(l, reviews.Answers{Overall: 2, Care: 3, Expectations: reviews.Worse, Recommend: 4, Comment: "x"})
		if strings.Contains(text, "%!") || !strings.Contains(text, "2/5") || !strings.Contains(text, "4/10") {
			t.Errorf("%s task: %q", l, text)
		}
	}
}

// NPS rounds to one decimal and is nil without responses.
func TestNPSOf(t *testing.T) {
	if n := npsOf(counts{}); n.Score != nil || !n.LowSample {
		t.Errorf("empty: %+v", n)
	}
	for _, c := range []struct {
		counts counts
		want   float64
	}{
		{counts{Promoters: 5, Passives: 3, Detractors: 2, Responses: 10}, 30},
		{counts{Promoters: 1, Passives: 1, Detractors: 1, Responses: 3}, 0},
		{counts{Promoters: 2, Detractors: 1, Responses: 3}, 33.3},
		{counts{Detractors: 3, Responses: 3}, -100},
		{counts{Promoters: 1, Detractors: 2, Passives: 3, Responses: 6}, -16.7},
	} {
		if n := npsOf(c.counts); n.Score == nil || *n.Score != c.want {
			t.Errorf("%+v: %v, want %v", c.counts, n.Score, c.want)
		}
	}
}
