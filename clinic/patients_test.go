package clinic_test

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func jan(branchID string) clinic.PatientInput {
	return clinic.PatientInput{BranchID: branchID, FirstName: "Jan", LastName: "Kowalski",
		BirthDate: "1985-04-12", Sex: "male", Phone: "601 234 567", Email: "jan@example.pl",
		Consents: map[string]clinic.Consent{"sms": {Service: true}}}
}

func mustPatient(t *testing.T, s *clinic.Service, in clinic.PatientInput) clinic.Patient {
	t.Helper()
	p, created, err := s.CreatePatient(ctx, in)
	if err != nil || !created {
		t.Fatalf("create patient: created=%v %v", created, err)
	}
	return p
}

func TestPatientPhoneIsNormalisedForTheBranchCountry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newService(t, d)
		pl := mustBranch(t, s, warsaw())
		p := mustPatient(t, s, jan(pl.ID))
		if p.Phone != "+48601234567" || p.Locale != "pl" || p.PreferredChannel != "sms" || p.HomeBranchID != pl.ID {
			t.Fatalf("created %+v", p)
		}
		foreign := jan(pl.ID)
		foreign.FirstName, foreign.Phone = "Anna", "+46 70 123 45 67"
		if p := mustPatient(t, s, foreign); p.Phone != "+46701234567" {
			t.Fatalf("foreign number stored as %q", p.Phone)
		}
		for _, bad := range []string{"abc", "123", "+48 123", "601 234 567 890 123"} {
			in := jan(pl.ID)
			in.Phone = bad
			_, _, err := s.CreatePatient(ctx, in)
			wantField(t, err, "phone")
		}
	})
}

func TestCreatingTheSamePatientReturnsTheExistingCard(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newService(t, d)
		b := mustBranch(t, s, warsaw())
		first := mustPatient(t, s, jan(b.ID))
		again := jan(b.ID)
		again.Phone, again.FirstName = "+48601234567", "JAN" // another spelling, same person
		p, created, err := s.CreatePatient(ctx, again)
		if err != nil || created || p.ID != first.ID {
			t.Fatalf("again: created=%v id=%s want %s, %v", created, p.ID, first.ID, err)
		}
		noBirth := jan(b.ID)
		noBirth.BirthDate = ""
		p, created, err = s.CreatePatient(ctx, noBirth)
		if err != nil || created || p.ID != first.ID {
			t.Fatalf("same phone and name without birth date: created=%v %v", created, err)
		}
		sibling := jan(b.ID)
		sibling.FirstName, sibling.BirthDate = "Ola", "2015-01-01"
		mustPatient(t, s, sibling)
		if n := count(t, d, "patients"); n != 2 {
			t.Fatalf("%d cards, want 2", n)
		}
	})
}

func TestConcurrentCreatesMakeOneCard(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newService(t, d)
		b := mustBranch(t, s, warsaw())
		const n = 16
		ids := make([]string, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Go(func() {
				in := jan(b.ID)
				if i%2 == 1 {
					in.BirthDate = "" // half match by name instead
				}
				p, _, err := s.CreatePatient(ctx, in)
				ids[i], errs[i] = p.ID, err
			})
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
		if c := count(t, d, "patients"); c != 1 {
			t.Fatalf("%d cards after %d concurrent creates", c, n)
		}
		for _, id := range ids {
			if id != ids[0] {
				t.Fatalf("answers differ: %v", ids)
			}
		}
	})
}

func TestPatientValidation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newService(t, d)
		b := mustBranch(t, s, warsaw())
		cases := map[string]func(*clinic.PatientInput){
			"first_name":        func(p *clinic.PatientInput) { p.FirstName = "  " },
			"birth_date":        func(p *clinic.PatientInput) { p.BirthDate = "2999-01-01" },
			"locale":            func(p *clinic.PatientInput) { p.Locale = "de" },
			"preferred_channel": func(p *clinic.PatientInput) { p.PreferredChannel = "pigeon" },
			"email":             func(p *clinic.PatientInput) { p.Email, p.PreferredChannel = "", "email" },
			"consents.fax":      func(p *clinic.PatientInput) { p.Consents = map[string]clinic.Consent{"fax": {}} },
			"sex":               func(p *clinic.PatientInput) { p.Sex = "x" },
			"branch_id":         func(p *clinic.PatientInput) { p.BranchID = "0190aaaa-0000-7000-8000-00000000ffff" },
		}
		for field, mutate := range cases {
			in := jan(b.ID)
			mutate(&in)
			_, _, err := s.CreatePatient(ctx, in)
			wantField(t, err, field)
		}
		if n := count(t, d, "patients"); n != 0 {
			t.Fatalf("bad input stored %d cards", n)
		}
	})
}

