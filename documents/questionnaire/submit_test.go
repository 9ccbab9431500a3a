package questionnaire_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestDraftThenSubmitUpdatesTheCardAndAlerts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		p := k.patient("Zosia", "Wisniewska", "+48601234567", "")
		visit := k.book(p.ID, 7)
		token, _ := k.link(visit)
		ctx := context.Background()

		// A draft keeps half-filled answers without asking for the required ones.
		r := k.post(token, url.Values{"action": {"save"}, "q.medications": {"Aspirin"}, "q.pain_level": {"abc"}})
		if r.status != http.StatusSeeOther || !strings.HasSuffix(r.header.Get("Location"), "?done=saved") {
			t.Fatalf("draft: %d %s", r.status, r.header.Get("Location"))
		}
		k.post(token, url.Values{"action": {"save"}, "q.medications": {"Aspirin"}, "q.pain_level": {"abc"}, "q.smoking": {"true"}})
		var drafts int
		_ = d.R.Get(&drafts, d.R.Rebind(`SELECT COUNT(*) FROM questionnaire_responses WHERE appointment_id = ?`), visit)
		page := k.get("/q/" + token)
		if drafts != 1 || !strings.Contains(page.body, `value="true" checked`) {
			t.Errorf("a second save made %d drafts or was lost", drafts)
		}
		if !strings.Contains(page.body, ">Aspirin</textarea>") || !strings.Contains(page.body, `value="abc"`) {
			t.Errorf("draft not shown back")
		}
		if _, ok, _ := k.env.Questionnaires.Latest(ctx, p.ID); ok {
			t.Error("a draft counts as submitted")
		}

		form := adult()
		form.Set("action", "submit")
		if r := k.post(token, form); r.status != http.StatusSeeOther {
			t.Fatalf("submit: %d %s", r.status, r.body)
		}
		resp, ok, err := k.env.Questionnaires.Latest(ctx, p.ID)
		if err != nil || !ok || resp.QuestionnaireID != "dental-intake" || resp.Version != "1" || resp.AppointmentID != visit {
			t.Fatalf("latest = %+v %v %v", resp, ok, err)
		}
		card := must(k.env.Clinic.Patient(ctx, p.ID))(t)
		if card.FirstName != "Zofia" || card.LastName != "Wiśniewska" || card.BirthDate != "1985-03-04" || card.Sex != "female" ||
			card.Address != "ul. Długa 5, Warszawa" || card.IDDocument != "ABC123456" || card.Phone != "+48601234567" || card.Email != "zofia@example.com" {
			t.Errorf("card = %+v", card)
		}
		alerts := must(k.env.Questionnaires.Alerts(ctx, p.ID))(t)
		var got []string
		for _, a := range alerts {
			got = append(got, a.Kind+"/"+a.Code)
			if a.Changed {
				t.Errorf("first response flagged %v", a)
			}
		}
		want := "allergy/latex allergy/allergies_other medication/medications condition/diabetes"
		if strings.Join(got, " ") != want {
			t.Errorf("alerts = %v, want %s", got, want)
		}
		if len(card.MedicalAlerts) != 4 || card.MedicalAlerts[0] != "Alergia: Lateks" {
			t.Errorf("card alerts = %q", card.MedicalAlerts)
		}
		shown := k.env.Questionnaires.DisplayAnswers(resp, "ru")
		if shown["allergies"] != "Латекс, Другое" || shown["smoking"] != "Нет" || shown["birth_date"] != "04.03.1985" || shown["pain_level"] != "4" {
			t.Errorf("display = %v", shown)
		}
		var audited int
		_ = d.R.Get(&audited, `SELECT COUNT(*) FROM audit_log WHERE entity = 'questionnaire_response' AND patient_id = '`+p.ID+`'`)
		if audited != 1 {
			t.Errorf("%d audit rows of the submission", audited)
		}
	})
}

func TestReturningPatientConfirmsAndChangesAreFlagged(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		k := newKit(t, d)
		p := k.patient("Zofia", "Wiśniewska", "+48601234567", "")
		first, _ := k.link(k.book(p.ID, 3))
		form := adult()
		form.Set("action", "submit")
		if r := k.post(first, form); r.status != http.StatusSeeOther {
			t.Fatalf("first submit: %d", r.status)
		}

		second, _ := k.link(k.book(p.ID, 10))
		page := k.get("/q/" + second)
		for _, want := range []string{`value="ABC123456"`, `value="Zofia"`, `>Metformin</textarea>`, `value="latex" checked`, `value="1985-03-04"`} {
			if !strings.Contains(page.body, want) {
				t.Errorf("returning patient's form lacks %s", want)
			}
		}
		if strings.Contains(page.body, ">Toothache</textarea>") {
			t.Error("the last visit's complaint was carried over")
		}

		form.Set("q.medications", "Metformin, Warfarin")
		form.Set("q.complaint", "Check-up")
		if r := k.post(second, form); r.status != http.StatusSeeOther {
			t.Fatalf("second submit: %d %s", r.status, r.body)
		}
		alerts := must(k.env.Questionnaires.Alerts(context.Background(), p.ID))(t)
		for _, a := range alerts {
			if a.Changed != (a.Kind == "medication") {
				t.Errorf("%+v: changed %v", a, a.Changed)
			}
		}
	})
}
