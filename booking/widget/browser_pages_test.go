package widget_test

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/frontdeskhq/frontdesk/internal/browsertest"
)

// openAsking opens url in a phone-wide tab whose requests ask for lang
// (Accept-Language), as a patient's phone set to that language does.
func (s *site) openAsking(t *testing.T, lang, url string) *page {
	t.Helper()
	tab := browsertest.NewTab(t)
	p := &page{Tab: tab, t: t, ctx: tab.Ctx, s: s}
	if _, err := chromedp.Call(p.ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	headers := network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": lang}}
	if _, err := chromedp.Call(p.ctx, network.SetExtraHTTPHeaders, headers); err != nil {
		t.Fatal(err)
	}
	p.Do(chromedp.EmulateViewport(390, 800), chromedp.Navigate(url))
	return p
}

// iconShown is whether the page names an icon that the browser, under the page's
// own CSP, decodes into an image.
const iconShown = `(async () => { const l = document.querySelector('link[rel=icon]');
	if (!l || !l.href.startsWith('data:image/svg+xml')) return false;
	const i = new Image(); i.src = l.href;
	try { await i.decode(); } catch (e) { return false; }
	return i.naturalWidth > 0; })()`

// A patient whose phone speaks Russian taps a mistyped short link: the page is in
// Russian (the other languages below it), and shows the clinic's icon.
func TestBrowserBrokenShortLinkInThePatientsLanguage(t *testing.T) {
	s := newSite(t)
	for lang, title := range map[string]string{"ru-RU,ru;q=0.9": "Эта ссылка не работает", "pl": "Ten link nie działa",
		"sv": "Länken fungerar inte", "en-GB": "This link does not work"} {
		p := s.openAsking(t, lang, s.base+"/l/AAAAAAAAAAA")
		var got struct {
			Lang, H1, Body string
			Icon           bool
		}
		p.Eval(`(async () => ({lang: document.documentElement.lang, h1: document.querySelector('h1')?.textContent,
			body: document.body.innerText, icon: await `+iconShown+`}))()`, &got)
		if !strings.HasPrefix(lang, got.Lang) || got.H1 != title {
			t.Errorf("%s: the page is in %q and says %q, want %q", lang, got.Lang, got.H1, title)
		}
		if strings.Contains(got.Body, "{") || strings.Contains(got.Body, "link_not_found") {
			t.Errorf("%s: the page shows JSON: %s", lang, got.Body)
		}
		if !got.Icon {
			t.Errorf("%s: the page shows no icon", lang)
		}
	}
}

// The booking page a recall opens shows the same icon as the other patient pages.
func TestBrowserBookingPageHasTheIcon(t *testing.T) {
	s := newSite(t)
	p := s.openAsking(t, "pl", s.base+"/book/"+s.branch)
	var shown bool
	p.Eval(iconShown, &shown)
	if !shown {
		t.Error("the booking page shows no icon")
	}
}
