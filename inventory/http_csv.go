package inventory

import (
	"bufio"
	"mime"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// CSVHandler is the supplies' spreadsheet face: importing items with opening stock,
// exporting the ledger of a period.
type CSVHandler struct{ s *Service }

// NewCSVHandler returns the CSV routes over s.
func NewCSVHandler(s *Service) *CSVHandler { return &CSVHandler{s: s} }

// Routes mounts the import and the export (roles: api/policy.go).
func (h *CSVHandler) Routes(r fiber.Router) {
	r.Post("/api/v1/inventory/import", h.importFile)
	r.Get("/api/v1/inventory/moves.csv", h.exportMoves)
}

// ErrNotCSV answers an import sent as anything but text/csv.
var ErrNotCSV = fault.New(fault.Unsupported, "unsupported_media_type", "send the file as text/csv")

func (h *CSVHandler) importFile(c *fiber.Ctx) error {
	b, err := csvBranch(c)
	if err != nil {
		return err
	}
	if mt, _, err := mime.ParseMediaType(c.Get(fiber.HeaderContentType)); err != nil || mt != "text/csv" {
		return ErrNotCSV
	}
	res, err := h.s.Import(httpjson.Ctx(c), b, c.Body())
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(res)
}

func (h *CSVHandler) exportMoves(c *fiber.Ctx) error {
	b, err := csvBranch(c)
	if err != nil {
		return err
	}
	ctx := httpjson.Ctx(c)
	e, err := h.s.ExportMoves(ctx, b, c.Query("from"), c.Query("to"))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="moves-`+c.Query("from")+"-"+c.Query("to")+`.csv"`)
	// The answer has started once streaming begins: a later page that fails to
	// read ends the file early rather than turning it into an error.
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		_ = e.Write(ctx, w)
		_ = w.Flush()
	})
	return nil
}

// csvBranch reads branch_id: required, an id. Whether the caller may see the branch
// is the directory's to say (404 for a branch they do not work at, as everywhere).
func csvBranch(c *fiber.Ctx) (string, error) {
	id := c.Query("branch_id")
	if id == "" {
		return "", fault.Field("branch_id", "required", "is required")
	}
	if err := httpjson.Validate(struct {
		ID string `validate:"uuid"`
	}{id}); err != nil {
		return "", fault.Field("branch_id", "uuid", "must be an id (UUID)")
	}
	return id, nil
}
