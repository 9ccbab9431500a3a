package widget_test

import (
	"testing"
)

// splitWords lists the words of the elements matching selector (in the widget) that
// the browser broke across lines, measured on the rendered text: a word drawn on two
// lines has two client rectangles. whole treats each element's text as one word (a
// price, a weekday).
const splitWords = `((selector, whole) => {
	const split = [];
	for (const el of ` + root + `.querySelectorAll(selector)) {
		const node = el.firstChild;
		if (!node || node.nodeType !== Node.TEXT_NODE) continue;
		const text = node.textContent;
		const words = whole ? [[0, text.length]] : [...text.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length]);
		for (const [from, to] of words) {
			const r = document.createRange(); r.setStart(node, from); r.setEnd(node, to);
			const lines = new Set([...r.getClientRects()].filter((c) => c.width > 0).map((c) => Math.round(c.top)));
			if (lines.size > 1) split.push(text.slice(from, to));
		}
	}
	return split; })`

// At 390 px (a common phone) the service list breaks only between words, never
// inside a name ("Barnundersökn|ing") or a price ("350,00 PL|N"), and the calendar's
// weekday headers stay whole (Polish "niedz."), in every language.
func TestBrowserServiceListWrapsOnlyBetweenWords(t *testing.T) {
	s := newSite(t)
	for _, locale := range []string{"sv", "ru", "pl", "en"} {
		p := s.open(t, s.base+"/widget/demo?locale="+locale, 390, 800)
		p.waitStep("service")
		var names, metas []string
		p.Eval(splitWords+`('.opt .name', false)`, &names)
		p.Eval(splitWords+`('.opt .meta', true)`, &metas)
		if len(names) > 0 || len(metas) > 0 {
			t.Errorf("%s: words broken across lines: %q, prices or durations: %q", locale, names, metas)
		}
		p.click(".opt", "")
		p.waitStep("doctor")
		p.click(".opt", "")
		p.waitStep("day")
		var heads []string
		p.Eval(splitWords+`('th', true)`, &heads)
		if len(heads) > 0 {
			t.Errorf("%s: weekday headers broken: %q", locale, heads)
		}
	}
}
