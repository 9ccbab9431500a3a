package selfservice

import (
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// holdBranch reads ?branch_id= of POST /api/v1/public/holds: the branch the widget
// books at. It is in the query, not the body, because the public API's CORS check
// needs the branch and a browser's preflight carries the URL but no body.
func holdBranch(c *fiber.Ctx) (string, error) {
	id := c.Query("branch_id")
	if id == "" {
		return "", nil
	}
	if _, err := uuid.Parse(id); err != nil {
		return "", fault.Field("branch_id", "uuid", "must be an id (UUID)")
	}
	return strings.ToLower(id), nil
}
