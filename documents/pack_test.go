package documents_test

import (
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/documents/questionnaire"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestPackPrintsEveryRequiredDocument(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.extraction, 10, 0, "Zażółć", "Gęślą")
		admin := f.env.As(actor.Admin)
		if got := f.checklist(admin, a.ID).byKind(); got["contract"] != "missing" || got["consent_extraction"] != "missing" {
			t.Fatalf("before printing: %v", got)
		}
		pack := f.pack(admin, a.ID)
		text := checkPDF(t, pack)
		if !strings.Contains(text, "Zażółć Gęślą") {
			t.Errorf("pack text lacks the patient's name:\n%.2000s", text)
		}
		list := f.checklist(admin, a.ID)
		if qr, want := firstPageQR(t, pack), list.ids()["contract"]+":1"; qr != want {
			t.Errorf("the pack's first page QR %q, want the contract's %q", qr, want)
		}
		want := []string{"contract", "consent_general", "consent_anaesthesia", "consent_extraction", "consent_personal_data"}
		got := map[string]bool{}
		for _, doc := range list.Documents {
			got[doc.Kind] = true
			if doc.Status != "printed" || !doc.Required {
				t.Errorf("%s: status %s required %v after printing", doc.Kind, doc.Status, doc.Required)
			}
		}
		for _, k := range want {
			if !got[k] {
				t.Errorf("pack lacks %s: %v", k, list.Documents)
			}
		}
		if list.MaySeat {
			t.Error("may_seat with nothing signed")
		}
		var printed int
		if err := d.R.Get(&printed, d.R.Rebind(`SELECT COUNT(*) FROM audit_log WHERE action = 'print' AND entity = 'document'
			AND patient_id = ?`), *a.PatientID); err != nil || printed != len(want) {
			t.Errorf("%d print audit rows (%v), want %d", printed, err, len(want))
		}
	})
}

func TestPackReusesCurrentDocumentsAndRegeneratesStaleOnes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.checkup, 10, 0, "Ewa", "Lis")
		admin := f.env.As(actor.Admin)
		f.pack(admin, a.ID)
		first := f.checklist(admin, a.ID).ids()
		f.pack(admin, a.ID)
		if again := f.checklist(admin, a.ID).ids(); !sameMap(first, again) {
			t.Fatalf("a second pack made new documents: %v then %v", first, again)
		}
		r := admin.Do("PATCH", "/api/v1/patients/"+*a.PatientID, map[string]any{"last_name": "Lisowska"})
		expectStatus(t, r, 200, "")
		if st := f.checklist(admin, a.ID).byKind(); st["contract"] != "stale" {
			t.Fatalf("after the name change: %v", st)
		}
		text := checkPDF(t, f.pack(admin, a.ID))
		if !strings.Contains(text, "Ewa Lisowska") {
			t.Errorf("regenerated pack lacks the new name:\n%.1500s", text)
		}
		after := f.checklist(admin, a.ID).ids()
		for k, id := range first {
			if after[k] == id {
				t.Errorf("%s kept document %s after the data changed", k, id)
			}
			var status, replacedBy string
			if err := d.R.QueryRow(d.R.Rebind(`SELECT status, replaced_by FROM documents WHERE id = ?`), id).Scan(&status, &replacedBy); err != nil {
				t.Fatal(err)
			}
			if status != "voided" || replacedBy != after[k] {
				t.Errorf("%s: old document %s, replaced by %s; want voided, replaced by %s", k, status, replacedBy, after[k])
			}
		}
	})
}

func TestPackForCancelledVisitIsConflict(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.checkup, 10, 0, "Ewa", "Lis")
		admin := f.env.As(actor.Admin)
		expectStatus(t, admin.Do("POST", "/api/v1/appointments/"+a.ID+"/cancel", map[string]any{"reason": "ill"}), 200, "")
		expectStatus(t, admin.Do("GET", "/api/v1/appointments/"+a.ID+"/pack.pdf", nil), 409, "visit_cancelled")
		expectStatus(t, admin.Do("GET", "/api/v1/appointments/00000000-0000-4000-8000-000000000000/pack.pdf", nil), 404, "")
		expectStatus(t, f.env.As(actor.Nurse).Do("GET", "/api/v1/appointments/"+a.ID+"/pack.pdf", nil), 403, "")
	})
}

