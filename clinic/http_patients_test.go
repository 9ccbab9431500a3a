package clinic_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func TestAPIPatientLifecycle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apitest.NewEnv(t, d)
		owner, doctorless := env.As(actor.Owner), env.As(actor.Admin)
		bid := post(t, owner, "/api/v1/branches", branchBody("Mokotów"), http.StatusCreated)["id"].(string)
		card := obj{"branch_id": bid, "first_name": "Jan", "last_name": "Kowalski", "birth_date": "1985-04-12",
			"phone": "601 234 567", "email": "jan@example.pl", "preferred_channel": "whatsapp",
			"consents": obj{"whatsapp": obj{"service": true, "marketing": true}}}
		first := post(t, doctorless, "/api/v1/patients", card, http.StatusCreated)
		id := first["id"].(string)
		if first["phone"] != "+48601234567" || first["locale"] != "pl" || first["birth_date"] != "1985-04-12" {
			t.Fatalf("created %v", first)
		}
		again := post(t, doctorless, "/api/v1/patients", with(card, "phone", "+48 601-234-567"), http.StatusOK)
		if again["id"] != id {
			t.Fatalf("re-registration made a new card %v", again["id"])
		}
		r := owner.Do(http.MethodPatch, "/api/v1/patients/"+id, obj{"notes": "prefers mornings",
			"address": " ul. Puławska 2, Warszawa ", "id_document": "ABC123456"})
		if r.Status != http.StatusOK {
			t.Fatalf("patch = %d %s", r.Status, r.Body)
		}
		var patched obj
		r.Decode(t, &patched)
		if patched["address"] != "ul. Puławska 2, Warszawa" || patched["id_document"] != "ABC123456" {
			t.Errorf("address and document not kept: %v", patched)
		}
		get(t, owner, "/api/v1/patients/"+id, http.StatusOK)
		for _, q := range []string{"kowal", "Kowalski Jan", "4567", "601 234 567", "+48601234567"} {
			var p page
			get(t, owner, "/api/v1/patients?q="+url.QueryEscape(q), http.StatusOK).Decode(t, &p)
			if len(p.Items) != 1 || p.Items[0]["id"] != id {
				t.Errorf("search %q = %v", q, p.Items)
			}
		}

		dup := post(t, owner, "/api/v1/patients", with(card, "first_name", "Janek", "birth_date", nil,
			"phone", "+48 601 234 568", "middle_name", "Maria", "consents", obj{"whatsapp": obj{"service": false, "marketing": false}}),
			http.StatusCreated)["id"].(string)
		merged := post(t, owner, "/api/v1/patients/"+id+"/merge", obj{"duplicate_id": dup}, http.StatusOK)
		if merged["middle_name"] != "Maria" || merged["consents"].(obj)["whatsapp"].(obj)["marketing"] != false {
			t.Errorf("merge did not fold the duplicate in: %v", merged)
		}
		p := get(t, owner, "/api/v1/patients/"+dup, http.StatusNotFound).Problem(t)
		if p.Code != "patient_merged" || !strings.Contains(p.Detail, id) {
			t.Errorf("GET merged card = %+v", p)
		}
		var list page
		get(t, owner, "/api/v1/patients?q=kowalski", http.StatusOK).Decode(t, &list)
		if len(list.Items) != 1 {
			t.Errorf("merged card still listed: %v", list.Items)
		}

		var x struct {
			Patient        obj   `json:"patient"`
			MergedPatients []obj `json:"merged_patients"`
			Audit          []obj `json:"audit"`
		}
		get(t, owner, "/api/v1/patients/"+id+"/export", http.StatusOK).Decode(t, &x)
		if x.Patient["id"] != id || len(x.MergedPatients) != 1 || x.MergedPatients[0]["id"] != dup {
			t.Errorf("export = %v / %v", x.Patient, x.MergedPatients)
		}
		if got := actions(x.Audit); got != "create read update read read read read read read create update update read" {
			t.Errorf("export audit trail = %s", got)
		}
		recs, err := env.Audit.ForPatient(t.Context(), id, 0, 1)
		if err != nil || len(recs) != 1 || recs[0].Action != "export" || recs[0].StaffID == nil {
			t.Errorf("the export was not audited last: %+v %v", recs, err)
		}
		get(t, doctorless, "/api/v1/patients/"+id+"/export", http.StatusOK)
		get(t, env.As(actor.Doctor), "/api/v1/patients/"+id+"/export", http.StatusForbidden)
	})
}

// actions lists the audit rows' actions in order.
func actions(rows []obj) string {
	var out []string
	for _, r := range rows {
		out = append(out, r["action"].(string))
	}
	return strings.Join(out, " ")
}

func TestAPIStoresSQLLookingStringsVerbatim(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		env := apitest.NewEnv(t, d)
		owner := env.As(actor.Owner)
		evil := `Robert'); DROP TABLE patients;--`
		b := post(t, owner, "/api/v1/branches", with(branchBody(evil), "address", `1' OR '1'='1`), http.StatusCreated)
		bid := b["id"].(string)
		card := obj{"branch_id": bid, "first_name": `%_\`, "last_name": `O'Brien"; DELETE FROM patients WHERE ''=''`,
			"phone": "601 234 567", "notes": "$1 ? :name \x60; SELECT 1"}
		created := post(t, owner, "/api/v1/patients", card, http.StatusCreated)
		var got obj
		get(t, owner, "/api/v1/patients/"+created["id"].(string), http.StatusOK).Decode(t, &got)
		for _, k := range []string{"first_name", "last_name", "notes"} {
			if got[k] != card[k] {
				t.Errorf("%s = %q, want %q", k, got[k], card[k])
			}
		}
		get(t, owner, "/api/v1/branches/"+bid, http.StatusOK).Decode(t, &got)
		if got["name"] != evil || got["address"] != `1' OR '1'='1` {
			t.Errorf("branch came back as %v", got)
		}
		var p page
		get(t, owner, "/api/v1/patients?q="+url.QueryEscape(`o'brien"; delete`), http.StatusOK).Decode(t, &p)
		if len(p.Items) != 1 {
			t.Errorf("search by a quoted prefix = %v", p.Items)
		}
		get(t, owner, "/api/v1/patients?q="+url.QueryEscape(`%`), http.StatusOK).Decode(t, &p)
		if len(p.Items) != 0 {
			t.Errorf("%% matched like a wildcard: %v", p.Items)
		}
		if n := count(t, d, "patients"); n != 1 {
			t.Errorf("%d patients", n)
		}
	})
}
