package surveys_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/reviews/surveys"
)

func answered() url.Values {
	return url.Values{"overall": {"2"}, "care": {"4"}, "expectations": {"worse"}, "recommend": {"5"},
		"comment": {"Długo czekałam\r\nna wizytę."}}
}

// The page's whole way: the form in the patient's language, answers sent once, the
// thanks with the branch's review links (for a low scorer too), the invitation and
// the manager's task, and a second submit refused with 409.
func TestSurveyPageHappyPath(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.setLinks(map[string]any{"site": "google", "url": "https://g.page/r/centrum/review"},
			map[string]any{"site": "znanylekarz", "url": "https://www.znanylekarz.pl/centrum"})
		p := k.patient("Jan", "+48601234567", "pl", true)
		tok := k.linkToken(k.followUp(p, true))
		form := k.get("/s/" + tok)
		csp := form.header.Get("Content-Security-Policy")
		if form.status != http.StatusOK || !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "form-action 'self'") ||
			form.header.Get("Cache-Control") != "no-store" || strings.Contains(form.body, "<script") {
			t.Fatalf("form: %d %q\n%s", form.status, csp, form.body)
		}
		for _, want := range []string{`<html lang="pl">`, "Jak minęła wizyta?", "Opieka: Dr Anna Nowak", "Centrum",
			`<legend>Wizyta ogólnie</legend>`, `name="recommend" value="10"`, `name="expectations" value="as_expected"`,
			`<label for="i-comment">`} {
			if !strings.Contains(form.body, want) {
				t.Errorf("the form lacks %q", want)
			}
		}
		done := k.post(tok, answered())
		if done.status != http.StatusSeeOther || done.header.Get("Location") != "/s/"+tok {
			t.Fatalf("submit: %d %s", done.status, done.body)
		}
		thanks := k.get("/s/" + tok)
		if thanks.status != http.StatusOK || !strings.Contains(thanks.body, "Dziękujemy!") ||
			!strings.Contains(thanks.body, `href="https://g.page/r/centrum/review"`) || !strings.Contains(thanks.body, ">ZnanyLekarz<") {
			t.Errorf("thanks: %d\n%s", thanks.status, thanks.body)
		}
		again := k.post(tok, url.Values{"nonce": {nonceOf(t, form.body)}, "overall": {"5"}, "care": {"5"},
			"expectations": {"better"}, "recommend": {"10"}})
		if again.status != http.StatusConflict || !strings.Contains(again.body, "Ankieta już wypełniona") ||
			!strings.Contains(again.body, "https://g.page/r/centrum/review") {
			t.Errorf("second submit: %d\n%s", again.status, again.body)
		}
		if n := k.count(`SELECT COUNT(*) FROM surveys WHERE via = 'link' AND overall = 2 AND care = 4 AND recommend = 5
			AND expectations = 'worse' AND comment = ? AND answered_by IS NULL`, "Długo czekałam\nna wizytę."); n != 1 {
			t.Errorf("stored link answers: %d", n)
		}
		if sent := k.messages(p.ID, surveys.TemplateInvitation); len(sent) != 1 || !strings.Contains(sent[0].Body, "ZnanyLekarz: https://www.znanylekarz.pl/centrum") {
			t.Errorf("invitation after the page: %+v", sent)
		}
		if ts := k.managerTasks(p.ID); len(ts) != 1 || !strings.Contains(ts[0].Text, "Długo czekałam") {
			t.Errorf("manager task after the page: %+v", ts)
		}
	})
}

// A refused answer redraws the form as it was sent, with each bad field marked and its
// message linked, in the patient's language, and a 422; nothing is stored. A form
// this server did not render is 403.
func TestBadAnswersRedrawTheForm(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		tok := k.linkToken(k.followUp(k.patient("Дарья", "+48601234567", "ru", true), true))
		r := k.post(tok, url.Values{"overall": {"6"}, "care": {"4"}, "expectations": {"meh"}, "comment": {"Хорошо"}})
		if r.status != http.StatusUnprocessableEntity {
			t.Fatalf("bad answers: %d\n%s", r.status, r.body)
		}
		for _, want := range []string{`<html lang="ru">`, `<p class="error" id="e-overall">Выберите от 1 до 5.</p>`,
			`<p class="error" id="e-recommend">Выберите от 0 до 10.</p>`, `id="e-expectations">Выберите один из вариантов.`,
			`href="#f-overall"`, `aria-describedby="h-recommend e-recommend" aria-invalid="true"`,
			`name="care" value="4" checked aria-describedby="h-care">`, ">Хорошо</textarea>"} {
			if !strings.Contains(r.body, want) {
				t.Errorf("the redrawn form lacks %q", want)
			}
		}
		if strings.Count(r.body, `aria-describedby="h-overall e-overall" aria-invalid="true"`) != 5 ||
			strings.Contains(r.body, `aria-describedby="h-care e-care"`) {
			t.Errorf("marks on the wrong fields:\n%s", r.body)
		}
		long := k.post(tok, url.Values{"overall": {"5"}, "care": {"5"}, "expectations": {"better"}, "recommend": {"9"},
			"comment": {strings.Repeat("я", 2001)}})
		if long.status != http.StatusUnprocessableEntity || !strings.Contains(long.body, `id="e-comment">Не более 2000 символов.`) ||
			!strings.Contains(long.body, `aria-describedby="h-comment e-comment" aria-invalid="true"`) {
			t.Errorf("long comment: %d", long.status)
		}
		forged := k.post(tok, url.Values{"nonce": {"1.forged"}, "overall": {"5"}, "care": {"5"}, "expectations": {"better"}, "recommend": {"9"}})
		if forged.status != http.StatusForbidden || !strings.Contains(forged.body, "слишком долго") {
			t.Errorf("forged nonce: %d", forged.status)
		}
		if n := k.count(`SELECT COUNT(*) FROM surveys WHERE answered_at IS NOT NULL`); n != 0 {
			t.Errorf("refused answers stored: %d", n)
		}
	})
}

