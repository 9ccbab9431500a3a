package documents_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// legalDetails are a Warsaw clinic's details as the Polish registers know them.
var legalDetails = map[string]any{"legal_name": "Centrum Stomatologii Mokotów sp. z o.o.", "tax_number": "5213456789",
	"company_number": "146123456", "medical_register_number": "000000123456", "email": "recepcja@centrum.test",
	"contract_prefix": "mok"}

// flat is a PDF's text with every run of white space made one space: the typesetter
// wraps lines where it likes.
func flat(t testing.TB, pdf []byte) string {
	return strings.Join(strings.Fields(checkPDF(t, pdf)), " ")
}

func (f *fixture) setLegal(c *apitest.Client, patch map[string]any) map[string]any {
	f.t.Helper()
	r := c.Do("PATCH", "/api/v1/branches/"+f.branch.ID, patch)
	expectStatus(f.t, r, 200, "")
	var out map[string]any
	r.Decode(f.t, &out)
	return out
}

// Point 5: the contract names the branch's legal person and its register numbers, and
// a consent names the clinic once.
func TestPapersNameTheBranchsLegalDetails(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		owner := f.env.As(actor.Owner)
		before := flat(t, f.pack(f.env.As(actor.Admin), f.book(f.checkup, 9, 0, "Ewa", "Lis").ID))
		if strings.Contains(before, "Centrum, Centrum") || strings.Contains(before, "e-mail tel.") {
			t.Errorf("papers without legal details name the clinic twice or print empty contacts: %.400s", before)
		}
		got := f.setLegal(owner, legalDetails)
		if got["contract_prefix"] != "MOK" || got["tax_number"] != "5213456789" || got["consent_age"] != float64(18) {
			t.Errorf("branch after the patch: %v", got)
		}
		text := flat(t, f.pack(f.env.As(actor.Admin), f.book(f.checkup, 10, 0, "Katarzyna", "Dąbrowska").ID))
		for _, want := range []string{"Centrum Stomatologii Mokotów sp. z o.o., NIP 5213456789, REGON 146123456",
			"pod numerem księgi rejestrowej 000000123456", "e-mail recepcja@centrum.test",
			"Centrum Stomatologii Mokotów sp. z o.o., Centrum, ul. Marszałkowska 1"} {
			if !strings.Contains(text, want) {
				t.Errorf("the pack lacks %q: %.1500s", want, text)
			}
		}
		for field, bad := range map[string]any{"email": "not an address", "contract_prefix": "MO-K", "consent_age": 5} {
			r := owner.Do("PATCH", "/api/v1/branches/"+f.branch.ID, map[string]any{field: bad})
			if p := r.Problem(t); r.Status != 400 || len(p.Errors) == 0 || p.Errors[0].Field != field {
				t.Errorf("%s=%v: %d %s", field, bad, r.Status, r.Body)
			}
		}
	})
}

// Point 6: contracts are numbered per branch prefix and year, keep their number when
// made again, print phones as the patient pages do and never decline the patient's name.
func TestContractsHaveHumanNumbersAndReadWithoutDeclension(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		admin := f.env.As(actor.Admin)
		f.setLegal(f.env.As(actor.Owner), map[string]any{"contract_prefix": "MOK"})
		first, second := f.book(f.checkup, 10, 0, "Katarzyna", "Dąbrowska"), f.book(f.checkup, 11, 0, "Jan", "Wiśniewski")
		year := f.env.Clock.Now().In(f.loc).Year()
		one, two := flat(t, f.pack(admin, first.ID)), flat(t, f.pack(admin, second.ID))
		if want := fmt.Sprintf("Nr MOK/%d/000001", year); !strings.Contains(one, want) {
			t.Errorf("first contract lacks %q: %.300s", want, one)
		}
		if want := fmt.Sprintf("Nr MOK/%d/000002", year); !strings.Contains(two, want) {
			t.Errorf("second contract lacks %q: %.300s", want, two)
		}
		expectStatus(t, admin.Do("PATCH", "/api/v1/patients/"+*first.PatientID, map[string]any{"last_name": "Dąbrowska-Nowak"}), 200, "")
		if again := flat(t, f.pack(admin, first.ID)); !strings.Contains(again, fmt.Sprintf("Nr MOK/%d/000001", year)) {
			t.Errorf("the contract made again changed its number: %.300s", again)
		}
		for _, want := range []string{"a Pacjentem (imię i nazwisko: Katarzyna Dąbrowska", "+48 22 123 45 67"} {
			if !strings.Contains(one, want) {
				t.Errorf("the contract lacks %q", want)
			}
		}
		if strings.Contains(one, "+48221234567") || strings.Contains(one, "a Katarzyna Dąbrowska") {
			t.Errorf("the contract prints a raw phone or a name that needs declension: %.600s", one)
		}
	})
}

