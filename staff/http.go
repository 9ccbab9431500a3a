package staff

import (
	"encoding/base64"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler is the staff HTTP API.
type Handler struct{ svc *Service }

// NewHandler returns the staff HTTP API over svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Routes mounts sign-in and staff management.
func (h *Handler) Routes(r fiber.Router) {
	r.Post("/api/v1/auth/login", h.login)
	r.Post("/api/v1/auth/logout", h.logout)
	r.Get("/api/v1/me", h.me)
	r.Get("/api/v1/staff", h.list)
	r.Post("/api/v1/staff", h.create)
	r.Get("/api/v1/staff/:id", h.get)
	r.Patch("/api/v1/staff/:id", h.update)
}

type loginRequest struct {
	Email    string `json:"email" validate:"required,max=254"`
	Password string `json:"password" validate:"required,max=200"`
}

type loginResponse struct {
	Token     string    `json:"token"`
	TokenType string    `json:"token_type"`
	ExpiresAt time.Time `json:"expires_at"`
	Staff     Staff     `json:"staff"`
}

func (h *Handler) login(c *fiber.Ctx) error {
	var req loginRequest
	if err := httpjson.Decode(c, &req); err != nil {
		return err
	}
	s, err := h.svc.Login(httpjson.Ctx(c), req.Email, req.Password, c.IP())
	if err != nil {
		return err
	}
	return c.JSON(loginResponse{Token: s.Token, TokenType: "Bearer", ExpiresAt: s.ExpiresAt, Staff: s.Staff})
}

func (h *Handler) logout(c *fiber.Ctx) error {
	_, token, _ := strings.Cut(c.Get(fiber.HeaderAuthorization), " ")
	if err := h.svc.Logout(httpjson.Ctx(c), strings.TrimSpace(token)); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (h *Handler) me(c *fiber.Ctx) error {
	st, err := h.svc.Get(httpjson.Ctx(c), actor.From(httpjson.Ctx(c)).StaffID)
	if err != nil {
		return err
	}
	return c.JSON(st)
}

type listResponse struct {
	Items      []Staff `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

type listQuery struct {
	Role   string `query:"role" validate:"omitempty,oneof=owner admin doctor nurse"`
	Cursor string `query:"cursor" validate:"max=400"`
	Limit  string `query:"limit"`
}

var errBadCursor = fault.Field("cursor", "invalid", "is not a cursor this API gave out")

func (h *Handler) list(c *fiber.Ctx) error {
	var q listQuery
	if err := c.QueryParser(&q); err != nil {
		return fault.Field("", "invalid_query", "the query string does not parse")
	}
	if err := httpjson.Validate(q); err != nil {
		return err
	}
	limit, err := httpjson.PageLimit(q.Limit)
	if err != nil {
		return err
	}
	after, err := base64.RawURLEncoding.DecodeString(q.Cursor)
	if err != nil {
		return errBadCursor
	}
	items, err := h.svc.List(httpjson.Ctx(c), string(after), actor.Role(q.Role), limit+1)
	if err != nil {
		return err
	}
	return c.JSON(page(items, limit))
}

func page(items []Staff, limit int) listResponse {
	resp := listResponse{Items: items}
	if len(items) > limit {
		resp.Items = items[:limit]
		next := base64.RawURLEncoding.EncodeToString([]byte(items[limit-1].Email))
		resp.NextCursor = &next
	}
	return resp
}

type createRequest struct {
	Email     string   `json:"email" validate:"required,max=254,email"`
	Name      string   `json:"name" validate:"required,max=200"`
	Role      string   `json:"role" validate:"required,oneof=owner admin doctor nurse"`
	Password  string   `json:"password" validate:"omitempty,min=10,max=200"`
	BranchIDs []string `json:"branch_ids" validate:"max=100,dive,max=64"`
}

type createResponse struct {
	Staff
	GeneratedPassword string `json:"generated_password,omitempty"`
}

func (h *Handler) create(c *fiber.Ctx) error {
	var req createRequest
	if err := httpjson.Decode(c, &req); err != nil {
		return err
	}
	password := req.Password
	if password == "" {
		password = GeneratePassword()
	}
	st, err := h.svc.Create(httpjson.Ctx(c), NewStaff{Email: req.Email, Name: req.Name,
		Role: actor.Role(req.Role), Password: password, BranchIDs: req.BranchIDs})
	if err != nil {
		return err
	}
	resp := createResponse{Staff: st}
	if req.Password == "" {
		resp.GeneratedPassword = password
	}
	return httpjson.Created(c, resp)
}

func (h *Handler) get(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	st, err := h.svc.Get(httpjson.Ctx(c), id)
	if err != nil {
		return err
	}
	return c.JSON(st)
}

type updateRequest struct {
	Name      *string   `json:"name" validate:"omitempty,min=1,max=200"`
	Role      *string   `json:"role" validate:"omitempty,oneof=owner admin doctor nurse"`
	Password  *string   `json:"password" validate:"omitempty,min=10,max=200"`
	BranchIDs *[]string `json:"branch_ids" validate:"omitempty,max=100,dive,max=64"`
	Active    *bool     `json:"active"`
}

func (h *Handler) update(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrNotFound)
	if err != nil {
		return err
	}
	var req updateRequest
	if err := httpjson.Decode(c, &req); err != nil {
		return err
	}
	ch := Change{Name: req.Name, Password: req.Password, BranchIDs: req.BranchIDs, Active: req.Active}
	if req.Role != nil {
		role := actor.Role(*req.Role)
		ch.Role = &role
	}
	st, err := h.svc.Update(httpjson.Ctx(c), id, ch)
	if err != nil {
		return err
	}
	return c.JSON(st)
}
