package widget_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/chromedp/chromedp/kb"
	"github.com/frontdeskhq/frontdesk/internal/browsertest"
	"github.com/google/uuid"
)

const host = `document.querySelector('frontdesk-booking')`

func TestBrowserSlotTakenShowsFreshTimesAndKeepsTheDetails(t *testing.T) {
	s := newSite(t)
	p := s.open(t, s.base+"/widget/demo?locale=en", 1280, 900)
	p.toDetails(1)
	p.fillDetails(anna)
	var chosen struct{ Start, Doctor, Service string }
	p.Eval(host+`.s.slot && { start: `+host+`.s.slot.start, doctor: `+host+`.s.doctor, service: `+host+`.s.service }`, &chosen)
	r := s.owner.Do(http.MethodPost, "/api/v1/appointments", map[string]any{"service_id": chosen.Service,
		"doctor_id": chosen.Doctor, "start": chosen.Start, "source": "phone",
		"patient": map[string]string{"first_name": "Jan", "last_name": "Kowalski", "phone": "+48 602 000 111"}})
	if r.Status != http.StatusCreated {
		t.Fatalf("staff booking of the chosen time: %d %s", r.Status, r.Body)
	}
	p.click("button[type=submit]", "")
	p.waitStep("time")
	if a := p.alert(); !strings.Contains(a, "has just been taken") {
		t.Errorf("alert %q, want the kind slot-taken message", a)
	}
	var offered bool
	p.Eval(fmt.Sprintf(`%s.daySlots().some((s) => s.start === %q)`, host, chosen.Start), &offered)
	if offered {
		t.Errorf("the taken time %s is still offered", chosen.Start)
	}
	p.click(".times button", "")
	p.waitStep("details")
	for id, want := range map[string]string{"fd-first_name": anna.First, "fd-last_name": anna.Last, "fd-phone": anna.Phone} {
		if got := p.Text(fmt.Sprintf(`%s.getElementById(%q).value`, root, id)); got != want {
			t.Errorf("%s = %q after the slot was taken, want %q", id, got, want)
		}
	}
	p.click("button[type=submit]", "")
	p.confirmCode(anna)
	// The month (two, when the day is picked from the next month), the day's times,
	// then fresh times once.
	requests := p.availabilityRequests()
	if requests.Days != 2 || requests.Months < 1 || requests.Months > 2 {
		t.Errorf("availability requests %+v, want 1 or 2 months and 2 days (the day's times, then fresh times once)", requests)
	}
}

// tabTo presses Tab until the focused element inside the widget matches selector.
func (p *page) tabTo(selector string) {
	p.t.Helper()
	js := fmt.Sprintf(`!!%s.activeElement?.matches(%q)`, root, selector)
	for range 60 {
		var there bool
		if p.Eval(js, &there); there {
			return
		}
		p.Do(chromedp.KeyEvent(kb.Tab))
	}
	p.t.Fatalf("Tab never reached %s", selector)
}

// wantFocusOnStep checks that the new step's heading has the focus.
func (p *page) wantFocusOnStep() {
	p.t.Helper()
	if got := p.Text(root + `.activeElement?.id || 'none'`); got != "fd-step" {
		p.t.Errorf("focus is on %q, not on the new step's heading", got)
	}
}

func TestBrowserWholeFlowByKeyboardAlone(t *testing.T) {
	s := newSite(t)
	p := s.open(t, s.base+"/widget/demo?locale=en", 1280, 900)
	p.waitStep("service")
	enter := chromedp.KeyEvent(kb.Enter)
	for _, step := range []struct{ target, next string }{
		{".opt", "doctor"}, {".opt", "day"}, {"td button.free", "time"}, {".times button", "details"},
	} {
		p.tabTo(step.target)
		p.Do(enter)
		p.waitStep(step.next)
		p.wantFocusOnStep()
	}
	for _, f := range []struct{ id, text string }{{"#fd-first_name", anna.First}, {"#fd-last_name", anna.Last}, {"#fd-phone", anna.Phone}} {
		p.tabTo(f.id)
		p.Do(chromedp.KeyEvent(f.text))
	}
	p.waitFillTime()
	p.Do(enter)
	p.waitStep("code")
	p.wantFocusOnStep()
	p.tabTo("#fd-code")
	p.Do(chromedp.KeyEvent(s.codeFor(t, anna.E164)), enter)
	p.waitStep("done")
	p.wantFocusOnStep()
}

// language is what a locale's widget must show.
type language struct {
	locale, title, step, anyDoctor, firstWeekday, plural string
	months, weekdays                                     *regexp.Regexp
}

var languages = []language{
	{locale: "pl", title: "Umów wizytę", step: "Wybierz usługę", anyDoctor: "Dowolny wolny lekarz", firstWeekday: "pon.",
		plural: "termin", months: regexp.MustCompile(`(?i)(styczeń|luty|marzec|kwiecień|maj|czerwiec|lipiec|sierpień|wrzesień|październik|listopad|grudzień) \d{4}`),
		weekdays: regexp.MustCompile(`(poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela), \d+ \p{L}+`)},
	{locale: "ru", title: "Запись на приём", step: "Выберите услугу", anyDoctor: "Любой свободный врач", firstWeekday: "пн",
		plural: "свободн", months: regexp.MustCompile(`(?i)(январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь) \d{4}`),
		weekdays: regexp.MustCompile(`(понедельник|вторник|среда|четверг|пятница|суббота|воскресенье), \d+ \p{L}+`)},
}

