package waitlist

import (
	"context"
	"slices"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// offerRow is a stored offer of a freed time to one waitlist entry.
type offerRow struct {
	ID           string      `db:"id"`
	EntryID      string      `db:"entry_id"`
	DoctorID     string      `db:"doctor_id"`
	Start        time.Time   `db:"starts_at"`
	BlockedUntil *time.Time  `db:"blocked_until"`
	Status       OfferStatus `db:"status"`
	LinkHash     *string     `db:"link_hash"`
	HoldID       *string     `db:"hold_id"`
	CreatedAt    time.Time   `db:"created_at"`
}

// offerState is an offer with the life of the link it was sent with.
type offerState struct {
	offerRow
	LinkExpiresAt time.Time  `db:"expires_at"`
	LinkRevokedAt *time.Time `db:"revoked_at"`
}

const offerColumns = `id, entry_id, doctor_id, starts_at, blocked_until, status, link_hash, hold_id, created_at`

const insertOfferLink = `INSERT INTO patient_links (token_hash, purpose, patient_id, expires_at, created_at)
	VALUES (?, 'waitlist_offer', ?, ?, ?)`

// insertOfferLink stores the hash of an offer's link, which dies when the slot starts.
func (s waitStore) insertOfferLink(ctx context.Context, tx db.Tx, hash, patientID string, expires, now time.Time) error {
	return db.Exec(ctx, tx, insertOfferLink, hash, patientID, expires, now)
}

// insertOffer adds the offer unless this entry was offered this doctor and start
// before: that is a redelivered event, and the patient has their link already.
const insertOffer = `INSERT INTO waitlist_offers (` + offerColumns + `)
	VALUES (?, ?, ?, ?, ?, 'offered', ?, NULL, ?)
	ON CONFLICT (entry_id, doctor_id, starts_at) DO NOTHING`

func (s waitStore) insertOffer(ctx context.Context, tx db.Tx, o offerRow) (created bool, err error) {
	res, err := tx.ExecContext(ctx, tx.Rebind(insertOffer), o.ID, o.EntryID, o.DoctorID, o.Start, o.BlockedUntil,
		o.LinkHash, o.CreatedAt)
	if err != nil {
		return false, db.Map(err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

const selectOfferByLink = `SELECT o.id, o.entry_id, o.doctor_id, o.starts_at, o.blocked_until, o.status, o.link_hash,
	o.hold_id, o.created_at, l.expires_at, l.revoked_at
	FROM waitlist_offers o JOIN patient_links l ON l.token_hash = o.link_hash
	WHERE o.link_hash = ? AND l.purpose = 'waitlist_offer'`

func (s waitStore) offerByLink(ctx context.Context, hash string) (offerState, error) {
	var st offerState
	return st, db.Get(ctx, s.db.R, &st, selectOfferByLink, hash)
}

// attachHold remembers the hold placed through an open offer, in the placing
// transaction, so that the hold's booking can settle the offer.
const attachHold = `UPDATE waitlist_offers SET hold_id = ? WHERE id = ? AND status = 'offered'`

func (s waitStore) attachHold(ctx context.Context, tx db.Tx, offerID, holdID string) error {
	return db.ExecOne(ctx, tx, attachHold, holdID, offerID)
}

const selectOfferOfHold = `SELECT ` + offerColumns + ` FROM waitlist_offers WHERE hold_id = ?`

func (s waitStore) offerOfHold(ctx context.Context, q db.Q, holdID string) (offerRow, error) {
	var o offerRow
	return o, db.Get(ctx, q, &o, selectOfferOfHold, holdID)
}

// An offer whose hold was booked is taken even if an overlapping booking marked it
// lost meanwhile: the patient has the visit, which is what counts.
const (
	takeOffer = `UPDATE waitlist_offers SET status = 'taken' WHERE id = ? AND status IN ('offered', 'lost')`
	bookEntry = `UPDATE waitlist_entries SET status = 'booked', updated_at = ? WHERE id = ? AND status <> 'booked'`
)

func (s waitStore) take(ctx context.Context, tx db.Tx, o offerRow, now time.Time) error {
	if err := db.Exec(ctx, tx, takeOffer, o.ID); err != nil {
		return err
	}
	if err := db.Exec(ctx, tx, bookEntry, now, o.EntryID); err != nil {
		return err
	}
	return s.closeOffers(ctx, tx, o.EntryID, now)
}

// countOffersToSettle counts the offers a booking settles: the one of its own hold
// and the open ones of its doctor's time it overlaps.
const countOffersToSettle = `SELECT COUNT(*) FROM waitlist_offers WHERE hold_id = ?
	OR (doctor_id = ? AND status = 'offered' AND starts_at < ? AND blocked_until > ?)`

func (s waitStore) offersToSettle(ctx context.Context, a visit.Visit) (int, error) {
	var n int
	return n, db.Get(ctx, s.db.R, &n, countOffersToSettle, a.ID, a.DoctorID, a.BlockedUntil, a.Start)
}

// settleRow is an offer as a booking may settle it.
type settleRow struct {
	HoldID       *string     `db:"hold_id"`
	DoctorID     string      `db:"doctor_id"`
	Start        time.Time   `db:"starts_at"`
	BlockedUntil *time.Time  `db:"blocked_until"`
	Status       OfferStatus `db:"status"`
}

// settledBy is countOffersToSettle's test for one offer and booking a.
func (o settleRow) settledBy(a visit.Visit) bool {
	if o.HoldID != nil && *o.HoldID == a.ID {
		return true
	}
	return o.DoctorID == a.DoctorID && o.Status == OfferOpen && o.Start.Before(a.BlockedUntil) &&
		o.BlockedUntil != nil && o.BlockedUntil.After(a.Start)
}

// selectOffersToSettle is countOffersToSettle for many bookings, widened to their
// doctors' open offers ending after the earliest of them begins (settledBy picks).
const selectOffersToSettle = `SELECT hold_id, doctor_id, starts_at, blocked_until, status FROM waitlist_offers
	WHERE hold_id IN (?) OR (doctor_id IN (?) AND status = 'offered' AND blocked_until > ?)`

// settleChunk bounds the bookings one read carries, far below both databases' limits.
const settleChunk = 500

// offersSettledBy reads the offers that bookings as might settle, a statement per
// settleChunk of them.
func (s waitStore) offersSettledBy(ctx context.Context, as []visit.Visit) ([]settleRow, error) {
	var out []settleRow
	for chunk := range slices.Chunk(as, settleChunk) {
		ids, doctors := make([]string, len(chunk)), make([]string, 0, len(chunk))
		earliest := chunk[0].Start
		for i, a := range chunk {
			ids[i], doctors = a.ID, appendOnce(doctors, a.DoctorID)
			if a.Start.Before(earliest) {
				earliest = a.Start
			}
		}
		var rows []settleRow
		if err := db.SelectIn(ctx, s.db.R, &rows, selectOffersToSettle, ids, doctors, earliest); err != nil {
			return nil, err
		}
		out = append(out, rows...)
	}
	return out, nil
}

// markLost closes the open offers of a doctor's time that a booking now overlaps,
// except the one whose own hold it is.
const markLost = `UPDATE waitlist_offers SET status = 'lost'
	WHERE doctor_id = ? AND status = 'offered' AND starts_at < ? AND blocked_until > ?
	AND (hold_id IS NULL OR hold_id <> ?)`

func (s waitStore) markLost(ctx context.Context, tx db.Tx, a visit.Visit) error {
	return db.Exec(ctx, tx, markLost, a.DoctorID, a.BlockedUntil, a.Start, a.ID)
}
