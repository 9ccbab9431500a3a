package selfservice

import (
	"context"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/token"
	"github.com/frontdeskhq/frontdesk/visit"
)

// A manage link lives until a day after its visit ends (the newest visit, when it was
// moved), so "see you tomorrow" messages keep working while a stale link dies.
const (
	linkGrace = 24 * time.Hour
	// maxMoves bounds how far a link follows a visit through reschedules.
	maxMoves = 50
)

// patientLink is a stored manage link: only the token's SHA-256 is kept.
type patientLink struct {
	TokenHash     string    `db:"token_hash"`
	AppointmentID *string   `db:"appointment_id"`
	ExpiresAt     time.Time `db:"expires_at"`
}

// ref is how audit rows name the link: a prefix of its hash, never the token.
func (l patientLink) ref() string { return "link:" + l.TokenHash[:16] }

const insertLink = `INSERT INTO patient_links (token_hash, purpose, appointment_id, patient_id, expires_at, created_at)
	VALUES (?, 'manage_visit', ?, ?, ?, ?)`

// createManageLink makes a visit's manage link on tx and returns its token.
func (ss *Service) createManageLink(ctx context.Context, tx db.Tx, a visit.Visit) (string, error) {
	tok := token.New()
	return tok, ss.StoreManageLink(ctx, tx, a, tok)
}

// StoreManageLink stores on tx a manage link for visit a that carries tok (made by
// token.New before the transaction, so the texts carrying its ManageURL can be too).
func (ss *Service) StoreManageLink(ctx context.Context, tx db.Tx, a visit.Visit, tok string) error {
	return db.Later(ctx, tx, insertLink, token.Hash(tok), a.ID, a.PatientID, a.End.Add(linkGrace), ss.s.Now())
}

// ManageURL is the page a patient opens to see and change the visit; the short path
// saves SMS characters and is one whose tail the access log never writes.
func (ss *Service) ManageURL(token string) string { return ss.publicURL + "/v/" + token }

const selectLink = `SELECT token_hash, appointment_id, expires_at FROM patient_links
	WHERE token_hash = ? AND purpose = 'manage_visit' AND revoked_at IS NULL`

// openLink finds the visit a token manages. A visit moved (by the patient or by staff)
// is followed to its replacement, so one link keeps working for the visit's whole
// life; a bad, revoked or expired token is not found, whichever it was.
func (ss *Service) openLink(ctx context.Context, tok string) (patientLink, visit.Visit, error) {
	if !token.Valid(tok) {
		return patientLink{}, visit.Visit{}, ErrLinkNotFound
	}
	var l patientLink
	err := db.Get(ctx, ss.db.R, &l, selectLink, token.Hash(tok))
	if errors.Is(err, db.ErrNotFound) || (err == nil && l.AppointmentID == nil) {
		return l, visit.Visit{}, ErrLinkNotFound
	}
	if err != nil {
		return l, visit.Visit{}, err
	}
	a, err := ss.newestVisit(ctx, *l.AppointmentID)
	if err != nil {
		return l, visit.Visit{}, err
	}
	if now := ss.s.Now(); !now.Before(l.ExpiresAt) && !now.Before(a.End.Add(linkGrace)) {
		return l, visit.Visit{}, ErrLinkNotFound
	}
	return l, a, nil
}

// newestVisit follows rescheduled_to from id to the visit that replaced it last.
func (ss *Service) newestVisit(ctx context.Context, id string) (visit.Visit, error) {
	a, err := ss.s.GetIn(ctx, ss.db.R, id)
	for i := 0; err == nil && a.RescheduledTo != nil && i < maxMoves; i++ {
		a, err = ss.s.GetIn(ctx, ss.db.R, *a.RescheduledTo)
	}
	return a, err
}

const moveLink = `UPDATE patient_links SET appointment_id = ?, expires_at = ? WHERE token_hash = ?`

// moveLink points a link at the visit that replaced its own and stretches its life to
// the new visit; openLink follows moves anyway, so this only saves it the walk.
func (ss *Service) moveLink(ctx context.Context, l patientLink, a visit.Visit) error {
	expires := a.End.Add(linkGrace)
	if l.ExpiresAt.After(expires) {
		expires = l.ExpiresAt
	}
	return db.Exec(ctx, ss.db.W, moveLink, a.ID, expires, l.TokenHash)
}

// ManageLink makes a new manage link for visit a on tx and returns its URL, for
// messages about the visit (reminders, notices of a move) written in that transaction.
func (ss *Service) ManageLink(ctx context.Context, tx db.Tx, a visit.Visit) (string, error) {
	token, err := ss.createManageLink(ctx, tx, a)
	if err != nil {
		return "", err
	}
	return ss.ManageURL(token), nil
}
