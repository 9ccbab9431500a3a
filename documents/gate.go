package documents

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/visit"
)

// GateDirectory is what the seating gate reads of the clinic directory (*clinic.Service).
type GateDirectory interface {
	Procedure(ctx context.Context, id string) (clinic.Procedure, error)
	Doctor(ctx context.Context, id string) (clinic.Doctor, error)
}

// Gate is booking's SeatingGate: a patient is seated only once the contract, the
// general and personal-data consents and each procedure consent the service requires
// are signed. An owner, or the visit's own doctor, may seat anyway with a reason,
// which is kept (seating_overrides) and audited.
type Gate struct {
	dir GateDirectory
	log *audit.Log
	now func() time.Time
}

// NewGate returns the seating gate. It needs no documents service, so booking can be
// built with it before the documents service that reads booking.
func NewGate(dir GateDirectory, log *audit.Log, now func() time.Time) *Gate {
	if now == nil {
		now = time.Now
	}
	return &Gate{dir: dir, log: log, now: now}
}

// MaySeat refuses seating while documents are unsigned (409 documents_unsigned naming
// documents.<kind>), unless the seating carries an override its actor may give.
func (g *Gate) MaySeat(ctx context.Context, q db.Q, st visit.Seating) error {
	a := st.Visit
	sys := actor.With(ctx, actor.Actor{Kind: actor.System})
	proc, err := g.dir.Procedure(sys, a.ServiceID)
	if err != nil {
		return err
	}
	signed, err := signedKinds(ctx, q, a.ID)
	if err != nil {
		return err
	}
	var missing []string
	for _, k := range seatingKinds(kindsFor(proc)) {
		if !slices.Contains(signed, k) {
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	if st.OverrideReason == "" {
		return unsignedError(missing)
	}
	return g.override(ctx, q, a, st.OverrideReason, missing)
}

// override lets an owner or the visit's own doctor seat the patient, keeping why.
func (g *Gate) override(ctx context.Context, q db.Q, a visit.Visit, reason string, missing []string) error {
	who := actor.From(ctx)
	if err := g.mayOverride(ctx, who, a); err != nil {
		return err
	}
	id := uuid.NewString()
	list, err := json.Marshal(missing)
	if err != nil {
		return err
	}
	if err := db.Exec(ctx, q, insertOverride, id, a.ID, who.StaffID, reason, string(list), g.now().UTC()); err != nil {
		return err
	}
	return g.log.Record(ctx, q, audit.Entry{Action: audit.Create, Entity: "seating_override", EntityID: id,
		PatientID: deref(a.PatientID)})
}

func (g *Gate) mayOverride(ctx context.Context, who actor.Actor, a visit.Visit) error {
	if who.Kind != actor.Staff || who.StaffID == "" {
		return ErrOverrideForbidden
	}
	if who.Role == actor.Owner {
		return nil
	}
	if who.Role != actor.Doctor {
		return ErrOverrideForbidden
	}
	d, err := g.dir.Doctor(actor.With(ctx, actor.Actor{Kind: actor.System}), a.DoctorID)
	if err != nil || d.StaffID != who.StaffID {
		return ErrOverrideForbidden
	}
	return nil
}

// unsignedError is booking's documents_unsigned conflict, naming each unsigned kind.
func unsignedError(missing []string) error {
	fields := make([]fault.FieldError, 0, len(missing))
	for _, k := range missing {
		fields = append(fields, fault.FieldError{Field: "documents." + k, Code: "unsigned", Message: "is not signed yet"})
	}
	detailed := &fault.Error{Kind: fault.Conflict, Code: visit.ErrDocumentsUnsigned.Code,
		Detail: visit.ErrDocumentsUnsigned.Detail, Fields: fields}
	// fault.As finds the detailed error first; errors.Is still matches booking's sentinel.
	return errors.Join(detailed, visit.ErrDocumentsUnsigned)
}
