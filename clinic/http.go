package clinic

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler is the clinic directory's staff API.
type Handler struct {
	s *Service
}

// NewHandler returns the HTTP side of s.
func NewHandler(s *Service) *Handler {
	return &Handler{s: s}
}

// Routes mounts the directory's routes with full paths; the router enforces the policy
// table (api/policy.go), and the services narrow doctors and nurses to their branches.
func (h *Handler) Routes(r fiber.Router) {
	h.branchRoutes(r)
	h.chairRoutes(r)
	h.serviceRoutes(r)
	h.doctorRoutes(r)
	h.patientRoutes(r)
}

// listQuery is what every list accepts in its query string.
type listQuery struct {
	Cursor   string `json:"cursor" validate:"max=200"`
	Limit    int    `json:"limit"`
	BranchID string `json:"branch_id" validate:"omitempty,max=36,uuid"`
	Active   *bool  `json:"active"`
}

// parseList reads and checks the list parameters, naming the bad one.
func parseList(c *fiber.Ctx) (listQuery, error) {
	q := listQuery{Cursor: c.Query("cursor"), BranchID: c.Query("branch_id")}
	var err error
	if q.Limit, err = httpjson.PageLimit(c.Query("limit")); err != nil {
		return q, err
	}
	if s := c.Query("active"); s != "" {
		b, err := strconv.ParseBool(s)
		if err != nil || (s != "true" && s != "false") {
			return q, fault.Field("active", "wrong_type", "must be true or false")
		}
		q.Active = &b
	}
	return q, httpjson.Validate(&q)
}

// pageOut is the shape of every list answer.
type pageOut[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

func toPage[T, U any](p Page[T], conv func(T) U) pageOut[U] {
	out := pageOut[U]{Items: make([]U, len(p.Items))}
	for i, v := range p.Items {
		out.Items[i] = conv(v)
	}
	if p.Next != "" {
		out.NextCursor = &p.Next
	}
	return out
}

// id reads the :id path parameter; anything but a UUID cannot name a row.
func pathID(c *fiber.Ctx, notFound error) (string, error) {
	return httpjson.ID(c, "id", notFound)
}

// stamp is how instants are answered: RFC 3339 in UTC.
func stamp(t time.Time) string {
	return t.UTC().Format(time.RFC3339Nano)
}

// answer writes v, or the error when there is one.
func answer(c *fiber.Ctx, v any, err error) error {
	if err != nil {
		return err
	}
	return c.JSON(v)
}
