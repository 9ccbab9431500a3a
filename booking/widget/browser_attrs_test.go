package widget_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// presetPage embeds the widget with a service, a doctor and a light accent colour.
const presetPage = `<!doctype html><html lang="sv"><head><title>Klinik</title>
<script src="%s/widget.js" async></script></head>
<body><main><h1>Klinik</h1><frontdesk-booking branch="%s" service="%s" doctor="%s" accent="#ffd166"></frontdesk-booking></main></body></html>`

func TestBrowserPresetServiceDoctorAndLightAccent(t *testing.T) {
	s := newSite(t)
	c := s.catalog()
	doctor := c.Doctors[0]
	clinic := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, presetPage, s.base, s.branch, doctor.ServiceIDs[0], doctor.ID)
	}))
	t.Cleanup(clinic.Close)
	s.setOrigins(clinic.URL)
	p := s.open(t, clinic.URL, 1280, 900)
	p.waitStep("day") // service and doctor come from the attributes
	if got := p.Text(root + `.querySelector('h3').textContent`); got != "Välj dag" {
		t.Errorf("heading %q: the page's lang (sv) should choose Swedish", got)
	}
	p.pickDay() // late on a month's last day, this month has no free day left
	p.waitStep("time")
	p.click(".times button", "")
	p.waitStep("details")
	var ink string
	p.Eval(`getComputedStyle(`+root+`.querySelector('.primary')).color`, &ink)
	if ink != "rgb(17, 17, 17)" {
		t.Errorf("text on the light accent is %s, want dark for contrast", ink)
	}
	p.Audit("details on a light accent")
}

// The booking page a recall message links to opens the widget past the service list,
// on the service the link names, in the link's language.
func TestBrowserBookingPageStartsOnTheLinkedService(t *testing.T) {
	s := newSite(t)
	doctor := s.catalog().Doctors[0]
	p := s.open(t, s.base+"/book/"+s.branch+"?locale=sv&service="+doctor.ServiceIDs[0], 1280, 900)
	p.waitStep("doctor") // the service comes from the link
	if got := p.Text(root + `.querySelector('h3').textContent`); got != "Välj tandläkare" {
		t.Errorf("heading %q: the link's locale (sv) should choose Swedish", got)
	}
	p.Audit("the booking page on a linked service")
}
