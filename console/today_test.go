package console_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// The day names each visit's patient with age and phone, its stage in words, the
// patient's answer (never "message sent"), the papers signed, the questionnaire and
// the medical alerts, in the branch's language.
func TestTodayShowsTheDay(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newDayKit(t, d)
		first := k.book(t, 10, 0, "Jan", "Kowalski", "+48601100200")
		second := k.book(t, 11, 0, "Anna", "Nowak", "+48601100300")
		if _, err := k.e.Booking.Move(system(), second.ID, booking.Change{Action: booking.ActionConfirm}); err != nil {
			t.Fatal(err)
		}
		third := k.book(t, 12, 0, "Ewa", "Zielińska", "+48601100400")
		fourth := k.book(t, 13, 0, "Piotr", "Wiśniewski", "+48601100500")
		if err := k.e.Self.ConfirmByReply(system(), third.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := k.e.Self.DeclineByReply(system(), fourth.ID); err != nil {
			t.Fatal(err)
		}
		alerts := []string{"penicillin allergy"}
		if _, err := k.e.Clinic.UpdatePatient(system(), first.Patient(), clinic.PatientPatch{MedicalAlerts: &alerts}); err != nil {
			t.Fatal(err)
		}
		k.morning(9, 30)
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Admin, k.f.Branch.ID))
		p := dk.get(k.dayPath())
		if p.Status != http.StatusOK {
			t.Fatalf("today: %d\n%s", p.Status, p.Body)
		}
		for _, want := range []string{"Kowalski Jan", "Nowak Anna", "48601100200", "zapisany", "potwierdzona",
			"nie pytano", "Uwagi medyczne: penicillin allergy", "brak ankiety", `id="v-` + first.ID + `"`, "Przyjmij",
			`data-key="c"`, "/console/patients/" + first.Patient()} {
			if !strings.Contains(p.Body, want) {
				t.Errorf("the day lacks %q", want)
			}
		}
		for id, want := range map[string]string{third.ID: "potwierdził odpowiedzią", fourth.ID: "odmówił odpowiedzią", first.ID: "nie pytano"} {
			if !strings.Contains(rowOf(p.Body, id), want) {
				t.Errorf("visit %s does not show %q", id, want)
			}
		}
		if strings.Contains(p.Body, "wysłan") {
			t.Error("the day says a message was sent instead of what the patient answered")
		}
		if !regexp.MustCompile(`podpisane 0/\d`).MatchString(p.Body) {
			t.Error("the day does not count the signed papers")
		}
		if strings.Contains(p.Body, "style=\"") {
			t.Error("the day carries inline styles, which its CSP forbids")
		}
		list := dk.get(k.dayPath() + "&view=list&by=doctor")
		if !strings.Contains(list.Body, `class="board list`) || !strings.Contains(list.Body, "Kowalski Jan") {
			t.Error("the list view does not show the visits")
		}
	})
}

// A check-in through the row's form moves the visit to arrived and comes back to the
// day (303); the day then shows the patient waiting.
func TestCheckInThroughTheForm(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newDayKit(t, d)
		v := k.book(t, 10, 0, "Jan", "Kowalski", "+48601100200")
		k.morning(9, 50)
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Admin, k.f.Branch.ID))
		back := k.dayPath()
		r := dk.postFrom(back, "/console/today/visits/"+v.ID+"/check-in", url.Values{"back": {back}})
		if r.Status != http.StatusSeeOther || r.Location != back {
			t.Fatalf("check in: %d %q\n%s", r.Status, r.Location, r.Body)
		}
		if got := k.stored(t, v.ID); got.Status != visit.Arrived || got.ArrivedAt == nil {
			t.Fatalf("stored status %s", got.Status)
		}
		k.e.Clock.Advance(4 * time.Minute)
		if p := dk.get(back); !strings.Contains(p.Body, "czeka 4 min") {
			t.Error("the day does not show the patient waiting 4 min")
		}
	})
}

