package selfservice

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// PublicHandler is the patients' API: the widget's holds and the manage-visit page.
type PublicHandler struct{ ss *Service }

// NewPublicHandler returns the patients' API over ss.
func NewPublicHandler(ss *Service) *PublicHandler { return &PublicHandler{ss: ss} }

// Routes mounts the public routes (all `public` in api/policy.go).
func (h *PublicHandler) Routes(r fiber.Router) {
	r.Post("/api/v1/public/holds", h.hold)
	r.Post("/api/v1/public/holds/:id/verify", h.verify)
	r.Post("/api/v1/public/holds/:id/resend", h.resend)
	r.Get("/api/v1/public/visits/:token", h.visit)
	r.Post("/api/v1/public/visits/:token/confirm", h.confirm)
	r.Post("/api/v1/public/visits/:token/cancel", h.cancel)
	r.Post("/api/v1/public/visits/:token/reschedule", h.reschedule)
}

type holdPatientBody struct {
	FirstName string `json:"first_name" validate:"required,max=100"`
	LastName  string `json:"last_name" validate:"required,max=100"`
	Phone     string `json:"phone" validate:"required,max=40"`
	Email     string `json:"email" validate:"omitempty,max=254,email"`
	BirthDate string `json:"birth_date" validate:"omitempty,datetime=2006-01-02"`
	Locale    string `json:"locale" validate:"required,oneof=en ru pl sv"`
}

type holdBody struct {
	ServiceID string           `json:"service_id" validate:"required,uuid"`
	DoctorID  string           `json:"doctor_id" validate:"omitempty,uuid"`
	Start     httpjson.Instant `json:"start" validate:"required"`
	Patient   *holdPatientBody `json:"patient" validate:"required"`
	Complaint string           `json:"complaint" validate:"max=1000" text:"free"`
	Website   string           `json:"website" validate:"max=500"`
	ElapsedMS *int64           `json:"elapsed_ms" validate:"omitnil,min=0"`
}

func (b holdBody) request() HoldRequest {
	p := b.Patient
	var fill *time.Duration
	if b.ElapsedMS != nil {
		d := time.Duration(*b.ElapsedMS) * time.Millisecond
		fill = &d
	}
	return HoldRequest{FillTime: fill, ServiceID: b.ServiceID, DoctorID: b.DoctorID, Start: b.Start.Time, Complaint: b.Complaint,
		Website: b.Website, Patient: HoldPatient{FirstName: p.FirstName, LastName: p.LastName, Phone: p.Phone,
			Email: p.Email, BirthDate: p.BirthDate, Locale: p.Locale}}
}

type holdOut struct {
	HoldID    string    `json:"hold_id"`
	ExpiresAt time.Time `json:"expires_at"`
}

func (h *PublicHandler) hold(c *fiber.Ctx) error {
	var b holdBody
	if err := httpjson.Decode(c, &b); err != nil {
		return err
	}
	req := b.request()
	branchID, err := holdBranch(c)
	if err != nil {
		return err
	}
	req.BranchID = branchID
	hold, err := h.ss.PlaceHold(c.UserContext(), req)
	if err != nil {
		return err
	}
	return httpjson.Created(c, holdOut{HoldID: hold.ID, ExpiresAt: hold.ExpiresAt})
}

type verifyBody struct {
	Code string `json:"code" validate:"required,len=6,numeric"`
}

type verifiedOut struct {
	Visit     visitOut `json:"visit"`
	ManageURL string   `json:"manage_url"`
}

func (h *PublicHandler) verify(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrHoldNotFound)
	if err != nil {
		return err
	}
	var b verifyBody
	if err := httpjson.Decode(c, &b); err != nil {
		return err
	}
	v, err := h.ss.VerifyHold(c.UserContext(), id, b.Code)
	if err != nil {
		return err
	}
	return c.JSON(verifiedOut{Visit: toVisitOut(v.Visit), ManageURL: v.URL})
}

type resendOut struct {
	holdOut
	SendsLeft int `json:"sends_left"`
}

func (h *PublicHandler) resend(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrHoldNotFound)
	if err != nil {
		return err
	}
	hold, err := h.ss.ResendCode(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(resendOut{holdOut: holdOut{HoldID: hold.ID, ExpiresAt: hold.ExpiresAt}, SendsLeft: hold.SendsLeft})
}
