package selfservice_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestHoldCodeVerifyBooksTheVisit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newSelfKit(t, d)
		phone := "+48601234567"
		body := k.holdBody(0, k.At(10, 0), "601 234 567") // national: read with the branch's country
		h := k.hold(body)
		if want := k.Env.Clock.Now().Add(10 * time.Minute); !h.ExpiresAt.Equal(want.Truncate(time.Microsecond)) {
			t.Errorf("expires_at %v, want %v", h.ExpiresAt, want)
		}
		if n := k.count(`SELECT COUNT(*) FROM patients`); n != 0 {
			t.Errorf("a hold registered %d patients before the code was verified", n)
		}
		sent := k.outbox(phone)
		if len(sent) != 1 || sent[0].DedupeKey != "code:"+h.HoldID+":1" || !strings.Contains(sent[0].Body, "Centrum") {
			t.Fatalf("code message: %+v", sent)
		}
		r := k.verify(h.HoldID, k.code(phone, h.HoldID))
		if r.Status != http.StatusOK {
			t.Fatalf("verify: %d %s", r.Status, r.Body)
		}
		var v verifiedJSON
		r.Decode(t, &v)
		checkBookedVisit(t, k, v, h.HoldID)
		checkBookedRows(t, k, h.HoldID, phone)
		token := strings.TrimPrefix(v.ManageURL, apitest.PublicURL+"/v/")
		var shown visitJSON
		k.visit(token).Decode(t, &shown)
		if shown.ID != h.HoldID || shown.Status != "booked" {
			t.Errorf("the manage link shows %+v", shown)
		}
		if r := k.verify(h.HoldID, k.code(phone, h.HoldID)); r.Status != http.StatusConflict || r.Problem(t).Code != "hold_verified" {
			t.Errorf("second verify: %d %s", r.Status, r.Body)
		}
	})
}

func checkBookedVisit(t *testing.T, k *selfKit, v verifiedJSON, holdID string) {
	t.Helper()
	_, offset := k.At(10, 0).Zone()
	_, got := v.Visit.Start.Zone()
	if v.Visit.ID != holdID || v.Visit.Status != "booked" || !v.Visit.Start.Equal(k.At(10, 0)) || got != offset {
		t.Errorf("visit: %+v", v.Visit)
	}
	if v.Visit.Service.Name != "Przegląd" || v.Visit.Doctor.ID != k.Doctors[0].ID || v.Visit.Branch.Phone != "+48221234567" ||
		!v.Visit.CanChange || !v.Visit.CanConfirm {
		t.Errorf("visit details: %+v", v.Visit)
	}
	if !strings.HasPrefix(v.ManageURL, apitest.PublicURL+"/v/") || len(v.ManageURL) != len(apitest.PublicURL+"/v/")+43 {
		t.Errorf("manage_url %q", v.ManageURL)
	}
}

// checkBookedRows looks behind the API: the patient registered with the E.164 phone,
// the event trail, the audit rows naming the patient as actor, and the confirmation
// with the link queued once.
func checkBookedRows(t *testing.T, k *selfKit, holdID, phone string) {
	t.Helper()
	if n := k.count(`SELECT COUNT(*) FROM appointments a JOIN patients p ON p.id = a.patient_id
		WHERE a.id = ? AND a.status = 'booked' AND p.phone = ? AND p.first_name = 'Anna'`, holdID, phone); n != 1 {
		t.Error("the appointment is not booked for the registered patient")
	}
	if n := k.count(`SELECT COUNT(*) FROM appointment_events WHERE appointment_id = ? AND actor_kind = 'patient'
		AND kind IN ('held', 'booked')`, holdID); n != 2 {
		t.Errorf("%d held/booked events by the patient, want 2", n)
	}
	if n := k.count(`SELECT COUNT(*) FROM audit_log WHERE entity_id = ? AND actor_kind = 'patient'`, holdID); n != 2 {
		t.Errorf("%d audit rows for the appointment by the patient, want 2", n)
	}
	// One link for the confirmation, one in the first reminder (planned in the same
	// transaction; the code message is the third row).
	if n := k.count(`SELECT COUNT(*) FROM patient_links WHERE appointment_id = ? AND purpose = 'manage_visit'`, holdID); n != 2 {
		t.Errorf("%d manage links", n)
	}
	sent := k.outbox(phone)
	if len(sent) != 3 || sent[0].DedupeKey != "booked:"+holdID || !strings.Contains(k.Env.ExpandLinks(sent[0].Body), apitest.PublicURL+"/v/") ||
		sent[0].PatientID == nil || sent[0].Segments < 2 || !strings.HasPrefix(sent[1].DedupeKey, "reminder:"+holdID+":") {
		t.Errorf("confirmation and first reminder: %+v", sent)
	}
}