// Seating is refused while papers are unsigned (409, the unsigned documents listed);
// the owner may override with a reason (none: 422); signing them lets the desk seat.
func TestSeatRefusedUntilSignedOrOverridden(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newDayKit(t, d)
		a := k.book(t, 10, 0, "Jan", "Kowalski", "+48601100200")
		b := k.book(t, 11, 0, "Anna", "Nowak", "+48601100300")
		k.morning(9, 50)
		for _, v := range []visit.Visit{a, b} {
			if _, err := k.e.Booking.Move(system(), v.ID, booking.Change{Action: booking.ActionCheckIn}); err != nil {
				t.Fatal(err)
			}
		}
		admin := k.desk()
		admin.signIn(k.staffMember(actor.Admin, k.f.Branch.ID))
		back := k.dayPath()
		r := admin.postFrom(back, "/console/today/visits/"+a.ID+"/seat", url.Values{"back": {back}})
		if r.Status != http.StatusConflict || !strings.Contains(r.Body, "Umowa o leczenie") ||
			strings.Contains(r.Body, `name="override_reason"`) {
			t.Fatalf("seat unsigned as admin: %d, want 409 listing the contract and no override\n%s", r.Status, r.Body)
		}
		owner := k.desk()
		owner.signIn(k.staffMember(actor.Owner))
		refused := owner.postFrom(back, "/console/today/visits/"+a.ID+"/seat", url.Values{"back": {back}})
		if refused.Status != http.StatusConflict || !strings.Contains(refused.Body, `name="override_reason"`) {
			t.Fatalf("seat unsigned as owner: %d, want 409 with the override form", refused.Status)
		}
		empty := owner.postFrom(back, "/console/today/visits/"+a.ID+"/seat", url.Values{"back": {back}, "override": {"1"}})
		if empty.Status != http.StatusUnprocessableEntity || !strings.Contains(empty.Body, `aria-invalid="true"`) {
			t.Fatalf("override without a reason: %d", empty.Status)
		}
		ok := owner.postFrom(back, "/console/today/visits/"+a.ID+"/seat", url.Values{"back": {back}, "override": {"1"},
			"override_reason": {"the patient signs after the X-ray"}})
		if ok.Status != http.StatusSeeOther || k.stored(t, a.ID).Status != visit.Seated {
			t.Fatalf("override: %d, stored %s", ok.Status, k.stored(t, a.ID).Status)
		}
		k.signAll(t, b.ID)
		seated := admin.postFrom(back, "/console/today/visits/"+b.ID+"/seat", url.Values{"back": {back}})
		if seated.Status != http.StatusSeeOther || k.stored(t, b.ID).Status != visit.Seated {
			t.Fatalf("seat signed: %d, stored %s\n%s", seated.Status, k.stored(t, b.ID).Status, seated.Body)
		}
		if p := admin.get(back); !regexp.MustCompile(`podpisane (\d)/(\d)`).MatchString(p.Body) || !strings.Contains(p.Body, "na fotelu") {
			t.Error("the day does not show the seated visit with its papers")
		}
	})
}

// No-show is offered only once the visit has started; before that the service
// refuses it too, in the staff member's language.
func TestNoShowOnlyAfterTheStart(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newDayKit(t, d)
		v := k.book(t, 10, 0, "Jan", "Kowalski", "+48601100200")
		k.morning(9, 50)
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Admin, k.f.Branch.ID))
		back := k.dayPath()
		action := "/console/today/visits/" + v.ID + "/no-show"
		if p := dk.get(back); strings.Contains(p.Body, action) {
			t.Error("no-show is offered before the start")
		}
		r := dk.postFrom(back, action, url.Values{"back": {back}})
		if r.Status != http.StatusConflict || !strings.Contains(r.Body, "dopiero po godzinie rozpoczęcia") {
			t.Fatalf("no-show before the start: %d\n%s", r.Status, r.Body)
		}
		k.e.Clock.Advance(20 * time.Minute)
		if p := dk.get(back); !strings.Contains(p.Body, action) || !strings.Contains(p.Body, "spóźnia się 10 min") {
			t.Fatal("after the start the visit is not late with no-show offered")
		}
		if r := dk.postFrom(back, action, url.Values{"back": {back}}); r.Status != http.StatusSeeOther || k.stored(t, v.ID).Status != visit.NoShow {
			t.Fatalf("no-show after the start: %d", r.Status)
		}
	})
}