func TestDayPacksPrintVisitsInScheduleOrder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		f.book(f.checkup, 12, 0, "Cecylia", "Trzecia")
		f.book(f.checkup, 9, 0, "Adam", "Pierwszy")
		gone := f.book(f.checkup, 13, 0, "Daria", "Odwołana")
		f.book(f.extraction, 10, 0, "Bogdan", "Drugi")
		admin := f.env.As(actor.Admin)
		expectStatus(t, admin.Do("POST", "/api/v1/appointments/"+gone.ID+"/cancel", map[string]any{"reason": "ill"}), 200, "")
		r := admin.Do("GET", "/api/v1/packs.pdf?branch_id="+f.branch.ID+"&date="+f.day.Format("2006-01-02"), nil)
		expectStatus(t, r, 200, "")
		text := checkPDF(t, r.Body)
		last := -1
		for _, name := range []string{"Adam Pierwszy", "Bogdan Drugi", "Cecylia Trzecia"} {
			at := strings.Index(text, name)
			if at < 0 || at < last {
				t.Fatalf("%s at %d after %d: not in schedule order", name, at, last)
			}
			last = strings.LastIndex(text, name)
		}
		if strings.Contains(text, "Odwołana") {
			t.Error("the cancelled visit's pack was printed")
		}
		expectStatus(t, admin.Do("GET", "/api/v1/packs.pdf?branch_id="+f.branch.ID+"&date=2020-01-01", nil), 404, "no_visits")
		expectStatus(t, admin.Do("GET", "/api/v1/packs.pdf?branch_id="+f.branch.ID+"&date=tomorrow", nil), 400, "validation_failed")
	})
}

func sameMap(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestPackCarriesTheQuestionnaire: what the patient answered at home (the card's
// identity document and address, allergies) is printed, and a later submission makes
// unsigned documents stale.
func TestPackCarriesTheQuestionnaire(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		a := f.book(f.checkup, 10, 0, "Zofia", "Wiśniewska")
		ctx := t.Context()
		link, err := f.env.Questionnaires.CreateLink(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		token := link.URL[strings.LastIndex(link.URL, "/")+1:]
		answers := questionnaire.Raw{"first_name": {"Zofia"}, "last_name": {"Wiśniewska"}, "birth_date": {"1985-03-04"},
			"sex": {"female"}, "id_document": {"ABC123456"}, "address": {"ul. Długa 5, Warszawa"},
			"phone": {"+48 601 000 101"}, "conditions": {"diabetes"}, "medications": {"Metformin"},
			"allergies": {"latex"}, "pregnancy": {"no"}, "smoking": {"false"}, "complaint": {"Toothache"},
			"pain_level": {"4"}, "consent_data": {"true"}, "consent_reminders": {"true"}}
		if _, problems, err := f.env.Questionnaires.Submit(ctx, token, answers); err != nil || len(problems) > 0 {
			t.Fatalf("submit: %v %v", problems, err)
		}
		admin := f.env.As(actor.Admin)
		text := checkPDF(t, f.pack(admin, a.ID))
		for _, want := range []string{"ABC123456", "Długa 5", "Metformin"} {
			if !strings.Contains(text, want) {
				t.Errorf("pack lacks %q from the questionnaire", want)
			}
		}
		answers["medications"] = []string{"Metformin, Aspirin"}
		link, err = f.env.Questionnaires.CreateLink(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		token = link.URL[strings.LastIndex(link.URL, "/")+1:]
		if _, problems, err := f.env.Questionnaires.Submit(ctx, token, answers); err != nil || len(problems) > 0 {
			t.Fatalf("second submit: %v %v", problems, err)
		}
		if st := f.checklist(admin, a.ID).byKind(); st["questionnaire_summary"] != "stale" {
			t.Errorf("after a new questionnaire: %v", st)
		}
	})
}

// TestServicesRequireKnownDocumentKinds: a service may only require kinds there are
// templates for.
func TestServicesRequireKnownDocumentKinds(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		body := map[string]any{"code": "implant", "names": map[string]string{"en": "Implant"}, "duration_minutes": 90,
			"price_minor": 500000, "currency": "PLN", "required_documents": []string{"consent_implant", "anamnesis"}}
		r := f.env.As(actor.Owner).Do("POST", "/api/v1/services", body)
		expectStatus(t, r, 400, "validation_failed")
		if p := r.Problem(t); len(p.Errors) != 1 || !strings.HasPrefix(p.Errors[0].Field, "required_documents[") || p.Errors[0].Code != "document_kind" {
			t.Errorf("errors %+v", p.Errors)
		}
		body["required_documents"] = []string{"consent_implant", "treatment_plan"}
		expectStatus(t, f.env.As(actor.Owner).Do("POST", "/api/v1/services", body), 201, "")
	})
}
