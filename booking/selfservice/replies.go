package selfservice

import (
	"context"
	"errors"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// replyRef names an SMS or WhatsApp reply as the patient's act in audit rows.
const replyRef = "reply"

// ConfirmByReply confirms a visit because the patient answered our question with a
// yes; a visit already confirmed stays so (the patient answered twice).
func (ss *Service) ConfirmByReply(ctx context.Context, appointmentID string) error {
	ctx = asPatient(ctx, replyRef)
	_, err := ss.s.Move(ctx, appointmentID, booking.Change{Action: booking.ActionConfirm, Reason: booking.ReplyYes})
	if errors.Is(err, booking.ErrInvalidTransition) {
		current, getErr := ss.s.GetIn(ctx, ss.db.R, appointmentID)
		if getErr == nil && current.Status == visit.Confirmed {
			return nil
		}
	}
	return err
}

// DeclineByReply writes the declined_by_patient event on an active visit and returns
// a fresh manage link to it, in one transaction.
func (ss *Service) DeclineByReply(ctx context.Context, appointmentID string) (string, error) {
	ctx = asPatient(ctx, replyRef)
	var token string
	err := ss.db.InTx(ctx, func(tx db.Tx) error {
		a, err := ss.s.GetIn(ctx, tx, appointmentID)
		if err != nil {
			return err
		}
		if a.Status != visit.Booked && a.Status != visit.Confirmed {
			return booking.ErrInvalidTransition
		}
		if err := ss.s.RecordDecline(ctx, tx, a, booking.ReplyNo); err != nil {
			return err
		}
		token, err = ss.createManageLink(ctx, tx, a)
		return err
	})
	if err != nil {
		return "", err
	}
	return ss.ManageURL(token), nil
}
