package widget_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/frontdeskhq/frontdesk/booking/selfservice"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// block makes requests to the public availability fail as a dropped network would.
func (p *page) block(on bool) {
	p.t.Helper()
	var patterns []*network.BlockPattern
	if on {
		patterns = []*network.BlockPattern{{URLPattern: "*://*:*/api/v1/public/availability*", Block: true}}
	}
	if _, err := chromedp.Call(p.ctx, network.Enable, network.EnableParams{}); err != nil {
		p.t.Fatal(err)
	}
	if _, err := chromedp.Call(p.ctx, network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: patterns}); err != nil {
		p.t.Fatal(err)
	}
}

func (s *site) codesSent(t *testing.T, phone string) int {
	rows, err := s.e.Messages.Recent(t.Context(), messaging.Filter{Recipient: phone, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range rows {
		if strings.HasPrefix(m.DedupeKey, "code:") {
			n++
		}
	}
	return n
}

func (p *page) wantAlert(part string) {
	p.t.Helper()
	if got := p.alert(); !strings.Contains(got, part) {
		p.t.Errorf("alert %q, want %q", got, part)
	}
}

func (p *page) wantValues(who patient) {
	p.t.Helper()
	for id, want := range map[string]string{"first_name": who.First, "last_name": who.Last, "phone": who.Phone} {
		if got := p.Text(root + `.getElementById('fd-` + id + `').value`); got != want {
			p.t.Errorf("%s = %q, want %q: typed data was lost", id, got, want)
		}
	}
}

func TestBrowserRecoversFromNetworkErrorsAndGoesBackWithoutLosingData(t *testing.T) {
	s := newSite(t)
	p := s.open(t, s.base+"/widget/demo?locale=en", 1280, 900)
	p.waitStep("service")
	p.click(".opt", "")
	p.waitStep("doctor")
	p.block(true)
	p.click(".opt", "")
	waitFor(p, root+`.querySelector('.alert button')`)
	p.wantAlert("could not reach the clinic")
	p.block(false)
	p.click(".alert button", "Try again")
	p.waitStep("day")
	p.click("td button.free", "")
	p.waitStep("time")
	p.click(".times button", "")
	p.waitStep("details")
	p.fill("fd-first_name", anna.First)
	p.fill("fd-last_name", anna.Last)
	p.fill("fd-phone", anna.Phone)
	if time.Since(p.opened) < selfservice.MinFillTime-time.Second {
		p.click("button[type=submit]", "") // faster than a person: refused kindly
		// The top alert only: a slot inside the change window shows its own info
		// alert in the step's body, which is there before the answer is.
		waitFor(p, root+`.querySelector('.alert[role=alert] p')`)
		p.wantAlert("could not accept the form")
		t.Log("a form sent faster than selfservice.MinFillTime was refused with the kind message")
	}
	for _, step := range []string{"time", "day"} {
		p.click("button.back", "")
		p.waitStep(step)
	}
	p.click("td button[aria-pressed=true]", "")
	p.waitStep("time")
	p.click(".times button", "")
	p.waitStep("details")
	p.wantValues(anna)
	p.waitFillTime()
	p.click("button[type=submit]", "")
	p.waitStep("code")
	p.click("button", "Send a new code")
	waitFor(p, root+`.querySelector('.alert[role=alert] p')`)
	p.wantAlert("moments ago")
	p.click("button.back", "")
	p.waitStep("details")
	p.wantValues(anna)
	p.click("button[type=submit]", "")
	p.waitStep("code")
	if n := s.codesSent(t, anna.E164); n != 1 {
		t.Errorf("%d codes sent; back and forth must keep the one hold", n)
	}
	p.confirmCode(anna)
}

// waitFor waits until the page expression is truthy.
func waitFor(p *page, js string) {
	p.t.Helper()
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool]("!!("+js+")", chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		p.t.Fatalf("never true: %s (alert %q): %v", js, p.alert(), err)
	}
}
