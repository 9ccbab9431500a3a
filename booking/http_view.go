package booking

import (
	"time"

	"github.com/frontdeskhq/frontdesk/visit"
	"github.com/gofiber/fiber/v2"
)

// appointmentView is an appointment as the staff API shows it: times in the branch's
// offset, nothing of the hold's secrets.
type appointmentView struct {
	ID               string       `json:"id"`
	BranchID         string       `json:"branch_id"`
	PatientID        *string      `json:"patient_id"`
	ServiceID        string       `json:"service_id"`
	DoctorID         string       `json:"doctor_id"`
	ChairID          string       `json:"chair_id"`
	Start            time.Time    `json:"start"`
	End              time.Time    `json:"end"`
	Status           visit.Status `json:"status"`
	Source           visit.Source `json:"source"`
	HoldExpiresAt    *time.Time   `json:"hold_expires_at"`
	Complaint        string       `json:"complaint"`
	Note             string       `json:"note"`
	BookedBy         *string      `json:"booked_by"`
	ReferredByDoctor *string      `json:"referred_by_doctor"`
	RescheduledFrom  *string      `json:"rescheduled_from"`
	RescheduledTo    *string      `json:"rescheduled_to"`
	CancelReason     string       `json:"cancel_reason"`
	CancelledBy      string       `json:"cancelled_by"`
	ConfirmedAt      *time.Time   `json:"confirmed_at"`
	ArrivedAt        *time.Time   `json:"arrived_at"`
	SeatedAt         *time.Time   `json:"seated_at"`
	CompletedAt      *time.Time   `json:"completed_at"`
	CancelledAt      *time.Time   `json:"cancelled_at"`
	// WaitingMinutes is from arrival to seating; LateMinutes from start to arrival.
	WaitingMinutes *int      `json:"waiting_minutes"`
	LateMinutes    *int      `json:"late_minutes"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
	// Confirmation is the patient's newest answer (or the question unanswered).
	Confirmation confirmationView `json:"confirmation"`
	// The names a client asked for with ?expand= (absent otherwise).
	Patient *expandedPatient `json:"patient,omitempty"`
	Service *expandedName    `json:"service,omitempty"`
	Doctor  *expandedName    `json:"doctor,omitempty"`
	Chair   *expandedName    `json:"chair,omitempty"`
}

// confirmationView is a Confirmation as the API shows it: state, when and how.
type confirmationView struct {
	State ConfirmationState `json:"state"`
	At    *time.Time        `json:"at"`
	Via   *string           `json:"via"`
}

func newConfirmationView(c Confirmation, loc *time.Location) confirmationView {
	v := confirmationView{State: c.State}
	if v.State == "" {
		v.State = ConfirmationNotAsked
	}
	if c.At != nil {
		at := c.At.In(loc)
		v.At = &at
	}
	if c.Via != "" {
		v.Via = &c.Via
	}
	return v
}

// view shows one appointment with its confirmation.
func (h *Handler) view(c *fiber.Ctx, a visit.Visit) (appointmentView, error) {
	conf, err := h.svc.Confirmations(c.UserContext(), []string{a.ID})
	if err != nil {
		return appointmentView{}, err
	}
	return h.viewWith(a, h.svc.zoneOf(c.UserContext(), a.BranchID), conf[a.ID]), nil
}

// viewWith shows an appointment in the branch's zone loc with its confirmation.
func (h *Handler) viewWith(a visit.Visit, loc *time.Location, conf Confirmation) appointmentView {
	in := func(t *time.Time) *time.Time {
		if t == nil {
			return nil
		}
		l := t.In(loc)
		return &l
	}
	return appointmentView{ID: a.ID, BranchID: a.BranchID, PatientID: a.PatientID, ServiceID: a.ServiceID,
		DoctorID: a.DoctorID, ChairID: a.ChairID, Start: a.Start.In(loc), End: a.End.In(loc), Status: a.Status,
		Source: a.Source, HoldExpiresAt: in(a.HoldExpiresAt), Complaint: a.Complaint, Note: a.Note,
		BookedBy: a.BookedBy, ReferredByDoctor: a.ReferredByDoctor, RescheduledFrom: a.RescheduledFrom,
		RescheduledTo: a.RescheduledTo, CancelReason: a.CancelReason, CancelledBy: a.CancelledBy,
		ConfirmedAt: in(a.ConfirmedAt), ArrivedAt: in(a.ArrivedAt), SeatedAt: in(a.SeatedAt),
		CompletedAt: in(a.CompletedAt), CancelledAt: in(a.CancelledAt),
		WaitingMinutes: minutesBetween(a.ArrivedAt, a.SeatedAt), LateMinutes: minutesBetween(&a.Start, a.ArrivedAt),
		CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt, Confirmation: newConfirmationView(conf, loc)}
}

// minutesBetween is the whole minutes from a to b, nil when either is unknown; a
// patient early for their visit is 0 minutes late, not negative.
func minutesBetween(a, b *time.Time) *int {
	if a == nil || b == nil {
		return nil
	}
	m := max(int(b.Sub(*a)/time.Minute), 0)
	return &m
}