func TestPatientSearch(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newService(t, d)
		b := mustBranch(t, s, warsaw())
		for i, name := range []string{"Kowalski", "Kowalska", "Nowak", "Łukaszewicz", "kowal"} {
			in := jan(b.ID)
			in.LastName, in.Phone = name, fmt.Sprintf("+48 601 000 %03d", i)
			mustPatient(t, s, in)
		}
		search := func(q string) []string {
			t.Helper()
			var names []string
			cursor := ""
			for {
				p, err := s.Patients(ctx, clinic.PatientFilter{Q: q, Cursor: cursor, Limit: 1})
				if err != nil {
					t.Fatalf("search %q: %v", q, err)
				}
				for _, x := range p.Items {
					names = append(names, x.LastName)
				}
				if cursor = p.Next; cursor == "" {
					return names
				}
			}
		}
		for q, want := range map[string]string{
			"kowal": "kowal Kowalska Kowalski", "KOWALSKI jan": "Kowalski", "łuk": "Łukaszewicz",
			"002": "Nowak", "+48601000004": "kowal", "601 000 00": "", "0": "Kowalski", "zz": "",
		} {
			if got := fmt.Sprint(search(q)); got != "["+want+"]" {
				t.Errorf("search %q = %s, want [%s]", q, got, want)
			}
		}
	})
}

func TestPatientListOrdersAndScopes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newService(t, d)
		a, other := mustBranch(t, s, warsaw()), mustBranch(t, s, warsaw())
		for i, name := range []string{"B", "C", "A"} {
			in := jan(a.ID)
			in.LastName, in.Phone = name, fmt.Sprintf("+48 601 000 %03d", i)
			mustPatient(t, s, in)
		}
		elsewhere := jan(other.ID)
		elsewhere.LastName = "Z"
		hidden := mustPatient(t, s, elsewhere)
		names := func(c clinicCtx, f clinic.PatientFilter) string {
			p, err := s.Patients(c, f)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, x := range p.Items {
				out = append(out, x.LastName)
			}
			return fmt.Sprint(out)
		}
		if got := names(ctx, clinic.PatientFilter{}); got != "[A B C Z]" {
			t.Errorf("by name = %s", got)
		}
		if got := names(ctx, clinic.PatientFilter{Sort: "newest", Limit: 2}); got != "[Z A]" {
			t.Errorf("newest = %s", got)
		}
		doc := as(actor.Doctor, a.ID)
		if got := names(doc, clinic.PatientFilter{}); got != "[A B C]" {
			t.Errorf("doctor sees %s", got)
		}
		if got := names(doc, clinic.PatientFilter{BranchID: other.ID}); got != "[]" {
			t.Errorf("doctor filtering another branch sees %s", got)
		}
		_, err := s.Patient(doc, hidden.ID)
		wantCode(t, err, "patient_not_found")
		_, err = s.Patients(ctx, clinic.PatientFilter{Sort: "name; DROP TABLE patients"})
		wantField(t, err, "sort")
		_, err = s.Patients(ctx, clinic.PatientFilter{Cursor: "bm9wZQ"})
		wantField(t, err, "cursor")
	})
}

func TestEveryPatientReadAndWriteIsAudited(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		clk := &testClock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
		log := audit.New(d, clk.now)
		s := clinic.NewService(d, log, clk.now)
		b := mustBranch(t, s, warsaw())
		staffCtx := as(actor.Admin)
		p, _, err := s.CreatePatient(staffCtx, jan(b.ID))
		must(t, err)
		_, _, err = s.CreatePatient(staffCtx, jan(b.ID))
		must(t, err)
		_, err = s.Patient(staffCtx, p.ID)
		must(t, err)
		_, err = s.Patients(staffCtx, clinic.PatientFilter{Q: "kow"})
		must(t, err)
		notes := "allergic to latex"
		_, err = s.UpdatePatient(staffCtx, p.ID, clinic.PatientPatch{Notes: &notes})
		must(t, err)
		bad := "abc"
		_, err = s.UpdatePatient(staffCtx, p.ID, clinic.PatientPatch{Phone: &bad})
		wantField(t, err, "phone")
		_, err = s.ExportPatient(staffCtx, p.ID)
		must(t, err)
		recs, err := log.ForPatient(ctx, p.ID, 0, 100)
		must(t, err)
		var got []string
		for i := len(recs) - 1; i >= 0; i-- {
			got = append(got, recs[i].Action)
			if recs[i].StaffID == nil || recs[i].Entity != "patient" || recs[i].EntityID != p.ID {
				t.Errorf("audit row %+v does not say who and what", recs[i])
			}
		}
		if want := "create read read read update export"; strings.Join(got, " ") != want {
			t.Errorf("audit trail = %v, want %s", got, want)
		}
	})
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestPatchingACardIntoAnotherIsAConflict(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newService(t, d)
		b := mustBranch(t, s, warsaw())
		mustPatient(t, s, jan(b.ID))
		other := jan(b.ID)
		other.Phone = "+48 601 000 111"
		second := mustPatient(t, s, other)
		phone := "601234567"
		_, err := s.UpdatePatient(ctx, second.ID, clinic.PatientPatch{Phone: &phone})
		wantCode(t, err, "patient_duplicate")
		got, err := s.Patient(ctx, second.ID)
		if err != nil || got.Phone != "+48601000111" {
			t.Fatalf("the refused change was stored: %+v %v", got, err)
		}
	})
}