// Cancelling needs a reason: without one the form comes back (422) with the field
// marked in the staff member's language; with one the visit is cancelled.
func TestCancelNeedsAReason(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newDayKit(t, d)
		v := k.book(t, 10, 0, "Jan", "Kowalski", "+48601100200")
		k.morning(8, 0)
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Admin, k.f.Branch.ID))
		back := k.dayPath()
		form := "/console/today/visits/" + v.ID + "/cancel?back=" + url.QueryEscape(back)
		if p := dk.get(form); p.Status != http.StatusOK || !strings.Contains(p.Body, "Kowalski Jan") {
			t.Fatalf("cancel form: %d", p.Status)
		}
		r := dk.postFrom(form, "/console/today/visits/"+v.ID+"/cancel", url.Values{"back": {back}, "reason": {"  "}})
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `name="reason" required aria-invalid="true"`) ||
			!strings.Contains(r.Body, "To pole jest wymagane.") {
			t.Fatalf("cancel without a reason: %d\n%s", r.Status, r.Body)
		}
		if k.stored(t, v.ID).Status != visit.Booked {
			t.Fatal("a refused cancellation changed the visit")
		}
		ok := dk.postFrom(form, "/console/today/visits/"+v.ID+"/cancel", url.Values{"back": {back}, "reason": {"the patient is ill"}, "by_patient": {"1"}})
		got := k.stored(t, v.ID)
		if ok.Status != http.StatusSeeOther || ok.Location != back || got.Status != visit.Cancelled || got.CancelReason != "the patient is ill" {
			t.Fatalf("cancel: %d %q, stored %s %q", ok.Status, ok.Location, got.Status, got.CancelReason)
		}
	})
}

// The poll answers 304 while nothing changed and the rows again, each with its id and
// a new version, after another desk checks a patient in.
func TestChangesAnswer304UntilAnotherDeskActs(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newDayKit(t, d)
		v := k.book(t, 10, 0, "Jan", "Kowalski", "+48601100200")
		k.book(t, 11, 0, "Anna", "Nowak", "+48601100300")
		k.morning(9, 50)
		one, other := k.desk(), k.desk()
		one.signIn(k.staffMember(actor.Admin, k.f.Branch.ID))
		other.signIn(k.staffMember(actor.Admin, k.f.Branch.ID))
		changes := "/console/today/changes?branch=" + k.f.Branch.ID + "&date=" + k.f.Day.Format(time.DateOnly)
		first := one.getWith(changes, map[string]string{"X-Console": "1"})
		etag := first.Header.Get("ETag")
		if first.Status != http.StatusOK || etag == "" || !strings.Contains(first.Body, `id="v-`+v.ID+`"`) {
			t.Fatalf("first poll: %d %q", first.Status, etag)
		}
		version := regexp.MustCompile(`id="v-` + v.ID + `" data-version="([^"]+)"`).FindStringSubmatch(first.Body)
		if same := one.getWith(changes, map[string]string{"If-None-Match": etag}); same.Status != http.StatusNotModified || same.Body != "" {
			t.Fatalf("unchanged poll: %d, want 304", same.Status)
		}
		back := k.dayPath()
		if r := other.postFrom(back, "/console/today/visits/"+v.ID+"/check-in", url.Values{"back": {back}}); r.Status != http.StatusSeeOther {
			t.Fatalf("check in at the other desk: %d", r.Status)
		}
		next := one.getWith(changes, map[string]string{"If-None-Match": etag})
		now := regexp.MustCompile(`id="v-` + v.ID + `" data-version="([^"]+)"`).FindStringSubmatch(next.Body)
		if next.Status != http.StatusOK || next.Header.Get("ETag") == etag || !strings.Contains(next.Body, "przybył") ||
			version == nil || now == nil || version[1] == now[1] {
			t.Fatalf("poll after a check-in elsewhere: %d, versions %v → %v", next.Status, version, now)
		}
	})
}