// An unknown link is 404 and an expired one 410, both as pages in every language; a
// huge post is 413.
func TestUnknownAndExpiredLinks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		tok := k.linkToken(k.followUp(k.patient("Jan", "+48601234567", "pl", true), true))
		for _, path := range []string{"/s/" + strings.Repeat("A", 43), "/s/short", "/s/" + tok[:42] + "B"} {
			if r := k.get(path); r.status != http.StatusNotFound || !strings.Contains(r.body, "Link not found") ||
				!strings.Contains(r.body, "Nie znaleziono linku") {
				t.Errorf("%s: %d", path, r.status)
			}
		}
		huge := k.post(tok, url.Values{"comment": {strings.Repeat("x", 20<<10)}})
		if huge.status != http.StatusRequestEntityTooLarge {
			t.Errorf("huge: %d", huge.status)
		}
		nonce := nonceOf(t, k.get("/s/"+tok).body)
		k.env.Clock.Advance(surveys.LinkTTL + time.Minute)
		if r := k.get("/s/" + tok); r.status != http.StatusGone || !strings.Contains(r.body, "Link wygasł") {
			t.Errorf("expired: %d", r.status)
		}
		if r := k.post(tok, url.Values{"nonce": {nonce}, "overall": {"5"}, "care": {"5"}, "expectations": {"better"},
			"recommend": {"9"}}); r.status != http.StatusGone {
			t.Errorf("expired post: %d", r.status)
		}
		if r := k.postJSON(tok, `{"overall": 5, "care": 5, "expectations": "better", "recommend": 9}`); r.status != http.StatusGone {
			t.Errorf("expired JSON: %d", r.status)
		}
	})
}

// JSON clients get problem+json naming each bad field, and the review links once done.
func TestJSONAnswersNameTheirFields(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.setLinks(map[string]any{"site": "google", "url": "https://g.page/r/centrum/review"})
		tok := k.linkToken(k.followUp(k.patient("Jan", "+48601234567", "pl", true), false))
		for body, field := range map[string]string{
			`{"overall": 11, "care": 5, "expectations": "better", "recommend": 9}`:            "overall",
			`{"overall": 5, "care": 0, "expectations": "better", "recommend": 9}`:             "care",
			`{"overall": 5, "care": 5, "expectations": "better", "recommend": -1}`:            "recommend",
			`{"overall": 5, "care": 5, "expectations": "better", "recommend": 11}`:            "recommend",
			`{"overall": 5, "care": 5, "expectations": "better"}`:                             "recommend",
			`{"overall": 5, "care": 5, "expectations": "great", "recommend": 9}`:              "expectations",
			`{"overall": "5", "care": 5, "expectations": "better", "recommend": 9}`:           "overall",
			`{"overall": 5, "care": 5, "expectations": "better", "recommend": 9, "stars": 5}`: "stars",
		} {
			r := k.postJSON(tok, body)
			if r.status != http.StatusBadRequest || !strings.HasPrefix(r.header.Get("Content-Type"), "application/problem+json") ||
				!names(t, r.body, field) {
				t.Errorf("%s: %d %s, want %s named", body, r.status, r.body, field)
			}
		}
		ok := k.postJSON(tok, `{"overall": 4, "care": 5, "expectations": "as_expected", "recommend": 8, "comment": "Dobrze"}`)
		if ok.status != http.StatusOK || !strings.Contains(ok.body, `"url":"https://g.page/r/centrum/review"`) {
			t.Fatalf("answer: %d %s", ok.status, ok.body)
		}
		again := k.postJSON(tok, `{"overall": 4, "care": 5, "expectations": "as_expected", "recommend": 8}`)
		if again.status != http.StatusConflict || !strings.Contains(again.body, `"code":"survey_answered"`) {
			t.Errorf("again: %d %s", again.status, again.body)
		}
	})
}

// names says whether a problem+json body names field.
func names(t *testing.T, body, field string) bool {
	t.Helper()
	var p api.Problem
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("not a problem: %s", body)
	}
	for _, e := range p.Errors {
		if e.Field == field {
			return true
		}
	}
	return false
}

// Two submits racing on one link store one answer: one is thanked (303), the other
// refused with 409, and one invitation and one task follow.
func TestRacingSubmitsStoreOneAnswer(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		k.setLinks(map[string]any{"site": "google", "url": "https://g.page/r/centrum/review"})
		p := k.patient("Jan", "+48601234567", "pl", true)
		tok := k.linkToken(k.followUp(p, true))
		form := answered()
		form.Set("nonce", nonceOf(t, k.get("/s/"+tok).body))
		statuses := make(chan int, 4)
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() { statuses <- k.post(tok, form).status })
		}
		wg.Wait()
		close(statuses)
		got := map[int]int{}
		for s := range statuses {
			got[s]++
		}
		if got[http.StatusSeeOther] != 1 || got[http.StatusConflict] != 3 {
			t.Errorf("statuses: %v", got)
		}
		if n := k.count(`SELECT COUNT(*) FROM surveys WHERE answered_at IS NOT NULL`); n != 1 {
			t.Errorf("answers: %d", n)
		}
		if len(k.messages(p.ID, surveys.TemplateInvitation)) != 1 || len(k.managerTasks(p.ID)) != 1 {
			t.Error("the race doubled the invitation or the task")
		}
	})
}
