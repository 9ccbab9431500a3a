package selfservice_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// pageWords are, per language, the page's title, its confirm button, the month of
// a date after the day (genitive in Russian and Polish) and the weekday.
var pageWords = map[string]struct {
	title, confirm string
	months         [12]string
	weekdays       [7]string
}{
	"en": {"Your visit", "Yes, I will come",
		[12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		[7]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}},
	"ru": {"Ваш визит", "Да, я приду",
		[12]string{"января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"},
		[7]string{"воскресенье", "понедельник", "вторник", "среда", "четверг", "пятница", "суббота"}},
	"pl": {"Twoja wizyta", "Tak, przyjdę",
		[12]string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
		[7]string{"niedziela", "poniedziałek", "wtorek", "środa", "czwartek", "piątek", "sobota"}},
	"sv": {"Ditt besök", "Ja, jag kommer",
		[12]string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"},
		[7]string{"söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"}},
}

func TestVisitPageSpeaksThePatientsLanguage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPageKit(newSelfKit(t, d), t)
		start := k.At(10, 0)
		for i, locale := range []string{"en", "ru", "pl", "sv"} {
			token := k.bookIn(locale, start.Add(time.Duration(i)*time.Hour), phoneN(10+i))
			p := k.open(token)
			if p.status != http.StatusOK || !strings.HasPrefix(p.header.Get("Content-Type"), "text/html") {
				t.Fatalf("%s: %d %q", locale, p.status, p.header.Get("Content-Type"))
			}
			w, local := pageWords[locale], start.In(k.Loc)
			date := fmt.Sprintf("%d %s %d", local.Day(), w.months[local.Month()-1], local.Year())
			wantIn(t, p, `<html lang="`+locale+`">`, w.title, w.confirm, date, w.weekdays[local.Weekday()],
				fmt.Sprintf("%02d:00", 10+i), "Centrum", "ul. Marszałkowska 1, Warszawa", `href="tel:+48221234567"`, "+48 22 123 45 67")
			checkCSP(t, p)
			if cc := p.header.Get("Cache-Control"); cc != "no-store" {
				t.Errorf("Cache-Control %q", cc)
			}
		}
		// A language the page does not speak on the card: the branch's (Polish) instead.
		token := k.bookIn("en", k.At(15, 0), phoneN(20))
		if err := db.Exec(t.Context(), d.W, `UPDATE patients SET locale = 'de' WHERE phone = ?`, phoneN(20)); err != nil {
			t.Fatal(err)
		}
		wantIn(t, k.open(token), `<html lang="pl">`, "Twoja wizyta")
	})
}

func TestVisitPageConfirmAndCancelByPlainForms(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPageKit(newSelfKit(t, d), t)
		token := k.bookIn("pl", k.At(10, 0), phoneN(1))
		wantIn(t, k.open(token), `action="/v/`+token+`/confirm"`, `action="/v/`+token+`/cancel"`, `action="/v/`+token+`/reschedule"`)
		p := k.submitAndFollow(token, "confirm", url.Values{}, "confirmed")
		wantIn(t, p, "Dziękujemy! Twoja wizyta jest potwierdzona.", "Potwierdzona")
		wantNotIn(t, p, `/confirm"`)
		if s := k.statusOf(token); s != "confirmed" {
			t.Fatalf("status %s after the confirm form", s)
		}
		p = k.submitAndFollow(token, "cancel", url.Values{"reason": {"better"}, "details": {"  Ząb już nie boli  "}}, "cancelled")
		wantIn(t, p, "Twoja wizyta została odwołana.", "Odwołana", "Aby umówić się ponownie, zadzwoń do nas.")
		wantNotIn(t, p, `method="post"`)
		if n := k.count(`SELECT COUNT(*) FROM appointments WHERE status = 'cancelled' AND cancelled_by = 'patient'
			AND cancel_reason = 'Czuję się lepiej: Ząb już nie boli'`); n != 1 {
			t.Error("the cancellation does not carry the reason in the branch's language and the patient's words")
		}
		if r := k.do(http.MethodGet, "/v/"+token+"?done=cancelled", nil, nil); r.status != http.StatusOK {
			t.Errorf("reloading after the redirect: %d", r.status)
		}
	})
}

