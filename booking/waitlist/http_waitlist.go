package waitlist

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// Handler is the waitlist API: staff put patients on it, and patients open
// and hold the times offered to them through their links.
type Handler struct{ w *Waitlist }

// NewHandler returns the waitlist API over w.
func NewHandler(w *Waitlist) *Handler { return &Handler{w: w} }

// Routes mounts the staff and the public waitlist routes (api/policy.go).
func (h *Handler) Routes(r fiber.Router) {
	r.Post("/api/v1/waitlist", h.join)
	r.Get("/api/v1/waitlist", h.list)
	r.Delete("/api/v1/waitlist/:id", h.leave)
	r.Get("/api/v1/public/waitlist-offers/:token", h.offer)
	r.Post("/api/v1/public/waitlist-offers/:token/hold", h.hold)
}

type preferencesBody struct {
	Weekdays []int  `json:"weekdays" validate:"omitempty,max=7,unique,dive,min=1,max=7"`
	From     string `json:"from" validate:"omitempty,datetime=15:04"`
	To       string `json:"to" validate:"omitempty,datetime=15:04"`
}

type joinBody struct {
	PatientID   string           `json:"patient_id" validate:"required_without=Patient,excluded_with=Patient,omitempty,uuid"`
	Patient     *patientBody     `json:"patient" validate:"required_without=PatientID,omitempty"`
	BranchID    string           `json:"branch_id" validate:"required,uuid"`
	ServiceID   string           `json:"service_id" validate:"required,uuid"`
	DoctorID    string           `json:"doctor_id" validate:"omitempty,uuid"`
	Earliest    string           `json:"earliest" validate:"required,datetime=2006-01-02"`
	Latest      string           `json:"latest" validate:"required,datetime=2006-01-02"`
	Preferences *preferencesBody `json:"preferences"`
}

func (b joinBody) request() JoinRequest {
	req := JoinRequest{PatientID: b.PatientID, BranchID: b.BranchID, ServiceID: b.ServiceID, DoctorID: b.DoctorID,
		Earliest: b.Earliest, Latest: b.Latest}
	if p := b.Patient; p != nil {
		req.Patient = &clinic.PatientInput{FirstName: p.FirstName, LastName: p.LastName, MiddleName: p.MiddleName,
			Phone: p.Phone, Email: p.Email, BirthDate: p.BirthDate, Locale: p.Locale}
	}
	if p := b.Preferences; p != nil {
		req.Preferences = Preferences{Weekdays: p.Weekdays, From: p.From, To: p.To}
	}
	return req
}

type preferencesOut struct {
	Weekdays []int  `json:"weekdays"`
	From     string `json:"from"`
	To       string `json:"to"`
}

type entryOut struct {
	ID          string         `json:"id"`
	PatientID   string         `json:"patient_id"`
	BranchID    string         `json:"branch_id"`
	ServiceID   string         `json:"service_id"`
	DoctorID    *string        `json:"doctor_id"`
	Earliest    string         `json:"earliest"`
	Latest      string         `json:"latest"`
	Preferences preferencesOut `json:"preferences"`
	Status      EntryStatus    `json:"status"`
	CreatedAt   time.Time      `json:"created_at"`
	UpdatedAt   time.Time      `json:"updated_at"`
}

func toEntryOut(e Entry) entryOut {
	days := e.Preferences.Weekdays
	if days == nil {
		days = []int{}
	}
	prefs := preferencesOut{Weekdays: days, From: e.Preferences.From, To: e.Preferences.To}
	return entryOut{ID: e.ID, PatientID: e.PatientID, BranchID: e.BranchID, ServiceID: e.ServiceID,
		DoctorID: nullIfEmpty(e.DoctorID), Earliest: e.Earliest, Latest: e.Latest, Preferences: prefs,
		Status: e.Status, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
}

func (h *Handler) join(c *fiber.Ctx) error {
	var body joinBody
	if err := httpjson.Decode(c, &body); err != nil {
		return err
	}
	e, err := h.w.Join(httpjson.Ctx(c), body.request())
	if err != nil {
		return err
	}
	return httpjson.Created(c, toEntryOut(e))
}

type entriesQuery struct {
	BranchID string `query:"branch_id" validate:"omitempty,uuid"`
	Status   string `query:"status" validate:"omitempty,oneof=waiting booked cancelled expired"`
}

func (h *Handler) list(c *fiber.Ctx) error {
	var q entriesQuery
	if err := c.QueryParser(&q); err != nil {
		return fault.Field("", "invalid_query", "the query string does not parse")
	}
	if err := httpjson.Validate(q); err != nil {
		return err
	}
	list, err := h.w.Entries(httpjson.Ctx(c), EntryFilter{BranchID: q.BranchID, Status: EntryStatus(q.Status)})
	if err != nil {
		return err
	}
	items := make([]entryOut, 0, len(list))
	for _, e := range list {
		items = append(items, toEntryOut(e))
	}
	return c.JSON(fiber.Map{"items": items})
}

func (h *Handler) leave(c *fiber.Ctx) error {
	id, err := httpjson.ID(c, "id", ErrEntryNotFound)
	if err != nil {
		return err
	}
	if err := h.w.Leave(httpjson.Ctx(c), id); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

// offerOut is the offer page's data: no patient details, times in the branch's offset.
type offerOut struct {
	ID        string      `json:"id"`
	Status    OfferStatus `json:"status"`
	Start     time.Time   `json:"start"`
	End       time.Time   `json:"end"`
	Service   named       `json:"service"`
	Doctor    doctorRef   `json:"doctor"`
	Branch    branchRef   `json:"branch"`
	ExpiresAt time.Time   `json:"expires_at"`
}

func (h *Handler) offer(c *fiber.Ctx) error {
	o, err := h.w.OpenOffer(c.UserContext(), c.Params("token"))
	if err != nil {
		return err
	}
	b := o.Branch
	branch := branchRef{ID: b.ID, Name: b.Name, Address: b.Address, Phone: b.Phone, TimeZone: b.TimeZone}
	return c.JSON(offerOut{ID: o.ID, Status: o.Status, Start: o.Start, End: o.End, Branch: branch,
		Service: named{ID: o.ServiceID, Name: o.Service}, Doctor: doctorRef{ID: o.Doctor.ID, DisplayName: o.Doctor.DisplayName},
		ExpiresAt: o.ExpiresAt})
}

func (h *Handler) hold(c *fiber.Ctx) error {
	hold, err := h.w.HoldOffer(c.UserContext(), c.Params("token"))
	if err != nil {
		return err
	}
	return httpjson.Created(c, holdOut{HoldID: hold.ID, ExpiresAt: hold.ExpiresAt})
}
