package httpjson

import (
	"github.com/gofiber/fiber/v2"
	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Branch reads the branch a staff request names (in the query, the body or the path,
// as field) and checks the caller may see it; a branch they may not see is answered
// as if it did not exist.
func Branch(c *fiber.Ctx, value, field string) (string, error) {
	if value == "" {
		return "", fault.Field(field, "required", "is required")
	}
	if uuid.Validate(value) != nil {
		return "", fault.Field(field, "uuid", "must be a UUID")
	}
	if !actor.From(Ctx(c)).CanSeeBranch(value) {
		return "", fault.Field(field, "not_found", "no branch you may see has this id")
	}
	return value, nil
}

// OptionalUUID reads a query parameter that, when given, must be a UUID.
func OptionalUUID(c *fiber.Ctx, name string) (string, error) {
	v := c.Query(name)
	if v != "" && uuid.Validate(v) != nil {
		return "", fault.Field(name, "uuid", "must be a UUID")
	}
	return v, nil
}
