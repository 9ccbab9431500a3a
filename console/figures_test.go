package console_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

// The owner's dashboard shows each figure of the last 13 weeks with its value in its
// unit, what it was made of and each person's part by name; an administrator sees
// the same branch figures without the people; doctors and nurses are refused.
func TestFiguresDashboardByRole(t *testing.T) { dbtest.Each(t, testFiguresDashboardByRole) }

func testFiguresDashboardByRole(t *testing.T, store *db.DB) {
	k := newKit(t, store)
	needFigures(t, k, "no_show_rate", "tasks_done", "nps", "consumed_per_procedure")
	fc := newFiguresClinic(k)
	fc.day("no_show_rate", fc.date(0), "", "", 3, 20)
	fc.day("no_show_rate", fc.date(-7), "", "", 1, 10)
	fc.day("no_show_rate", fc.date(0), fc.doctor.ID, "", 2, 8)
	fc.day("no_show_rate", fc.date(-200), "", "", 50, 50) // outside the 13 weeks
	fc.day("tasks_done", fc.date(0), "", "", 7, 0)
	fc.day("tasks_done", fc.date(0), "", fc.adminID, 5, 0)
	fc.day("nps", fc.date(-1), "", "", 6, 10)
	fc.day("consumed_per_procedure", fc.date(-2), "", "", 123450, 10)

	owner := fc.signedIn(ownerEmail).get(fc.dashboard(""))
	if owner.Status != http.StatusOK {
		t.Fatalf("owner's dashboard: %d\n%s", owner.Status, owner.Body)
	}
	noShow := tile(owner, "no_show_rate")
	for _, want := range []string{"13.3%", "4 ÷ 30", "Rows behind No-shows", "/console/figures/no_show_rate/rows.csv?"} {
		if !strings.Contains(noShow, want) {
			t.Errorf("the no-show tile lacks %q:\n%s", want, noShow)
		}
	}
	if nps := tile(owner, "nps"); !strings.Contains(nps, "+60") || !strings.Contains(nps, "10 answers") ||
		!strings.Contains(nps, "Fewer than 30 answers") {
		t.Errorf("the NPS tile: %s", nps)
	}
	if money := tile(owner, "consumed_per_procedure"); !strings.Contains(money, "123.45 PLN") {
		t.Errorf("the materials tile: %s", money)
	}
	if tasks := tile(owner, "tasks_done"); !strings.Contains(tasks, "Ola admin") || !strings.Contains(tasks, "staff="+fc.adminID) {
		t.Errorf("the owner sees no person in the tasks tile: %s", tasks)
	}

	admin := fc.signedIn(fc.admin).get(fc.dashboard(""))
	if admin.Status != http.StatusOK || !strings.Contains(tile(admin, "no_show_rate"), "13.3%") {
		t.Fatalf("admin's dashboard: %d %s", admin.Status, tile(admin, "no_show_rate"))
	}
	if tasks := tile(admin, "tasks_done"); strings.Contains(tasks, "Ola admin") || strings.Contains(tasks, "staff=") ||
		!strings.Contains(tasks, ">7<") {
		t.Errorf("an administrator's tasks tile names people or lacks the branch's 7: %s", tasks)
	}
	if strings.Contains(admin.Body, `name="warn_at"`) {
		t.Error("an administrator is offered the colours form")
	}
	doctor := fc.signedIn("doctor-lists@console.test").get(fc.dashboard(""))
	nurse := fc.signedIn(k.staffMember(actor.Nurse, fc.branch.ID)).get(fc.dashboard(""))
	if doctor.Status != http.StatusForbidden || nurse.Status != http.StatusForbidden {
		t.Errorf("doctor got %d, nurse %d; want 403 both", doctor.Status, nurse.Status)
	}
}

// The doctor picker narrows every tile to the doctor's parts; a month view and a
// bad date are answered as asked.
func TestFiguresDashboardDoctorAndRange(t *testing.T) {
	dbtest.Each(t, testFiguresDashboardDoctorAndRange)
}

func testFiguresDashboardDoctorAndRange(t *testing.T, store *db.DB) {
	k := newKit(t, store)
	needFigures(t, k, "no_show_rate")
	fc := newFiguresClinic(k)
	fc.day("no_show_rate", fc.date(0), "", "", 3, 20)
	fc.day("no_show_rate", fc.date(0), fc.doctor.ID, "", 2, 8)
	d := fc.signedIn(ownerEmail)

	p := d.get(fc.dashboard("&doctor=" + fc.doctor.ID))
	if got := tile(p, "no_show_rate"); !strings.Contains(got, "25.0%") || !strings.Contains(got, "2 ÷ 8") {
		t.Errorf("the doctor's no-show rate: %s", got)
	}
	if !strings.Contains(p.Body, `<option value="`+fc.doctor.ID+`" selected>Dr Nowak</option>`) {
		t.Error("the picker does not show the doctor chosen")
	}
	month := d.get(fc.dashboard("&period=12m"))
	first := time.Date(fc.today.Year(), fc.today.Month(), 1, 0, 0, 0, 0, time.UTC)
	if got := tile(month, "no_show_rate"); month.Status != http.StatusOK || !strings.Contains(got, first.Format("2006-01")+": 15.0%") ||
		!strings.Contains(got, first.AddDate(0, -11, 0).Format("2006-01")+": —") || strings.Contains(got, first.AddDate(0, -12, 0).Format("2006-01")+": ") {
		t.Errorf("12 months: %d %s", month.Status, got)
	}
	bad := d.get(fc.dashboard("&period=custom&from=2026-13-40&to=" + fc.date(0)))
	if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, `id="f-from" name="from" type="date" value="2026-13-40"`) ||
		!strings.Contains(bad.Body, "Enter a date (YYYY-MM-DD).") {
		t.Errorf("a bad date: %d", bad.Status)
	}
	upside := d.get(fc.dashboard("&from=" + fc.date(0) + "&to=" + fc.date(-3)))
	if upside.Status != http.StatusUnprocessableEntity || !strings.Contains(upside.Body, "The end must not be before the start.") {
		t.Errorf("an upside-down range: %d", upside.Status)
	}
}

