package console_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// The card shows the patient's alerts, their coming visit and the messages they
// were sent; a message sent from it lands in the outbox.
func TestCardShowsVisitsMessagesAlertsAndSends(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		lc := newListsClinic(k, "pl")
		v := lc.book("Pawlak", lc.workDay(11, 30))
		id := *v.PatientID
		alerts := []string{"Alergia na penicylinę"}
		_, err := k.e.Clinic.UpdatePatient(lc.ctx, id, clinic.PatientPatch{MedicalAlerts: &alerts})
		listsMust(t, err)
		_, err = k.e.Messages.SendToPatient(lc.ctx, id, messaging.StaffMessage{Text: "Prosimy o kontakt"})
		listsMust(t, err)
		listsMust(t, k.e.Inbox.Receive(lc.ctx, messaging.Inbound{Medium: messaging.SMS, Provider: "test", ProviderID: "in-1",
			From: cardPhone(t, k, lc, id), Body: "Czy mogę przyjść wcześniej?"}))
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Admin, lc.branch.ID))
		if replies := lc.tab(dk, "replies"); listsCount(replies, "replies") != "1" || !strings.Contains(replies.Body, "Pawlak") {
			t.Errorf("the unclear reply is not on the replies tab:\n%s", replies.Body)
		}
		card := dk.get("/console/patients/" + id)
		listsNoRawKeys(t, card)
		for _, want := range []string{"Pawlak Anna", "Alergia na penicylinę", `data-visit="` + v.ID + `"`,
			"/console/visits/" + v.ID, "Przegląd", "Prosimy o kontakt", `data-direction="out"`,
			"Czy mogę przyjść wcześniej?", `data-direction="in"`, "eksport RODO"} {
			if !strings.Contains(card.Body, want) {
				t.Errorf("the card lacks %q", want)
			}
		}
		if card.Status != http.StatusOK {
			t.Fatalf("card: %d\n%s", card.Status, card.Body)
		}
		path := "/console/patients/" + id
		empty := dk.postFrom(path, path+"/messages", url.Values{"medium": {"sms"}})
		if empty.Status != http.StatusUnprocessableEntity || !strings.Contains(empty.Body, `id="f-text" name="text" required aria-invalid="true"`) ||
			!strings.Contains(empty.Body, "To pole jest wymagane.") {
			t.Fatalf("empty message: %d", empty.Status)
		}
		sent := dk.postFrom(path, path+"/messages", url.Values{"medium": {"sms"}, "text": {"Gabinet zamknięty w piątek"}})
		if sent.Status != http.StatusSeeOther {
			t.Fatalf("send: %d\n%s", sent.Status, sent.Body)
		}
		rows, err := k.e.Messages.Recent(lc.ctx, messaging.Filter{Recipient: cardPhone(t, k, lc, id), Limit: 10})
		listsMust(t, err)
		found := false
		for _, r := range rows {
			found = found || (r.PatientID != nil && *r.PatientID == id && strings.Contains(r.Body, "Gabinet zamknięty w piątek"))
		}
		if !found {
			t.Errorf("no outbox row for the message sent from the card: %+v", rows)
		}
	})
}

func cardPhone(t *testing.T, k *kit, lc *listsClinic, id string) string {
	t.Helper()
	p, err := k.e.Clinic.Patient(lc.ctx, id)
	listsMust(t, err)
	return p.Phone
}

// The GDPR export downloads the patient's data as JSON and is in the audit log.
func TestCardExportIsAudited(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		lc := newListsClinic(k, "en")
		p := lc.patient("Sikora")
		dk := k.desk()
		dk.signIn(k.staffMember(actor.Admin, lc.branch.ID))
		path := "/console/patients/" + p.ID
		r := dk.postFrom(path, path+"/export", nil)
		if r.Status != http.StatusOK || !strings.Contains(r.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("export: %d %q", r.Status, r.Header.Get("Content-Disposition"))
		}
		var out struct {
			Patient clinic.Patient `json:"patient"`
		}
		if err := json.Unmarshal([]byte(r.Body), &out); err != nil || out.Patient.LastName != "Sikora" {
			t.Fatalf("export body: %v %+v", err, out.Patient)
		}
		trail, err := k.e.Audit.ForPatient(lc.ctx, p.ID, 0, 100)
		listsMust(t, err)
		exported := false
		for _, rec := range trail {
			exported = exported || (rec.Action == "export" && rec.StaffID != nil && rec.ActorKind == "staff")
		}
		if !exported {
			t.Errorf("the export is not in the audit log: %+v", trail)
		}
		if bad := dk.post(path+"/export", url.Values{}); bad.Status != http.StatusForbidden {
			t.Errorf("an export without the form's token: %d", bad.Status)
		}
	})
}

// The card is the front desk's: a nurse cannot open it beyond her role, nor a doctor.
func TestNurseAndDoctorCannotOpenTheCard(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		lc := newListsClinic(k, "en")
		p := lc.patient("Górska")
		for _, role := range []actor.Role{actor.Nurse, actor.Doctor} {
			dk := k.desk()
			dk.signIn(k.staffMember(role, lc.branch.ID))
			if r := dk.get("/console/patients/" + p.ID); r.Status != http.StatusForbidden || strings.Contains(r.Body, "Górska") {
				t.Errorf("%s on the card: %d", role, r.Status)
			}
		}
	})
}
