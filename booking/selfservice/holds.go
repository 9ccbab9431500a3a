package selfservice

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/visit"
)

// HoldRequest is a patient asking to hold a time from the booking widget.
type HoldRequest struct {
	ServiceID string
	// DoctorID is "" for whichever doctor performing the service is free then.
	DoctorID  string
	Start     time.Time
	Patient   HoldPatient
	Complaint string
	// Website is the widget's honeypot field: people leave it empty, form robots fill it.
	Website string
	// FillTime is how long the patient took from opening the widget to sending; nil
	// when the client does not say (see screen).
	FillTime *time.Duration
	// BranchID, when set, is the branch the widget books at: "any doctor" means any
	// doctor there, and a time at another branch is refused.
	BranchID string
}

// HoldPatient is who the patient says they are. It waits in the hold (hold_patient)
// until the code proves the phone; only then does it touch the patient register.
type HoldPatient struct {
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Phone     string `json:"phone"`
	Email     string `json:"email,omitempty"`
	BirthDate string `json:"birth_date,omitempty"`
	Locale    string `json:"locale"`
}

// Hold is a placed hold: the time is the patient's until ExpiresAt.
type Hold struct {
	ID        string
	ExpiresAt time.Time
	// SendsLeft is how many more codes may be sent for the hold.
	SendsLeft int
}

// PlaceHold holds a time for a patient and sends them a code. Without a doctor, each
// doctor performing the service is tried until one is free; nothing is stored unless
// a hold is placed.
func (ss *Service) PlaceHold(ctx context.Context, req HoldRequest) (Hold, error) {
	if err := screen(req); err != nil {
		return Hold{}, err
	}
	ctx = asPatient(ctx, "")
	if !req.Start.After(ss.s.Now()) {
		return Hold{}, booking.ErrTooSoon
	}
	doctors, err := ss.candidateDoctors(ctx, req)
	if err != nil {
		return Hold{}, err
	}
	var best error = booking.ErrOutsideWorkingTime
	for _, doctorID := range doctors {
		h, err := ss.holdWith(ctx, req, doctorID)
		if err == nil || !worthAnotherDoctor(err) {
			return h, err
		}
		best = moreTelling(best, err)
	}
	return Hold{}, best
}