// The owner sets a figure's colours in the unit its tile shows (percent for a rate):
// wrong numbers come back on the tile, marked, with a 422; right ones are stored as
// fractions and colour the tile with its word.
func TestFiguresThresholdForm(t *testing.T) { dbtest.Each(t, testFiguresThresholdForm) }

func testFiguresThresholdForm(t *testing.T, store *db.DB) {
	k := newKit(t, store)
	needFigures(t, k, "no_show_rate")
	fc := newFiguresClinic(k)
	fc.day("no_show_rate", fc.date(0), "", "", 3, 20) // 15%
	d := fc.signedIn(ownerEmail)
	page := fc.dashboard("")
	action := "/console/figures/no_show_rate/threshold?branch=" + fc.branch.ID + "&period=13w"

	for _, tc := range []struct{ warn, bad, field, words string }{
		{"10", "5", "bad", "Higher is worse here"},
		{"abc", "20", "warn", "Enter a percentage from 0 to 100."},
		{"10", "150", "bad", "Enter a percentage from 0 to 100."},
		{"", "20", "warn", "This field is required."},
	} {
		r := d.postFrom(page, action, url.Values{"warn_at": {tc.warn}, "bad_at": {tc.bad}})
		got := tile(r, "no_show_rate")
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(got, `id="no_show_rate-`+tc.field+`"`) ||
			!strings.Contains(got, `aria-invalid="true"`) || !strings.Contains(got, tc.words) || !strings.Contains(got, "<details class=\"colours\" open>") {
			t.Errorf("warn %q bad %q: %d\n%s", tc.warn, tc.bad, r.Status, got)
		}
	}
	if ts, _ := k.e.Figures.Thresholds(fc.ctx, fc.branch.ID); len(ts) != 0 {
		t.Fatalf("refused colours were stored: %+v", ts)
	}

	r := d.postFrom(page, action, url.Values{"warn_at": {"12,5"}, "bad_at": {"20"}})
	if r.Status != http.StatusSeeOther || !strings.Contains(r.Location, "saved=1") {
		t.Fatalf("saving the colours: %d %s\n%s", r.Status, r.Location, r.Body)
	}
	ts, err := k.e.Figures.Thresholds(fc.ctx, fc.branch.ID)
	listsMust(t, err)
	if th := ts["no_show_rate"]; th.WarnAt != 0.125 || th.BadAt != 0.2 {
		t.Errorf("stored colours: %+v", th)
	}
	after := d.get(r.Location)
	got := tile(after, "no_show_rate")
	if !strings.Contains(got, `data-colour="warn"`) || !strings.Contains(got, "Watch") ||
		!strings.Contains(got, "Amber from 12.5, red from 20.") || !strings.Contains(after.Body, "The colours are saved.") {
		t.Errorf("the tile after the colours: %s", got)
	}

	admin := fc.signedIn(fc.admin)
	if r := admin.postFrom(page, action, url.Values{"warn_at": {"1"}, "bad_at": {"2"}}); r.Status != http.StatusForbidden {
		t.Errorf("an administrator set the colours: %d", r.Status)
	}
	if r := d.postFrom(page, "/console/figures/no_such/threshold?branch="+fc.branch.ID, url.Values{"warn_at": {"1"}, "bad_at": {"2"}}); r.Status != http.StatusNotFound {
		t.Errorf("colours of no figure: %d", r.Status)
	}
}

// The dashboard is the owners' and the front desk's: both find it in the menu; a
// doctor or a nurse asking for it is refused, whatever the catalog holds.
func TestFiguresDashboardRoles(t *testing.T) { dbtest.Each(t, testFiguresDashboardRoles) }

func testFiguresDashboardRoles(t *testing.T, store *db.DB) {
	k := newKit(t, store)
	fc := newFiguresClinic(k)
	for _, email := range []string{ownerEmail, fc.admin} {
		p := fc.signedIn(email).get(fc.dashboard(""))
		if p.Status != http.StatusOK || !strings.Contains(p.Body, `<a href="/console/figures" aria-current="page">Figures</a>`) {
			t.Errorf("%s: %d", email, p.Status)
		}
	}
	for _, email := range []string{"doctor-lists@console.test", k.staffMember(actor.Nurse, fc.branch.ID)} {
		d := fc.signedIn(email)
		for _, path := range []string{fc.dashboard(""), "/console/figures/no_show_rate/rows?branch=" + fc.branch.ID,
			"/console/figures/no_show_rate/rows.csv?branch=" + fc.branch.ID} {
			if p := d.get(path); p.Status != http.StatusForbidden || strings.Contains(p.Body, `href="/console/figures"`) {
				t.Errorf("%s at %s: %d", email, path, p.Status)
			}
		}
	}
}
