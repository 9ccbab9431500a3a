package telephony

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"slices"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/token"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// Branches reads the branch a line belongs to: its zone, country and opening hours.
type Branches interface {
	Branch(ctx context.Context, id string) (clinic.Branch, error)
}

// ClosedDays lists a branch's closed local dates (holidays) on or after from, as a set
// of YYYY-MM-DD.
type ClosedDays interface {
	ClosedDays(ctx context.Context, branchID, from string) (map[string]bool, error)
}

// Deps are what telephony needs from the rest of the clinic.
type Deps struct {
	DB       *db.DB
	Branches Branches
	Tasks    *tasks.Service
	// Cards fills the caller's card beyond the directory (visits, papers, messages);
	// nil leaves those parts out.
	Cards CardDetails
	// Closures are the branches' holidays, when callbacks should skip them; nil: none.
	Closures ClosedDays
	Now      func() time.Time
}

// Service is telephony's rules.
type Service struct {
	store store
	deps  Deps
}

// NewService returns telephony over deps.
func NewService(deps Deps) *Service {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	return &Service{store: store{db: deps.DB}, deps: deps}
}

func (s *Service) clock() time.Time { return s.deps.Now().UTC().Truncate(time.Microsecond) }

// newID makes a time-ordered id: signals stored in one clock tick are then applied
// in the order they arrived.
func newID() string {
	id, err := uuid.NewV7()
	if err != nil {
		return uuid.NewString()
	}
	return id.String()
}

// LineByToken finds the active line whose webhook token this is, and checks the
// caller's address against the line's allowlist (empty: any address).
func (s *Service) LineByToken(ctx context.Context, tok, ip string) (Line, error) {
	if !token.Valid(tok) {
		return Line{}, ErrUnknownLine
	}
	l, err := s.store.lineByToken(ctx, token.Hash(tok))
	if err != nil {
		return Line{}, notFound(err, ErrUnknownLine)
	}
	if !l.allows(ip) {
		return Line{}, ErrIPRefused
	}
	return l, nil
}

// allows says whether ip may post to the line: an empty allowlist admits everyone,
// entries are addresses or CIDR blocks.
func (l Line) allows(ip string) bool {
	var list []string
	if err := json.Unmarshal([]byte(l.AllowedIPs), &list); err != nil || len(list) == 0 {
		return true
	}
	addr := net.ParseIP(ip)
	return slices.ContainsFunc(list, func(entry string) bool {
		if _, block, err := net.ParseCIDR(entry); err == nil {
			return addr != nil && block.Contains(addr)
		}
		return addr != nil && addr.Equal(net.ParseIP(entry))
	})
}

// Accept stores the signals an adapter read from one webhook request, with the raw
// request, in one transaction; the work happens in the job (ProcessOnce). A signal
// already stored (the provider retried) is skipped.
func (s *Service) Accept(ctx context.Context, l Line, raw []byte, sigs ...Signal) error {
	now := s.clock()
	return s.store.db.InTx(ctx, func(tx db.Tx) error {
		for _, sig := range sigs {
			sig.Provider = l.Provider
			if sig.At.IsZero() {
				sig.At = now
			}
			sig.At = sig.At.UTC()
			body, err := json.Marshal(sig)
			if err != nil {
				return err
			}
			if err := s.store.insertSignal(ctx, tx, l.ID, sig, string(body), string(raw), now); err != nil {
				return err
			}
		}
		return nil
	})
}

// notFound turns the database's not-found into the feature's error.
func notFound(err, as error) error {
	if errors.Is(err, db.ErrNotFound) {
		return as
	}
	return err
}
