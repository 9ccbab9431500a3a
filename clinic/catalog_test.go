package clinic_test

import (
	"testing"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

func checkup() clinic.ProcedureInput {
	return clinic.ProcedureInput{Code: "checkup", Names: map[string]string{"en": "Check-up", "pl": " Przegląd "},
		DurationMinutes: 30, PriceMinor: 15000, Currency: "pln", ChairCapability: "hygiene",
		RequiredDocuments: []string{"consent_general", "anamnesis", "anamnesis"}}
}

func TestProcedures(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newService(t, d)
		p, err := s.CreateProcedure(ctx, checkup())
		if err != nil {
			t.Fatal(err)
		}
		if p.Currency != "PLN" || p.Name("pl") != "Przegląd" || p.Name("sv") != "Check-up" || len(p.RequiredDocuments) != 2 {
			t.Fatalf("created %+v", p)
		}
		_, err = s.CreateProcedure(ctx, checkup())
		wantCode(t, err, "service_code_taken")
		for field, mutate := range map[string]func(*clinic.ProcedureInput){
			"duration_minutes": func(p *clinic.ProcedureInput) { p.DurationMinutes = 485 },
			"price_minor":      func(p *clinic.ProcedureInput) { p.PriceMinor = -5 },
			"code":             func(p *clinic.ProcedureInput) { p.Code = "Check Up" },
			"chair_capability": func(p *clinic.ProcedureInput) { p.ChairCapability = "X" },
			"currency":         func(p *clinic.ProcedureInput) { p.Currency = "ZZZ" },
		} {
			in := checkup()
			in.Code = "other"
			mutate(&in)
			_, err := s.CreateProcedure(ctx, in)
			wantField(t, err, field)
		}
		price := int64(0)
		free, err := s.UpdateProcedure(ctx, p.ID, clinic.ProcedurePatch{PriceMinor: &price})
		if err != nil || free.PriceMinor != 0 || free.DurationMinutes != 30 {
			t.Fatalf("update = %+v, %v", free, err)
		}
	})
}

func TestChairs(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newService(t, d)
		b := mustBranch(t, s, warsaw())
		c, err := s.CreateChair(ctx, clinic.ChairInput{BranchID: b.ID, Name: " Chair 1 ", Capabilities: []string{"xray", "hygiene", "xray"}})
		if err != nil || c.Name != "Chair 1" || len(c.Capabilities) != 2 || c.Capabilities[0] != "hygiene" {
			t.Fatalf("created %+v, %v", c, err)
		}
		_, err = s.CreateChair(as(actor.Admin), clinic.ChairInput{BranchID: "nope", Name: "C"})
		wantField(t, err, "branch_id")
		_, err = s.CreateChair(as(actor.Doctor, "0190aaaa-0000-7000-8000-000000000002"), clinic.ChairInput{BranchID: b.ID, Name: "C"})
		wantCode(t, err, "branch_forbidden")
		_, err = s.UpdateChair(as(actor.Nurse), c.ID, clinic.ChairPatch{})
		wantCode(t, err, "chair_not_found")
	})
}

func TestDoctors(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		s := newService(t, d)
		b := mustBranch(t, s, warsaw())
		p, err := s.CreateProcedure(ctx, checkup())
		if err != nil {
			t.Fatal(err)
		}
		staffID := insertStaff(t, d, "doctor", b.ID)
		doc, err := s.CreateDoctor(ctx, clinic.DoctorInput{StaffID: staffID, DisplayName: "Dr. Anna", ServiceIDs: []string{p.ID, p.ID}})
		if err != nil || len(doc.ServiceIDs) != 1 || len(doc.BranchIDs) != 1 || doc.BranchIDs[0] != b.ID {
			t.Fatalf("created %+v, %v", doc, err)
		}
		_, err = s.CreateDoctor(ctx, clinic.DoctorInput{StaffID: insertStaff(t, d, "doctor"), ServiceIDs: []string{"0190aaaa-0000-7000-8000-00000000ffff"}})
		wantField(t, err, "service_ids")
		_, err = s.CreateDoctor(ctx, clinic.DoctorInput{StaffID: insertStaff(t, d, "doctor"), PhotoURL: "javascript:alert(1)"})
		wantField(t, err, "photo_url")
		byService, err := s.Doctors(ctx, clinic.DoctorFilter{ServiceID: p.ID})
		if err != nil || len(byService.Items) != 1 {
			t.Fatalf("doctors for the service = %+v, %v", byService.Items, err)
		}
		elsewhere, err := s.Doctors(as(actor.Nurse, "0190aaaa-0000-7000-8000-000000000002"), clinic.DoctorFilter{})
		if err != nil || len(elsewhere.Items) != 0 {
			t.Fatalf("a nurse of another branch sees %+v, %v", elsewhere.Items, err)
		}
	})
}