// The owner sets the branch's limits; a wrong value comes back marked; the front desk
// may not change them, and a nurse may not open the day at all.
func TestLimitsAndRoles(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newDayKit(t, d)
		v := k.book(t, 10, 0, "Jan", "Kowalski", "+48601100200")
		k.morning(10, 3)
		owner := k.desk()
		owner.signIn(k.staffMember(actor.Owner))
		back := k.dayPath()
		if p := owner.get(back); strings.Contains(p.Body, `id="v-`+v.ID+`"`) && strings.Contains(p.Body, "spóźnia się") {
			t.Fatal("late before the default 5 minutes")
		}
		bad := owner.postFrom(back, "/console/today/settings", url.Values{"branch": {k.f.Branch.ID}, "late_after": {"x"}, "waiting_warn": {"10"}})
		if bad.Status != http.StatusUnprocessableEntity || !strings.Contains(bad.Body, `id="f-late_after" name="late_after" type="number" value="x"`) {
			t.Fatalf("bad limit: %d\n%s", bad.Status, bad.Body)
		}
		ok := owner.postFrom(back, "/console/today/settings", url.Values{"branch": {k.f.Branch.ID}, "late_after": {"2"}, "waiting_warn": {"10"},
			"date": {k.f.Day.Format(time.DateOnly)}})
		if ok.Status != http.StatusSeeOther {
			t.Fatalf("limits: %d", ok.Status)
		}
		if p := owner.get(back); !strings.Contains(p.Body, "spóźnia się 3 min") {
			t.Error("the new limit does not show the visit late")
		}
		admin := k.desk()
		admin.signIn(k.staffMember(actor.Admin, k.f.Branch.ID))
		if r := admin.postFrom(back, "/console/today/settings", url.Values{"late_after": {"9"}, "waiting_warn": {"9"}}); r.Status != http.StatusForbidden {
			t.Errorf("the front desk changed the limits: %d", r.Status)
		}
		nurse := k.desk()
		nurse.signIn(k.staffMember(actor.Nurse, k.f.Branch.ID))
		for _, path := range []string{back, "/console/today/changes?branch=" + k.f.Branch.ID, "/console/today/visits/" + v.ID + "/pack.pdf"} {
			if r := nurse.get(path); r.Status != http.StatusForbidden || strings.Contains(r.Body, "Kowalski") {
				t.Errorf("a nurse opened %s: %d", path, r.Status)
			}
		}
	})
}

// One click prints a day's packs as one PDF (tomorrow's, from the day's button), a
// row prints its visit's pack, and a day without visits says so.
func TestPrintsThePacks(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newDayKit(t, d)
		v := k.book(t, 10, 0, "Jan", "Kowalski", "+48601100200")
		k.morning(7, 0)
		k.e.Clock.Advance(-24 * time.Hour) // the day before: the visit is tomorrow's
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Admin, k.f.Branch.ID))
		day := dk.get("/console/today?branch=" + k.f.Branch.ID)
		packs := "/console/today/packs.pdf?branch=" + k.f.Branch.ID + "&amp;date=" + k.f.Day.Format(time.DateOnly)
		if !strings.Contains(day.Body, packs) {
			t.Fatalf("the day has no button printing tomorrow's packs (%s)", packs)
		}
		pdf := dk.get(strings.ReplaceAll(packs, "&amp;", "&"))
		if pdf.Status != http.StatusOK || pdf.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf.Body, "%PDF") {
			t.Fatalf("tomorrow's packs: %d %s", pdf.Status, pdf.Header.Get("Content-Type"))
		}
		one := dk.get("/console/today/visits/" + v.ID + "/pack.pdf")
		if one.Status != http.StatusOK || !strings.HasPrefix(one.Body, "%PDF") {
			t.Fatalf("the visit's pack: %d", one.Status)
		}
		none := dk.get("/console/today/packs.pdf?branch=" + k.f.Branch.ID + "&date=" + k.f.Day.AddDate(0, 0, 1).Format(time.DateOnly))
		if none.Status != http.StatusNotFound || !strings.Contains(none.Body, "Brak wizyt do wydruku") {
			t.Errorf("a day without visits: %d", none.Status)
		}
	})
}

// rowOf is the markup of one visit's row on a page, "" when it is not there.
func rowOf(body, id string) string {
	_, row, ok := strings.Cut(body, `id="v-`+id+`"`)
	if !ok {
		return ""
	}
	row, _, _ = strings.Cut(row, "</article>")
	return row
}