func TestBrowserSpeaksPolishAndRussian(t *testing.T) {
	s := newSite(t)
	services := s.catalog().Services
	for _, l := range languages {
		t.Run(l.locale, func(t *testing.T) {
			p := s.open(t, s.base+"/widget/demo?locale="+l.locale, 1280, 900)
			p.waitStep("service")
			want := map[string]string{"h2": l.title, "h3": l.step, ".opt": services[0].Names[l.locale]}
			for sel, text := range want {
				if got := p.Text(root + `.querySelector('` + sel + `').textContent`); !strings.Contains(got, text) {
					t.Errorf("%s: %q, want %q", sel, got, text)
				}
			}
			p.click(".opt", "")
			p.waitStep("doctor")
			p.click(".opt", l.anyDoctor)
			p.waitStep("day")
			if got := p.Text(root + `.querySelector('th').textContent`); got != l.firstWeekday {
				t.Errorf("first weekday %q, want %q", got, l.firstWeekday)
			}
			if got := p.Text(root + `.querySelector('.month').textContent`); !l.months.MatchString(got) {
				t.Errorf("month title %q is not in %s", got, l.locale)
			}
			if got := p.Text(root + `.querySelector('td button.free').getAttribute('aria-label')`); !strings.Contains(got, l.plural) {
				t.Errorf("day label %q lacks %q", got, l.plural)
			}
			p.click("td button.free", "")
			p.waitStep("time")
			if got := p.Text(root + `.querySelector('#fd-day').textContent`); !l.weekdays.MatchString(got) {
				t.Errorf("day %q is not a date in %s", got, l.locale)
			}
			if got := p.Text(root + `.querySelector('.times button').textContent`); !regexp.MustCompile(`^\d{1,2}:\d\d$`).MatchString(got) {
				t.Errorf("time %q is not a 24-hour clock time", got)
			}
		})
	}
}

// hostilePage is a clinic website whose CSS tries its worst on everything.
const hostilePage = `<!doctype html><html lang="en"><head><title>Hostile clinic</title>
<style>* { all: unset !important; } div { display: none !important; } html, body, * { font-size: 2px !important; }</style>
<script src="%s/widget.js" async></script></head>
<body><div>our clinic</div><frontdesk-booking branch="%s" locale="en"></frontdesk-booking></body></html>`

func TestBrowserWidgetWorksUnderHostileCSSOnAnotherOrigin(t *testing.T) {
	s := newSite(t)
	clinic := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, hostilePage, s.base, s.branch)
	}))
	t.Cleanup(clinic.Close)
	s.setOrigins(clinic.URL)
	p := s.open(t, clinic.URL, 360, 800)
	p.waitStep("service")
	var look struct {
		Height       float64
		Font, Button string
	}
	p.Eval(`(() => ({ height: `+host+`.getBoundingClientRect().height,
		font: getComputedStyle(`+root+`.querySelector('h3')).fontSize,
		button: getComputedStyle(`+root+`.querySelector('.opt')).display }))()`, &look)
	if look.Height < 200 || look.Font != "18px" || look.Button != "flex" {
		t.Errorf("under hostile CSS the widget is %+v", look)
	}
	p.bookByMouse(patient{First: "Ola", Last: "Wiśniewska", Phone: "+48 603 111 222", E164: "+48603111222"})
}

func TestBrowserBadInputIsExplainedInThePatientsLanguage(t *testing.T) {
	s := newSite(t)
	unknown := s.open(t, s.base+"/widget/demo?locale=pl&branch="+uuid.NewString(), 360, 800)
	js := root + `.querySelector('.alert').textContent`
	if _, err := chromedp.Run(unknown.ctx, chromedp.Poll[bool]("!!"+js, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("an unknown branch shows no message: %v", err)
	}
	if got := unknown.alert(); !strings.Contains(got, "nie może znaleźć swojej kliniki") {
		t.Errorf("unknown branch: %q", got)
	}

	p := s.open(t, s.base+"/widget/demo?locale=pl", 360, 800)
	p.toDetails(0)
	p.fillDetails(patient{First: strings.Repeat("A", 500), Last: "Nowak", Phone: anna.Phone})
	p.submitExpectingError("fd-first_name", "Za długie: najwyżej 100 znaków.")
	p.fill("fd-first_name", "Anna")
	p.fill("fd-phone", "12")
	p.submitExpectingError("fd-phone", "Podaj poprawny numer telefonu.")
	if p.Text(root+`.getElementById('fd-first_name').getAttribute('aria-invalid') || 'fixed'`) != "fixed" {
		t.Error("the corrected name is still marked")
	}
	p.Audit("details with a field error")
}

// submitExpectingError sends the details and waits for the server's error on id.
func (p *page) submitExpectingError(id, message string) {
	p.t.Helper()
	p.click("button[type=submit]", "")
	js := fmt.Sprintf(`%s.getElementById(%q)?.getAttribute('aria-invalid') === 'true'`, root, id)
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[bool](js, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		p.t.Fatalf("%s was not marked (alert %q): %v", id, p.alert(), err)
	}
	if got := p.Text(fmt.Sprintf(`%s.getElementById(%q).textContent`, root, id+"-err")); got != message {
		p.t.Errorf("%s: message %q, want %q", id, got, message)
	}
	if got := p.Text(root + `.activeElement?.id`); got != id {
		p.t.Errorf("focus on %q, want the marked field %s", got, id)
	}
}

func TestBrowserAccessibilityAuditWithAxe(t *testing.T) {
	browsertest.HaveAxe(t)
	s := newSite(t)
	p := s.open(t, s.base+"/widget/demo?locale=en", 360, 800)
	p.onStep = func(step string) { p.Audit(step) }
	p.bookByMouse(anna)
}
