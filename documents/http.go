package documents

import (
	"bytes"
	"encoding/base64"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Handler is the documents API: packs, stored PDFs, signing and the checklist.
type Handler struct{ svc *Service }

// NewHandler returns the documents API over svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Routes mounts the documents routes.
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/api/v1/appointments/:id/pack.pdf", h.pack)
	r.Get("/api/v1/appointments/:id/documents", h.checklist)
	r.Get("/api/v1/packs.pdf", h.dayPacks)
	r.Get("/api/v1/documents/:id/pdf", h.pdf)
	r.Post("/api/v1/documents/:id/sign", h.sign)
}

func (h *Handler) pack(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", visit.ErrNotFound)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := h.svc.Pack(httpjson.Ctx(c), &buf, id); err != nil {
		return err
	}
	return sendPDF(c, "pack-"+id+".pdf", buf.Bytes())
}

type dayQuery struct {
	BranchID string `query:"branch_id" validate:"required,uuid"`
	Date     string `query:"date" validate:"required,datetime=2006-01-02"`
}

func (h *Handler) dayPacks(c *fiber.Ctx) error {
	var q dayQuery
	if err := c.QueryParser(&q); err != nil {
		return fault.Field("", "invalid_query", "the query string does not parse")
	}
	if err := httpjson.Validate(q); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := h.svc.DayPacks(httpjson.Ctx(c), &buf, q.BranchID, q.Date); err != nil {
		return err
	}
	return sendPDF(c, "packs-"+q.Date+".pdf", buf.Bytes())
}

func (h *Handler) pdf(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	f, err := h.svc.PDF(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return sendPDF(c, f.Name, f.Bytes)
}

// sendPDF answers a PDF to open in the browser's viewer; patient data is never cached.
func sendPDF(c *fiber.Ctx, name string, body []byte) error {
	c.Set(fiber.HeaderContentType, "application/pdf")
	c.Set(fiber.HeaderContentDisposition, `inline; filename="`+name+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(body)
}

type signBody struct {
	SignedBy     string `json:"signed_by"`
	Method       string `json:"method"`
	SignaturePNG string `json:"signature_png"`
	Scan         string `json:"scan"`
}

func (h *Handler) sign(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	var body signBody
	if err := httpjson.Decode(c, &body); err != nil {
		return err
	}
	in, err := body.signing()
	if err != nil {
		return err
	}
	d, err := h.svc.Sign(httpjson.Ctx(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(documentOf(d))
}

// signing decodes the base64 fields; a field that does not decode is named (422).
func (b signBody) signing() (Signing, error) {
	in := Signing{SignedBy: b.SignedBy, Method: b.Method}
	var fields []fault.FieldError
	for _, f := range []struct {
		name string
		src  string
		dst  *[]byte
	}{{"signature_png", b.SignaturePNG, &in.SignaturePNG}, {"scan", b.Scan, &in.Scan}} {
		raw, err := base64.StdEncoding.DecodeString(f.src)
		if err != nil {
			fields = append(fields, fault.FieldError{Field: f.name, Code: "base64", Message: "must be standard base64"})
		}
		*f.dst = raw
	}
	if len(fields) > 0 {
		return in, &fault.Error{Kind: fault.Unprocessable, Code: "validation_failed", Detail: "the signing has invalid fields", Fields: fields}
	}
	return in, nil
}

func (h *Handler) checklist(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", visit.ErrNotFound)
	if err != nil {
		return err
	}
	list, err := h.svc.Checklist(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(checklistOf(list))
}