func TestVisitPageMovesTheVisitThroughTheTimePicker(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPageKit(newSelfKit(t, d), t)
		token := k.bookIn("en", k.At(10, 0), phoneN(1))
		p := k.open(token)
		target := k.At(16, 30).Format(time.RFC3339)
		times := offeredTimes(p)
		if !slices.Contains(times, target) || slices.Contains(times, k.At(10, 0).Format(time.RFC3339)) {
			t.Fatalf("%d offered times; 16:30 free, 10:00 (the visit itself) taken: %v", len(times), times[:min(len(times), 8)])
		}
		wantIn(t, p, "Free times in the next 14 days (doctor: "+k.Doctors[0].DisplayName+"):", `<details name="day"`)
		r := k.submit(token, "reschedule", url.Values{})
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("no time chosen: %d", r.status)
		}
		wantIn(t, r, "Please choose a time.")
		p = k.submitAndFollow(token, "reschedule", url.Values{"start": {target}}, "moved")
		wantIn(t, p, "Done! Your visit has been moved", "16:30–17:00")
		var v visitJSON
		k.visit(token).Decode(t, &v)
		if !v.Start.Equal(k.At(16, 30)) || v.Status != "booked" {
			t.Errorf("after the move: %+v", v)
		}
	})
}

func TestVisitPageTimeTakenMeanwhile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPageKit(newSelfKit(t, d), t)
		token := k.bookIn("sv", k.At(10, 0), phoneN(1))
		form := url.Values{"start": {k.At(15, 0).Format(time.RFC3339)}, "nonce": {nonceOf(t, k.open(token))}}
		k.book(0, k.At(15, 0), phoneN(2)) // someone else takes 15:00 while the page is open
		r := k.do(http.MethodPost, "/v/"+token+"/reschedule", form, nil)
		if r.status != http.StatusConflict {
			t.Fatalf("taken time: %d %.300s", r.status, r.body)
		}
		wantIn(t, r, "Tyvärr har någon precis bokat den tiden.", `name="start"`)
		if slices.Contains(offeredTimes(r), k.At(15, 0).Format(time.RFC3339)) {
			t.Error("the taken time is still offered")
		}
		if s := k.statusOf(token); s != "booked" {
			t.Errorf("status %s after a refused move", s)
		}
	})
}

func TestVisitPageFieldErrorsKeepWhatWasTyped(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPageKit(newSelfKit(t, d), t)
		token := k.bookIn("ru", k.At(10, 0), phoneN(1))
		r := k.submit(token, "cancel", url.Values{"details": {"мои слова"}})
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("no reason: %d", r.status)
		}
		wantIn(t, r, "Пожалуйста, выберите причину.", ">мои слова</textarea>", `aria-invalid="true"`,
			`<li><a href="#reason">Пожалуйста, выберите причину.</a></li>`)
		r = k.submit(token, "cancel", url.Values{"reason": {"other"}, "details": {strings.Repeat("я", 401)}})
		wantIn(t, r, "Пожалуйста, уложитесь в 400 символов.", `<option value="other" selected>`)
		r = k.submit(token, "cancel", url.Values{"reason": {"bogus"}})
		wantIn(t, r, "Пожалуйста, выберите причину.")
		r = k.submit(token, "reschedule", url.Values{"start": {"tomorrow"}})
		wantIn(t, r, "На это время записаться уже нельзя.")
		if s := k.statusOf(token); s != "booked" {
			t.Errorf("status %s after refused forms", s)
		}
	})
}

