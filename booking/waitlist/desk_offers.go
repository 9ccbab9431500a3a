package waitlist

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// DeskOffer is a freed time offered to a waiting patient and not yet taken, as the
// front desk's work list shows it: the desk may call the patient about it.
type DeskOffer struct {
	ID        string    `db:"id"`
	EntryID   string    `db:"entry_id"`
	PatientID string    `db:"patient_id"`
	FirstName string    `db:"first_name"`
	LastName  string    `db:"last_name"`
	Phone     string    `db:"phone"`
	ServiceID string    `db:"service_id"`
	DoctorID  string    `db:"doctor_id"`
	Start     time.Time `db:"starts_at"`
	OfferedAt time.Time `db:"created_at"`
}

// selectDeskOffers is a branch's open offers whose time is still ahead, soonest first.
const selectDeskOffers = `SELECT o.id, o.entry_id, e.patient_id, p.first_name, p.last_name, p.phone, e.service_id,
	o.doctor_id, o.starts_at, o.created_at
	FROM waitlist_offers o JOIN waitlist_entries e ON e.id = o.entry_id JOIN patients p ON p.id = e.patient_id
	WHERE e.branch_id = ? AND o.status = 'offered' AND e.status = 'waiting' AND o.starts_at > ?
	ORDER BY o.starts_at, o.id LIMIT 200`

// DeskOffers lists a branch's open offers of freed times still ahead.
func (w *Waitlist) DeskOffers(ctx context.Context, branchID string) ([]DeskOffer, error) {
	if !actor.From(ctx).CanSeeBranch(branchID) {
		return nil, clinic.ErrBranchForbidden
	}
	out := []DeskOffer{}
	return out, db.Select(ctx, w.db.R, &out, selectDeskOffers, branchID, w.booking.Now())
}
