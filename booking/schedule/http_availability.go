package schedule

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// defaultDays is the range a widget gets when it does not ask: a week.
const defaultDays = 7

type slotView struct {
	Start   string   `json:"start"`
	End     string   `json:"end"`
	Doctors []string `json:"doctors"`
}

type dayView struct {
	Date  string     `json:"date"`
	Slots []slotView `json:"slots"`
}

type doctorCardView struct {
	ID          string  `json:"id"`
	DisplayName string  `json:"display_name"`
	PhotoURL    *string `json:"photo_url"`
}

type availabilityView struct {
	BranchID      string           `json:"branch_id"`
	ServiceID     string           `json:"service_id"`
	TimeZone      string           `json:"time_zone"`
	Days          []dayView        `json:"days"`
	Doctors       []doctorCardView `json:"doctors"`
	NextAvailable *slotView        `json:"next_available"`
}

// newSlotView writes times with the branch's offset, as the widget shows them.
func newSlotView(s Slot) slotView {
	return slotView{Start: s.Start.Format(time.RFC3339), End: s.End.Format(time.RFC3339), Doctors: s.Doctors}
}

func newAvailabilityView(r Result) availabilityView {
	v := availabilityView{BranchID: r.BranchID, ServiceID: r.ServiceID, TimeZone: r.TimeZone,
		Days: make([]dayView, len(r.Days)), Doctors: make([]doctorCardView, len(r.Doctors))}
	for i, d := range r.Days {
		v.Days[i] = dayView{Date: d.Date, Slots: make([]slotView, len(d.Slots))}
		for j, s := range d.Slots {
			v.Days[i].Slots[j] = newSlotView(s)
		}
	}
	for i, d := range r.Doctors {
		v.Doctors[i] = doctorCardView{ID: d.ID, DisplayName: d.DisplayName}
		if d.PhotoURL != "" {
			v.Doctors[i].PhotoURL = &d.PhotoURL
		}
	}
	if r.NextAvailable != nil {
		next := newSlotView(*r.NextAvailable)
		v.NextAvailable = &next
	}
	return v
}

// availabilityQuery reads the query string; the service checks the values.
func availabilityQuery(c *fiber.Ctx) (Query, error) {
	q := Query{BranchID: c.Query("branch_id"), ServiceID: c.Query("service_id"), DoctorID: c.Query("doctor_id"),
		From: c.Query("from"), Days: defaultDays}
	if s := c.Query("days"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return q, fault.Field("days", "wrong_type", "must be an integer")
		}
		q.Days = n
	}
	return q, nil
}

func (h *Handler) availability(c *fiber.Ctx, staff bool) error {
	q, err := availabilityQuery(c)
	if err != nil {
		return err
	}
	q.Staff = staff
	ctx := httpjson.Ctx(c)
	if !staff {
		ctx = asSystem(ctx) // the public answer is the same whoever asks, signed in or not
	}
	r, err := h.s.Availability(ctx, q)
	if err != nil {
		return err
	}
	return c.JSON(newAvailabilityView(r))
}

func (h *Handler) publicAvailability(c *fiber.Ctx) error { return h.availability(c, false) }

func (h *Handler) staffAvailability(c *fiber.Ctx) error { return h.availability(c, true) }