func TestVisitPageInsideTheChangeWindowShowsThePhone(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPageKit(newSelfKit(t, d), t)
		token := k.bookIn("en", k.At(10, 0), phoneN(1))
		k.moveClockTo(k.At(10, 0).Add(-23 * time.Hour))
		p := k.open(token)
		wantIn(t, p, `id="call"`, "too close to change online", `href="tel:+48221234567"`, "Call us: +48 22 123 45 67",
			`/confirm"`)
		wantNotIn(t, p, `/cancel"`, `/reschedule"`, `name="start"`)
		for action, form := range map[string]url.Values{"cancel": {"reason": {"better"}},
			"reschedule": {"start": {k.At(16, 0).Format(time.RFC3339)}}} {
			r := k.submit(token, action, form)
			if r.status != http.StatusConflict {
				t.Errorf("%s inside the window: %d", action, r.status)
			}
			wantIn(t, r, "It is now too late to change this visit online.", `href="tel:+48221234567"`)
		}
		k.submitAndFollow(token, "confirm", url.Values{}, "confirmed")
		if s := k.statusOf(token); s != "confirmed" {
			t.Errorf("status %s; confirming stays open until the start", s)
		}
	})
}

func TestVisitPageUnknownLinksAreAFriendly404(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPageKit(newSelfKit(t, d), t)
		token := k.bookIn("en", k.At(10, 0), phoneN(1))
		unknown := strings.Repeat("A", 43)
		for _, path := range []string{"/v/nonsense", "/v/" + unknown} {
			p := k.do(http.MethodGet, path, nil, map[string]string{"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"})
			if p.status != http.StatusNotFound || !strings.HasPrefix(p.header.Get("Content-Type"), "text/html") {
				t.Fatalf("%s: %d %q", path, p.status, p.header.Get("Content-Type"))
			}
			ru, en := strings.Index(p.body, "Ссылка не найдена"), strings.Index(p.body, "Link not found")
			if ru < 0 || en < ru {
				t.Errorf("%s: Russian first, then English (at %d, %d)", path, ru, en)
			}
			wantIn(t, p, `<html lang="ru">`, "Nie znaleziono linku", "Länken hittades inte")
		}
		p := k.do(http.MethodPost, "/v/"+unknown+"/cancel", url.Values{"reason": {"better"}}, nil)
		if p.status != http.StatusNotFound || !strings.Contains(p.body, `<html lang="en">`) {
			t.Errorf("post to an unknown link: %d", p.status)
		}
		k.moveClockTo(k.At(10, 30).Add(25 * time.Hour))
		if p := k.open(token); p.status != http.StatusNotFound {
			t.Errorf("an expired link: %d", p.status)
		}
	})
}

func TestVisitPageFormsNeedTheirNonce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newPageKit(newSelfKit(t, d), t)
		token := k.bookIn("pl", k.At(10, 0), phoneN(1))
		other := k.bookIn("pl", k.At(12, 0), phoneN(2))
		stale := nonceOf(t, k.open(token))
		k.Env.Clock.Advance(13 * time.Hour)
		for name, nonce := range map[string]string{"none": "", "another link's": nonceOf(t, k.open(other)),
			"forged": "abc.def", "stale": stale} {
			r := k.do(http.MethodPost, "/v/"+token+"/cancel", url.Values{"reason": {"better"}, "nonce": {nonce}}, nil)
			if r.status != http.StatusForbidden {
				t.Errorf("%s nonce: %d", name, r.status)
			}
			wantIn(t, r, "Strona była otwarta zbyt długo")
		}
		if s := k.statusOf(token); s != "booked" {
			t.Fatalf("status %s after posts without a valid nonce", s)
		}
		k.submitAndFollow(token, "cancel", url.Values{"reason": {"schedule"}}, "cancelled")
	})
}

// TestVisitPageIsRateLimited: a link is a credential in a URL, so guessing at /v/
// meets the per-IP limit of its policy row (30 a minute).
func TestVisitPageIsRateLimited(t *testing.T) {
	f := bookingtest.NewClinic(t, dbtest.New(t), apitest.Demo(), apitest.RateLimited())
	k := newPageKit(&selfKit{Clinic: f, anon: f.Env.Anonymous(), owner: f.Env.As(actor.Owner)}, t)
	token := k.bookIn("en", k.At(10, 0), phoneN(1))
	for i := range 30 {
		if p := k.open(token); p.status != http.StatusOK {
			t.Fatalf("request %d: %d", i+1, p.status)
		}
	}
	if p := k.open(token); p.status != http.StatusTooManyRequests || p.header.Get("Retry-After") == "" {
		t.Errorf("the 31st request in a minute: %d, Retry-After %q", p.status, p.header.Get("Retry-After"))
	}
}