// bookChild books a visit for a patient born years ago today.
func (f *fixture) bookChild(service clinic.Procedure, hh int, first, last string, years int) visit.Visit {
	f.t.Helper()
	f.seq++
	born := f.day.AddDate(-years, 0, 1).Format(time.DateOnly)
	a, err := f.env.Booking.Book(context.Background(), booking.BookRequest{ServiceID: service.ID, DoctorID: f.doctor.ID,
		Start: f.at(hh, 0), Source: visit.SourceAdmin, Patient: &clinic.PatientInput{FirstName: first, LastName: last,
			Phone: fmt.Sprintf("+4860100%04d", f.seq), BirthDate: born, Locale: "pl"}})
	if err != nil {
		f.t.Fatalf("book: %v", err)
	}
	return a
}

// addGuardian puts a parent's card on the child's as relation.
func (f *fixture) addGuardian(c *apitest.Client, childID, first, last, relation string) {
	f.t.Helper()
	r := c.Do("POST", "/api/v1/patients", map[string]any{"branch_id": f.branch.ID, "first_name": first, "last_name": last,
		"phone": "+48601999888", "birth_date": "1988-02-03", "id_document": "ABC 123456"})
	expectStatus(f.t, r, 201, "")
	var parent struct {
		ID string `json:"id"`
	}
	r.Decode(f.t, &parent)
	expectStatus(f.t, c.Do("POST", "/api/v1/patients/"+childID+"/guardians",
		map[string]any{"guardian_id": parent.ID, "relation": relation}), 201, "")
}

// Point 7: a child's papers name the guardian from the card and carry the guardian's
// signature line; only the guardian's signature counts, and the gate waits for it.
func TestMinorsPapersNameAndNeedTheGuardian(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		admin := f.env.As(actor.Admin)
		child := f.bookChild(f.checkup, 10, "Maria", "Kowalczyk", 9)
		f.addGuardian(admin, *child.PatientID, "Anna", "Kowalczyk", "mother")
		text := flat(t, f.pack(admin, child.ID))
		for _, want := range []string{"Ja, Anna Kowalczyk, jako przedstawiciel ustawowy (matka) pacjenta: Maria Kowalczyk",
			"imię i nazwisko: Anna Kowalczyk, stosunek do Pacjenta: matka, dokument tożsamości: ABC 123456",
			"Przedstawiciel ustawowy: Anna Kowalczyk, matka, dokument tożsamości ABC 123456, tel. +48 601 999 888"} {
			if !strings.Contains(text, want) {
				t.Errorf("the child's pack lacks %q", want)
			}
		}
		if strings.Contains(text, "Ja, Maria Kowalczyk, oświadczam") {
			t.Error("a 9-year-old declares for herself")
		}
		f.arrive(admin, child)
		ids := f.checklist(admin, child.ID).ids()
		paper := map[string]any{"signed_by": "patient", "method": "paper"}
		r := admin.Do("POST", "/api/v1/documents/"+ids["contract"]+"/sign", paper)
		if p := r.Problem(t); r.Status != 400 || len(p.Errors) == 0 || p.Errors[0].Code != "guardian_required" {
			t.Fatalf("a child's own signature: %d %s", r.Status, r.Body)
		}
		expectStatus(t, admin.Do("POST", "/api/v1/appointments/"+child.ID+"/seat", nil), 409, "documents_unsigned")
		for _, k := range []string{"contract", "consent_general", "consent_personal_data"} {
			sign(t, admin, ids[k], map[string]any{"signed_by": "guardian", "method": "paper"}, 200, "")
		}
		expectStatus(t, admin.Do("POST", "/api/v1/appointments/"+child.ID+"/seat", nil), 200, "")
	})
}

