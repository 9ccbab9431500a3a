package audit

import (
	"encoding/base64"
	"strconv"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler is the owners' view of the audit log.
type Handler struct{ log *Log }

// NewHandler returns the audit HTTP API over log.
func NewHandler(log *Log) *Handler { return &Handler{log: log} }

// Routes mounts GET /api/v1/audit.
func (h *Handler) Routes(r fiber.Router) {
	r.Get("/api/v1/audit", h.list)
}

type listResponse struct {
	Items      []Record `json:"items"`
	NextCursor *string  `json:"next_cursor"`
}

func (h *Handler) list(c *fiber.Ctx) error {
	patientID := c.Query("patient_id")
	if _, err := uuid.Parse(patientID); err != nil {
		return fault.Field("patient_id", "required", "must be a patient id")
	}
	before, err := cursor(c.Query("cursor"))
	if err != nil {
		return err
	}
	limit, err := httpjson.PageLimit(c.Query("limit"))
	if err != nil {
		return err
	}
	items, err := h.log.ForPatient(httpjson.Ctx(c), patientID, before, limit+1)
	if err != nil {
		return err
	}
	return c.JSON(page(items, limit))
}

func cursor(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, fault.Field("cursor", "invalid", "is not a cursor this API gave out")
	}
	n, err := strconv.ParseInt(string(raw), 10, 64)
	if err != nil || n <= 0 {
		return 0, fault.Field("cursor", "invalid", "is not a cursor this API gave out")
	}
	return n, nil
}

func page(items []Record, limit int) listResponse {
	if items == nil {
		items = []Record{}
	}
	resp := listResponse{Items: items}
	if len(items) > limit {
		resp.Items = items[:limit]
		next := base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(items[limit-1].Seq, 10)))
		resp.NextCursor = &next
	}
	return resp
}
