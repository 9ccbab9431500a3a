package widget_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// openAsking opens url in a phone-wide tab whose requests ask for lang
// (Accept-Language), as a patient's phone set to that language does.
func (s *site) openAsking(t *testing.T, lang, url string) *page {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser.ctx)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	p := &page{t: t, ctx: ctx, s: s}
	messages := chromedp.Console(ctx)
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	headers := network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": lang}}
	if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, headers); err != nil {
		t.Fatal(err)
	}
	p.do(chromedp.EmulateViewport(390, 800), chromedp.Navigate(url))
	go p.watch(messages)
	t.Cleanup(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, e := range p.errs {
			t.Errorf("page %s", e)
		}
	})
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
		p.eval(`(async () => ({lang: document.documentElement.lang, h1: document.querySelector('h1')?.textContent,
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
	p.eval(iconShown, &shown)
	if !shown {
		t.Error("the booking page shows no icon")
	}
}