// Point 7: the age of consent is the branch's country's (GB 16) unless the branch sets
// its own; a patient of that age signs alone.
func TestAgeOfConsentFollowsTheBranch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		owner, admin := f.env.As(actor.Owner), f.env.As(actor.Admin)
		r := owner.Do("POST", "/api/v1/branches", map[string]any{"name": "Harley Street", "country": "GB",
			"time_zone": "Europe/London", "locale": "en", "currency": "GBP"})
		expectStatus(t, r, 201, "")
		var gb map[string]any
		r.Decode(t, &gb)
		if gb["consent_age"] != float64(16) {
			t.Errorf("a British branch's age of consent: %v", gb["consent_age"])
		}
		teen := f.bookChild(f.checkup, 10, "Zofia", "Nowak", 17)
		if text := flat(t, f.pack(admin, teen.ID)); !strings.Contains(text, "Przedstawiciel ustawowy") {
			t.Error("a 17-year-old in Poland is not represented")
		}
		f.setLegal(owner, map[string]any{"consent_age": 16})
		text := flat(t, f.pack(admin, teen.ID))
		if !strings.Contains(text, "Ja, Zofia Nowak, oświadczam") || strings.Contains(text, "Przedstawiciel ustawowy") {
			t.Errorf("at a branch consenting from 16 a 17-year-old is still represented: %.500s", text)
		}
	})
}

// Point 8: a signed document whose data changed gets a new version; from then on the
// gate wants the new signature, and signing it supersedes the old one.
func TestResigningSupersedesTheOldSignature(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		f := newFixture(t, d)
		admin := f.env.As(actor.Admin)
		a := f.book(f.checkup, 10, 0, "Ewa", "Lis")
		f.pack(admin, a.ID)
		old := f.checklist(admin, a.ID).ids()
		paper := map[string]any{"signed_by": "patient", "method": "paper"}
		for _, k := range []string{"contract", "consent_general", "consent_personal_data"} {
			sign(t, admin, old[k], paper, 200, "")
		}
		expectStatus(t, admin.Do("PATCH", "/api/v1/patients/"+*a.PatientID, map[string]any{"last_name": "Lis-Nowak"}), 200, "")
		f.pack(admin, a.ID)
		f.arrive(admin, a)
		expectStatus(t, admin.Do("POST", "/api/v1/appointments/"+a.ID+"/seat", nil), 409, "documents_unsigned")
		now := f.checklist(admin, a.ID)
		if now.byKind()["contract"] != "printed" || now.ids()["contract"] == old["contract"] {
			t.Fatalf("after the change and a new pack: %v", now.byKind())
		}
		for _, k := range []string{"contract", "consent_general", "consent_personal_data"} {
			got := sign(t, admin, now.ids()[k], paper, 200, "")
			var by *string
			if err := db.Get(context.Background(), d.R, &by, `SELECT superseded_by FROM documents WHERE id = ?`, old[k]); err != nil {
				t.Fatal(err)
			}
			if by == nil || *by != got.ID {
				t.Errorf("%s: the old signature is not superseded by %s: %v", k, got.ID, by)
			}
		}
		expectStatus(t, admin.Do("POST", "/api/v1/appointments/"+a.ID+"/seat", nil), 200, "")
	})
}