func TestHoldWithoutDoctorTakesWhoeverIsFree(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newSelfKit(t, d)
		first := k.hold(k.holdBody(0, k.At(11, 0), phoneN(1)))
		second := k.hold(k.holdBody(-1, k.At(11, 0), phoneN(2)))
		var doctor string
		if err := db.Get(t.Context(), d.R, &doctor, `SELECT doctor_id FROM appointments WHERE id = ?`, second.HoldID); err != nil {
			t.Fatal(err)
		}
		if first.HoldID == second.HoldID || doctor != k.Doctors[1].ID {
			t.Errorf("the second hold went to %s, want the free doctor %s", doctor, k.Doctors[1].ID)
		}
		r := k.anon.Do(http.MethodPost, "/api/v1/public/holds", k.holdBody(-1, k.At(11, 0), phoneN(3)))
		bookingtest.ExpectStatus(t, r, http.StatusConflict, "slot_taken")
		r = k.anon.Do(http.MethodPost, "/api/v1/public/holds", k.holdBody(-1, k.At(11, 7), phoneN(3)))
		bookingtest.ExpectStatus(t, r, http.StatusUnprocessableEntity, "not_on_grid")
		r = k.anon.Do(http.MethodPost, "/api/v1/public/holds", k.holdBody(-1, k.At(21, 0), phoneN(3)))
		bookingtest.ExpectStatus(t, r, http.StatusUnprocessableEntity, "outside_working_time")
		bookingtest.AssertNoOverlaps(t, d)
	})
}

func TestFiveWrongCodesReleaseTheHold(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newSelfKit(t, d)
		phone := phoneN(1)
		h := k.hold(k.holdBody(0, k.At(12, 0), phone))
		code := k.code(phone, h.HoldID)
		wrong := "000000"
		if code == wrong {
			wrong = "111111"
		}
		for left := 4; left >= 0; left-- {
			r := k.verify(h.HoldID, wrong)
			p := r.Problem(t)
			if r.Status != http.StatusUnprocessableEntity || p.Code != "wrong_code" || len(p.Errors) != 1 ||
				p.Errors[0].Field != "code" || !strings.HasPrefix(p.Errors[0].Message, itoa(left)+" attempts left") {
				t.Fatalf("wrong code with %d left: %d %s", left, r.Status, r.Body)
			}
		}
		bookingtest.ExpectStatus(t, k.verify(h.HoldID, code), http.StatusGone, "hold_released")
		bookingtest.ExpectStatus(t, k.anon.Do(http.MethodPost, "/api/v1/public/holds/"+h.HoldID+"/resend", nil), http.StatusGone, "hold_released")
		if n := k.count(`SELECT COUNT(*) FROM appointments WHERE id = ? AND status = 'released'`, h.HoldID); n != 1 {
			t.Error("the hold is not released")
		}
		k.book(0, k.At(12, 0), phoneN(2)) // the time is free again at once
		if n := k.count(`SELECT COUNT(*) FROM patients`); n != 1 {
			t.Errorf("%d patients, want only the one who verified", n)
		}
	})
}

func TestExpiredHoldIsGoneAndItsTimeFreeWithoutASweeper(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newSelfKit(t, d)
		a := k.hold(k.holdBody(0, k.At(13, 0), phoneN(1)))
		codeA := k.code(phoneN(1), a.HoldID)
		k.Env.Clock.Advance(10*time.Minute + time.Second)
		bookingtest.ExpectStatus(t, k.verify(a.HoldID, codeA), http.StatusGone, "hold_expired")
		bookingtest.ExpectStatus(t, k.anon.Do(http.MethodPost, "/api/v1/public/holds/"+a.HoldID+"/resend", nil), http.StatusGone, "hold_expired")
		b := k.hold(k.holdBody(0, k.At(13, 0), phoneN(2)))
		codeB := k.code(phoneN(2), b.HoldID)
		results := make(chan int, 2)
		go func() { results <- k.verify(a.HoldID, codeA).Status }()
		go func() { results <- k.verify(b.HoldID, codeB).Status }()
		got := map[int]int{<-results: 1}
		got[<-results]++
		if got[http.StatusOK] != 1 || got[http.StatusGone] != 1 {
			t.Errorf("verify race of an expired and a live hold on one time: %v", got)
		}
		if n := k.count(`SELECT COUNT(*) FROM appointments WHERE status = 'booked'`); n != 1 {
			t.Errorf("%d booked visits at one time", n)
		}
		if n := k.count(`SELECT COUNT(*) FROM appointments WHERE id = ? AND status = 'released'`, a.HoldID); n != 1 {
			t.Error("the expired hold was not released by the booking that took its time")
		}
		bookingtest.AssertNoOverlaps(t, d)
	})
}

func itoa(n int) string { return string(rune('0' + n)) }
