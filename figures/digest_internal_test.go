package figures

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/staff"
)

// The past week is held against the median of the four weeks before: known numbers
// from a scripted five weeks, the arrows, which way is better, the NPS's answers.
func TestDigestHoldsTheWeekAgainstTheMedianOfTheFourBefore(t *testing.T) {
	eachDigestDB(t, func(t *testing.T, e *digestEnv) {
		e.scriptFiveWeeks()
		d, err := e.s.WeeklyDigest(context.Background(), e.branch, "2026-03-02")
		if err != nil {
			t.Fatal(err)
		}
		if d.Week != "2026-W10" || d.From != "2026-03-02" || d.To != "2026-03-08" || d.EarlierFrom != "2026-02-02" ||
			d.EarlierTo != "2026-03-01" || d.Link != "https://clinic.test/console/figures?branch="+e.branch {
			t.Fatalf("digest %+v", d)
		}
		type want struct {
			value, baseline float64
			change          int
			better          bool
		}
		wants := map[string]want{
			"no_show_rate":  {0.25, 0.15, 1, false},
			"new_patients":  {9, 5.5, 1, true},
			"calls_offered": {10, 10, 0, false},
			"callback_time": {9, 20, -1, true},
			"nps":           {200.0 / 3, 50, 1, true},
		}
		if len(d.Lines) != len(wants) {
			t.Fatalf("%d lines, want %d (tasks_overdue counted nothing and is left out)", len(d.Lines), len(wants))
		}
		for _, l := range d.Lines {
			w := wants[l.Name]
			if l.Week.Value == nil || l.Baseline == nil || !near(*l.Week.Value, w.value) || !near(*l.Baseline, w.baseline) ||
				l.Change != w.change || l.Better != w.better {
				t.Errorf("%s: week %v median %v change %d better %v, want %+v", l.Name, l.Week.Value, l.Baseline, l.Change, l.Better, w)
			}
		}
		if nps := d.Lines[4]; nps.Name != "nps" || nps.Week.Den != 3 {
			t.Fatalf("the NPS line %s answers %d, want nps with 3", nps.Name, nps.Week.Den)
		}
	})
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

// The text says it in each language, numbers written the language's way.
func TestDigestTextInEachLanguage(t *testing.T) {
	eachDigestDB(t, func(t *testing.T, e *digestEnv) {
		e.scriptFiveWeeks()
		d, err := e.s.WeeklyDigest(context.Background(), e.branch, "2026-03-02")
		if err != nil {
			t.Fatal(err)
		}
		d.Clinic = "Centrum"
		wantText(t, d, "en", "Centrum: figures for week 2026-W10",
			"Last week (2026-03-02 – 2026-03-08) against the median of the four weeks before (2026-02-02 – 2026-03-01):",
			"• No-show rate: 25% (median 15%) ↑ worse",
			"• New patients: 9 (median 5.5) ↑ better",
			"• Calls offered: 10 (median 10) → unchanged",
			"• Time to call back: 9 min (median 20 min) ↓ better",
			"• NPS: 66.7 (median 50) ↑ better, 3 answers (fewer than 30: read with care)",
			"All figures on the dashboard: https://clinic.test/console/figures?branch="+e.branch)
		wantText(t, d, "pl", "Centrum: wskaźniki za tydzień 2026-W10", "• Niestawienia się: 25% (mediana 15%) ↑ gorzej",
			"• Nowi pacjenci: 9 (mediana 5,5) ↑ lepiej", "• NPS: 66,7 (mediana 50) ↑ lepiej, odpowiedzi: 3 (mniej niż 30")
		wantText(t, d, "ru", "Centrum: показатели за неделю 2026-W10", "• Время перезвона: 9 мин (медиана 20 мин) ↓ лучше",
			"• Входящие звонки: 10 (медиана 10) → без изменений")
		wantText(t, d, "sv", "Centrum: nyckeltal för vecka 2026-W10", "• Uteblivna besök: 25 % (median 15 %) ↑ sämre",
			"• NPS: 66,7 (median 50) ↑ bättre, 3 svar")
		wantText(t, d, "de", "Centrum: figures for week 2026-W10")
	})
}

// wantText renders d in locale: the first line is the subject, and each line wanted is there.
func wantText(t *testing.T, d Digest, locale, subject string, lines ...string) {
	t.Helper()
	text, err := d.Text(locale)
	if err != nil {
		t.Fatal(locale, err)
	}
	if first, _, _ := strings.Cut(text, "\n"); first != subject {
		t.Fatalf("%s subject %q, want %q", locale, first, subject)
	}
	for _, l := range lines {
		if !strings.Contains(text, l) {
			t.Fatalf("%s text lacks %q:\n%s", locale, l, text)
		}
	}
}

// On Monday from 07:00 local each active owner gets the branch's digest, once, in their
// language (or the branch's), by e-mail; a second run and a second instance add nothing.
func TestDigestGoesOncePerOwnerInTheirLanguage(t *testing.T) {
	eachDigestDB(t, func(t *testing.T, e *digestEnv) {
		e.scriptFiveWeeks()
		anna := e.addStaff("anna@clinic.test", actor.Owner, "ru")
		e.addStaff("bo@clinic.test", actor.Owner, "sv")
		celina := e.addStaff("celina@clinic.test", actor.Owner, "")
		e.addStaff("dan@clinic.test", actor.Owner, "en")
		e.addStaff("eva@clinic.test", actor.Admin, "en")
		frank := e.addStaff("frank@clinic.test", actor.Owner, "en")
		off := false
		if _, err := e.staff.Update(context.Background(), frank, staff.Change{Active: &off}); err != nil {
			t.Fatal(err)
		}
		// Monday 9 March 07:00 in Warsaw is 06:00 UTC.
		e.setNow(time.Date(2026, 3, 9, 6, 0, 0, 0, time.UTC))
		if n := e.send(); n != 4 {
			t.Fatalf("queued %d, want 4 (the active owners; not the admin, not the inactive owner)", n)
		}
		got := e.queued()
		want := []struct{ email, locale, subject string }{
			{"anna@clinic.test", "ru", "Centrum: показатели за неделю 2026-W10"},
			{"bo@clinic.test", "sv", "Centrum: nyckeltal för vecka 2026-W10"},
			{"celina@clinic.test", "pl", "Centrum: wskaźniki za tydzień 2026-W10"},
			{"dan@clinic.test", "en", "Centrum: figures for week 2026-W10"},
		}
		if len(got) != len(want) {
			t.Fatalf("%d digests queued, want %d: %+v", len(got), len(want), got)
		}
		for i, w := range want {
			first, _, _ := strings.Cut(got[i].Body, "\n")
			if got[i].Recipient != w.email || got[i].Locale != w.locale || got[i].Channel != "email" || first != w.subject {
				t.Errorf("digest %d: %s %s %s %q, want %+v", i, got[i].Recipient, got[i].Locale, got[i].Channel, first, w)
			}
		}
		if k := "figures-digest:" + e.branch + ":" + anna + ":2026-W10"; got[0].Key != k {
			t.Fatalf("key %s, want %s", got[0].Key, k)
		}
		if !strings.Contains(got[2].Body, "• Nowi pacjenci: 9 (mediana 5,5) ↑ lepiej") || celina == "" {
			t.Fatalf("celina's digest is not the branch's Polish:\n%s", got[2].Body)
		}
		e.sendAgainOnTwoInstances(4)
	})
}

// sendAgainOnTwoInstances runs the job again, later that Monday, on two instances at
// once: nothing more is queued.
func (e *digestEnv) sendAgainOnTwoInstances(want int) {
	e.t.Helper()
	e.setNow(time.Date(2026, 3, 9, 14, 0, 0, 0, time.UTC))
	other := e.service(e.s.deps.Clock)
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, s := range []*Service{e.s, other} {
		wg.Add(1)
		go func() { defer wg.Done(); _, errs[i] = s.SendDigests(context.Background()) }()
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil {
		e.t.Fatal(errs)
	}
	if n := e.send(); n != 0 || len(e.queued()) != want {
		e.t.Fatalf("a later run queued %d, %d digests in all, want 0 and %d", n, len(e.queued()), want)
	}
}

// Nothing goes before Monday 07:00 in the branch's own zone, nor after that Monday.
func TestDigestWaitsForMondaySevenLocal(t *testing.T) {
	eachDigestDB(t, func(t *testing.T, e *digestEnv) {
		e.scriptFiveWeeks()
		london := e.addBranch("Mayfair", "Europe/London", "en")
		e.addStaff("dan@clinic.test", actor.Owner, "")
		for _, at := range []time.Time{
			time.Date(2026, 3, 8, 22, 59, 0, 0, time.UTC), // Sunday 23:59 in Warsaw
			time.Date(2026, 3, 9, 5, 59, 0, 0, time.UTC),  // Monday 06:59 in Warsaw
		} {
			e.setNow(at)
			if n := e.send(); n != 0 {
				t.Fatalf("at %s queued %d, want none", at, n)
			}
		}
		e.setNow(time.Date(2026, 3, 9, 6, 0, 0, 0, time.UTC)) // 07:00 in Warsaw, 06:00 in London
		if n := e.send(); n != 1 || !strings.HasPrefix(e.queued()[0].Key, "figures-digest:"+e.branch+":") {
			t.Fatalf("at 07:00 in Warsaw queued %d (%+v), want Warsaw's one", n, e.queued())
		}
		e.setNow(time.Date(2026, 3, 9, 7, 0, 0, 0, time.UTC)) // 07:00 in London
		if n := e.send(); n != 1 || len(e.queued()) != 2 {
			t.Fatalf("at 07:00 in London queued %d, want London's one", n)
		}
		for _, q := range e.queued() {
			if strings.Contains(q.Key, london) && (!strings.HasPrefix(q.Body, "Mayfair: figures for week 2026-W10") ||
				!strings.Contains(q.Body, "Nothing was counted in these five weeks.")) {
				t.Fatalf("London's digest:\n%s", q.Body)
			}
		}
		e.setNow(time.Date(2026, 3, 10, 7, 0, 0, 0, time.UTC)) // Tuesday
		if n := e.send(); n != 0 {
			t.Fatalf("on Tuesday queued %d, want none", n)
		}
	})
}

// Every language names the same figures and units as English, and every figure of the
// house's catalog has a name in every language (the catalog's names are fixed).
func TestDigestTextsNameEveryFigureInEveryLanguage(t *testing.T) {
	all, err := digestTemplates()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 4 || all["en"] == nil || all["pl"] == nil || all["ru"] == nil || all["sv"] == nil {
		t.Fatalf("digest texts in %d languages, want en pl ru sv", len(all))
	}
	names := func(locale string) map[string]bool {
		out := map[string]bool{}
		for _, tpl := range all[locale].Templates() {
			if n := tpl.Name(); strings.HasPrefix(n, "label:") || strings.HasPrefix(n, "unit:") {
				out[n] = true
			}
		}
		return out
	}
	en := names("en")
	for _, d := range NewService(Deps{}).Catalog() {
		if !en["label:"+d.Name] {
			t.Errorf("no English name for %s", d.Name)
		}
	}
	for _, locale := range []string{"pl", "ru", "sv"} {
		other := names(locale)
		for n := range en {
			if !other[n] {
				t.Errorf("%s lacks %s", locale, n)
			}
		}
		if len(other) != len(en) {
			t.Errorf("%s names %d, English %d", locale, len(other), len(en))
		}
	}
}
