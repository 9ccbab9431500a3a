package clinic

import (
	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

func (h *Handler) patientRoutes(r fiber.Router) {
	r.Get("/api/v1/patients", h.listPatients)
	r.Post("/api/v1/patients", h.createPatient)
	r.Get("/api/v1/patients/:id", h.getPatient)
	r.Patch("/api/v1/patients/:id", h.updatePatient)
	r.Post("/api/v1/patients/:id/merge", h.mergePatients)
	r.Get("/api/v1/patients/:id/export", h.exportPatient)
	r.Post("/api/v1/patients/:id/guardians", h.addGuardian)
	r.Delete("/api/v1/patients/:id/guardians/:guardian_id", h.removeGuardian)
}

type patientCreate struct {
	BranchID         string             `json:"branch_id" validate:"required,max=36,uuid"`
	FirstName        string             `json:"first_name" validate:"required,max=100"`
	LastName         string             `json:"last_name" validate:"required,max=100"`
	MiddleName       string             `json:"middle_name" validate:"max=100"`
	BirthDate        string             `json:"birth_date" validate:"omitempty,max=10,datetime=2006-01-02"`
	Sex              string             `json:"sex" validate:"omitempty,max=6,oneof=female male other"`
	Phone            string             `json:"phone" validate:"required,max=40"`
	Email            string             `json:"email" validate:"omitempty,max=254,email"`
	Locale           string             `json:"locale" validate:"omitempty,max=2,oneof=en ru pl sv"`
	PreferredChannel string             `json:"preferred_channel" validate:"omitempty,max=8,oneof=sms whatsapp email"`
	Consents         map[string]Consent `json:"consents" validate:"max=3,dive,keys,max=8,oneof=sms whatsapp email,endkeys"`
	Notes            string             `json:"notes" validate:"max=4000" text:"free"`
	Address          string             `json:"address" validate:"max=300" text:"free"`
	IDDocument       string             `json:"id_document" validate:"max=50"`
}

type patientPatch struct {
	BranchID         *string             `json:"branch_id" validate:"omitnil,max=36,uuid"`
	FirstName        *string             `json:"first_name" validate:"omitnil,max=100"`
	LastName         *string             `json:"last_name" validate:"omitnil,max=100"`
	MiddleName       *string             `json:"middle_name" validate:"omitnil,max=100"`
	BirthDate        *string             `json:"birth_date" validate:"omitnil,max=10"`
	Sex              *string             `json:"sex" validate:"omitnil,max=6"`
	Phone            *string             `json:"phone" validate:"omitnil,max=40"`
	Email            *string             `json:"email" validate:"omitnil,max=254"`
	Locale           *string             `json:"locale" validate:"omitnil,max=2,oneof=en ru pl sv"`
	PreferredChannel *string             `json:"preferred_channel" validate:"omitnil,max=8,oneof=sms whatsapp email"`
	Consents         *map[string]Consent `json:"consents" validate:"omitnil,max=3,dive,keys,max=8,oneof=sms whatsapp email,endkeys"`
	Notes            *string             `json:"notes" validate:"omitnil,max=4000" text:"free"`
	Address          *string             `json:"address" validate:"omitnil,max=300" text:"free"`
	IDDocument       *string             `json:"id_document" validate:"omitnil,max=50"`
}

func (in patientPatch) patch() PatientPatch {
	return PatientPatch{BranchID: in.BranchID, FirstName: in.FirstName, LastName: in.LastName,
		MiddleName: in.MiddleName, BirthDate: in.BirthDate, Sex: in.Sex, Phone: in.Phone, Email: in.Email,
		Locale: in.Locale, PreferredChannel: in.PreferredChannel, Consents: in.Consents, Notes: in.Notes,
		Address: in.Address, IDDocument: in.IDDocument}
}

type patientOut struct {
	ID               string             `json:"id"`
	FirstName        string             `json:"first_name"`
	LastName         string             `json:"last_name"`
	MiddleName       string             `json:"middle_name"`
	BirthDate        *string            `json:"birth_date"`
	Sex              string             `json:"sex"`
	Phone            string             `json:"phone"`
	Email            string             `json:"email"`
	Locale           string             `json:"locale"`
	PreferredChannel string             `json:"preferred_channel"`
	Consents         map[string]Consent `json:"consents"`
	Notes            string             `json:"notes"`
	MedicalAlerts    []string           `json:"medical_alerts"`
	HomeBranchID     string             `json:"home_branch_id"`
	Address          string             `json:"address"`
	IDDocument       string             `json:"id_document"`
	CreatedAt        string             `json:"created_at"`
	UpdatedAt        string             `json:"updated_at"`
}

func toPatientOut(p Patient) patientOut {
	return patientOut{ID: p.ID, FirstName: p.FirstName, LastName: p.LastName, MiddleName: p.MiddleName,
		BirthDate: nullIfEmpty(p.BirthDate), Sex: p.Sex, Phone: p.Phone, Email: p.Email, Locale: p.Locale,
		PreferredChannel: p.PreferredChannel, Consents: p.Consents, Notes: p.Notes,
		MedicalAlerts: orEmpty(p.MedicalAlerts), HomeBranchID: p.HomeBranchID, Address: p.Address, IDDocument: p.IDDocument,
		CreatedAt: stamp(p.CreatedAt), UpdatedAt: stamp(p.UpdatedAt)}
}

// patientQuery adds search and order to the common list parameters.
type patientQuery struct {
	Q    string `json:"q" validate:"max=100"`
	Sort string `json:"sort" validate:"omitempty,max=10,oneof=name newest"`
}

func (h *Handler) listPatients(c *fiber.Ctx) error {
	q, err := parseList(c)
	if err != nil {
		return err
	}
	pq := patientQuery{Q: c.Query("q"), Sort: c.Query("sort")}
	if err := httpjson.Validate(&pq); err != nil {
		return err
	}
	p, err := h.s.Patients(httpjson.Ctx(c), PatientFilter{BranchID: q.BranchID, Q: pq.Q, Sort: pq.Sort,
		Cursor: q.Cursor, Limit: q.Limit})
	return answer(c, toPage(p, toPatientOut), err)
}

// createPatient answers 201 for a new card and 200 with the existing card when the
// patient is already registered.
func (h *Handler) createPatient(c *fiber.Ctx) error {
	var in patientCreate
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	p, created, err := h.s.CreatePatient(httpjson.Ctx(c), PatientInput(in))
	if err != nil {
		return err
	}
	if created {
		return httpjson.Created(c, toPatientOut(p))
	}
	return c.JSON(toPatientOut(p))
}

func (h *Handler) getPatient(c *fiber.Ctx) error {
	id, err := pathID(c, ErrPatientNotFound)
	if err != nil {
		return err
	}
	p, err := h.s.Patient(httpjson.Ctx(c), id)
	return answer(c, toPatientOut(p), err)
}

func (h *Handler) updatePatient(c *fiber.Ctx) error {
	id, err := pathID(c, ErrPatientNotFound)
	if err != nil {
		return err
	}
	var in patientPatch
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	p, err := h.s.UpdatePatient(httpjson.Ctx(c), id, in.patch())
	return answer(c, toPatientOut(p), err)
}

type mergeIn struct {
	DuplicateID string `json:"duplicate_id" validate:"required,max=36,uuid"`
}

func (h *Handler) mergePatients(c *fiber.Ctx) error {
	id, err := pathID(c, ErrPatientNotFound)
	if err != nil {
		return err
	}
	var in mergeIn
	if err := httpjson.Decode(c, &in); err != nil {
		return err
	}
	p, err := h.s.MergePatients(httpjson.Ctx(c), id, in.DuplicateID)
	return answer(c, toPatientOut(p), err)
}

type exportOut struct {
	Patient        patientOut                  `json:"patient"`
	MergedPatients []patientOut                `json:"merged_patients"`
	Records        map[string][]map[string]any `json:"records"`
	Audit          []audit.Record              `json:"audit"`
	ExportedAt     string                      `json:"exported_at"`
}

func (h *Handler) exportPatient(c *fiber.Ctx) error {
	id, err := pathID(c, ErrPatientNotFound)
	if err != nil {
		return err
	}
	x, err := h.s.ExportPatient(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	out := exportOut{Patient: toPatientOut(x.Patient), MergedPatients: make([]patientOut, len(x.Merged)),
		Records: x.Records, Audit: orEmpty(x.Audit), ExportedAt: stamp(x.ExportedAt)}
	for i, m := range x.Merged {
		out.MergedPatients[i] = toPatientOut(m)
	}
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="patient-`+id+`.json"`)
	return c.JSON(out)
}