// candidateDoctors is the doctor asked for, or every active doctor performing the service.
func (ss *Service) candidateDoctors(ctx context.Context, req HoldRequest) ([]string, error) {
	if req.DoctorID != "" {
		return []string{req.DoctorID}, nil
	}
	if _, err := ss.dir.Procedure(ctx, req.ServiceID); err != nil {
		return nil, err
	}
	active := true
	f := clinic.DoctorFilter{BranchID: req.BranchID, ServiceID: req.ServiceID, Active: &active, Limit: 200}
	var ids []string
	for {
		page, err := ss.doctors.Doctors(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, d := range page.Items {
			ids = append(ids, d.ID)
		}
		if page.Next == "" {
			return ids, nil
		}
		f.Cursor = page.Next
	}
}

// errorRank orders the answers to a time no doctor could take, most telling first:
// a bad start beats "taken", which beats "nobody works then".
var errorRank = []string{"not_on_grid", "too_soon", "too_far", "slot_taken", "no_chair_free", "outside_working_time"}

func worthAnotherDoctor(err error) bool {
	fe, ok := fault.As(err)
	return ok && rankOf(fe.Code) < len(errorRank)
}

func moreTelling(a, b error) error {
	fa, _ := fault.As(a)
	fb, _ := fault.As(b)
	if fb != nil && (fa == nil || rankOf(fb.Code) < rankOf(fa.Code)) {
		return b
	}
	return a
}

func rankOf(code string) int {
	for i, c := range errorRank {
		if c == code {
			return i
		}
	}
	return len(errorRank)
}

// holdWith plans the visit with one doctor and places the hold through the one
// non-overlap path (place), sending the first code in the same transaction.
func (ss *Service) holdWith(ctx context.Context, req HoldRequest, doctorID string) (Hold, error) {
	p, err := ss.s.PlanVisit(ctx, req.ServiceID, doctorID, "", req.Start)
	if err != nil {
		return Hold{}, err
	}
	if req.BranchID != "" && p.Branch().ID != req.BranchID {
		return Hold{}, booking.ErrOutsideWorkingTime
	}
	if err := p.Rules().CheckStart(p.Start(), ss.s.Now(), p.Branch().TimeZone); err != nil {
		return Hold{}, err
	}
	who, err := checkHoldPatient(req.Patient, p.Branch(), ss.s.Now())
	if err != nil {
		return Hold{}, err
	}
	row, code, err := ss.newHoldRow(p, who, req.Complaint)
	if err != nil {
		return Hold{}, err
	}
	a, err := ss.s.PlaceHold(ctx, p, row.Visit, row.codeHash, row.patient,
		func(ctx context.Context, tx db.Tx, a visit.Visit) error {
			return ss.afterHeld(ctx, tx, a, p.Branch(), who, code, row.codeHash)
		})
	if err != nil {
		return Hold{}, err
	}
	return Hold{ID: a.ID, ExpiresAt: a.HoldExpiresAt.In(branchLoc(p.Branch())), SendsLeft: MaxCodeSends - 1}, nil
}

// holdRow is a hold to place and the secrets that never leave the store.
type holdRow struct {
	visit.Visit
	codeHash string
	patient  string
}

func (ss *Service) newHoldRow(p booking.Plan, who HoldPatient, complaint string) (holdRow, string, error) {
	a := ss.s.NewHeld(p)
	ttl := p.Rules().HoldTTL
	if ttl <= 0 {
		ttl = booking.DefaultRules().HoldTTL
	}
	expires := a.CreatedAt.Add(ttl)
	a.HoldExpiresAt, a.Complaint = &expires, strings.TrimSpace(complaint)
	code, err := newCode()
	if err != nil {
		return holdRow{}, "", err
	}
	hash := codeHash(a.ID, code)
	details, err := json.Marshal(who)
	if err != nil {
		return holdRow{}, "", err
	}
	return holdRow{Visit: a, codeHash: hash, patient: string(details)}, code, nil
}

// afterHeld records the hold and queues its first code, inside the placing transaction.
func (ss *Service) afterHeld(ctx context.Context, tx db.Tx, a visit.Visit, b clinic.Branch, who HoldPatient, code, hash string) error {
	if err := ss.s.RecordChange(ctx, tx, a, visit.EventHeld, "", ""); err != nil {
		return err
	}
	return ss.sendCode(ctx, tx, a, b, who, code, hash, 0)
}

// sendCode counts one more send of the hold and queues the code under the key
// code:<hold>:<send number>, so a retried request never sends the same code twice.
func (ss *Service) sendCode(ctx context.Context, tx db.Tx, a visit.Visit, b clinic.Branch, who HoldPatient, code, hash string, sendsBefore int) error {
	now := ss.s.Now()
	if err := ss.store.countSend(ctx, tx, a.ID, hash, sendsBefore, now); err != nil {
		if errors.Is(err, db.ErrNotFound) {
			return ErrResendTooSoon(ResendInterval)
		}
		return err
	}
	minutes := max(int((a.HoldExpiresAt.Sub(now)+time.Minute-1)/time.Minute), 1)
	return ss.outbox.Enqueue(ctx, tx, messaging.Message{DedupeKey: codeKey(a.ID, sendsBefore+1),
		Channel: messaging.SMS, Recipient: who.Phone, AppointmentID: a.ID, BranchID: a.BranchID, Locale: who.Locale,
		Template: messaging.TemplateCode, Data: map[string]any{"Clinic": b.Name, "Code": code, "Minutes": minutes}})
}

func codeKey(holdID string, send int) string { return fmt.Sprintf("code:%s:%d", holdID, send) }

// newCode draws a 6-digit code from the system's secure random source.
func newCode() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%06d", n.Int64()), nil
}

// codeHash keys the code's hash with the hold id, so equal codes of two holds differ
// in the database and one precomputed table cannot read them all.
func codeHash(holdID, code string) string {
	m := hmac.New(sha256.New, []byte(holdID))
	m.Write([]byte(code))
	return hex.EncodeToString(m.Sum(nil))
}
