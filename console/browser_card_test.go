package console_test

import (
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/browsertest"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// In a real browser, an administrator signs in to a patient's card, which passes axe
// and fits a phone with its visits, alerts and messages; a message sent empty comes
// back with the field marked, then one goes by mouse and one by keyboard, and both
// are in the outbox and on the card.
func TestBrowserCardSendsAMessage(t *testing.T) {
	k := newKit(t, dbtest.New(t))
	lc := newListsClinic(k, "en")
	v := lc.book("Pawlak", lc.workDay(11, 30))
	id := *v.PatientID
	alerts := []string{"Allergic to penicillin"}
	_, err := k.e.Clinic.UpdatePatient(lc.ctx, id, clinic.PatientPatch{MedicalAlerts: &alerts})
	listsMust(t, err)
	_, err = k.e.Messages.SendToPatient(lc.ctx, id, messaging.StaffMessage{Text: "Please call us back about your visit"})
	listsMust(t, err)
	dir := browsertest.ScreenshotDir(t)
	card := "/console/patients/" + id
	s := k.openAs(k.staffMember(actor.Admin, lc.branch.ID), card, deskWidth)
	s.wantText("Pawlak Anna", "Allergic to penicillin", "Check-up", "Please call us back about your visit")
	s.look(dir, "card")

	s.Click("form.send button", "Send the message")
	s.WaitFor(`document.querySelector('#f-text[aria-invalid=true]')`, wait)
	s.wantText("This field is required.")
	s.look(dir, "card-marked")
	s.Fill("f-text", "The clinic is closed on Friday")
	s.Click("form.send button", "Send the message")
	s.WaitFor(`location.search.includes('sent=1')`, wait)
	s.wantText("The message is queued and goes out in a moment.", "The clinic is closed on Friday")

	s.focus("#f-text")
	s.typeKeys("See you on Monday")
	s.tab("button Send the message")
	s.enter()
	s.WaitFor(`location.search.includes('sent=1') && document.body.innerText.includes('See you on Monday')`, wait)
	for _, text := range []string{"The clinic is closed on Friday", "See you on Monday"} {
		if !cardOutbox(t, k, lc, id, text) {
			t.Errorf("no outbox row for %q sent from the card", text)
		}
	}
}

// cardOutbox tells whether a message to the patient holding text is queued or sent.
func cardOutbox(t *testing.T, k *kit, lc *listsClinic, id, text string) bool {
	t.Helper()
	rows, err := k.e.Messages.Recent(lc.ctx, messaging.Filter{Recipient: cardPhone(t, k, lc, id), Limit: 20})
	listsMust(t, err)
	for _, r := range rows {
		if r.PatientID != nil && *r.PatientID == id && strings.Contains(r.Body, text) {
			return true
		}
	}
	return false
}
