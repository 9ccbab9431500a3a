package purchasing

import (
	"context"
	"errors"
	"strconv"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/inventory"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// Outbox queues the e-mail to a supplier in the transaction that sends the order
// (*messaging.Service).
type Outbox interface {
	Enqueue(ctx context.Context, tx db.Tx, m messaging.Message) error
}

// Printer typesets a sheet to PDF; internal/app fills it with the documents' typesetter,
// which purchasing may not import.
type Printer interface {
	Print(ctx context.Context, s Sheet) ([]byte, error)
}

// Deps are what purchasing needs: the inventory core (items, suppliers, places, lots,
// the ledger), the outbox and a printer.
type Deps struct {
	Inventory *inventory.Service
	Outbox    Outbox
	Printer   Printer
}

// Service is purchasing's rules.
type Service struct {
	inv   *inventory.Service
	store store
	deps  Deps
}

// NewService returns purchasing over deps.
func NewService(deps Deps) *Service {
	return &Service{inv: deps.Inventory, store: store{db: deps.Inventory.DB()}, deps: deps}
}

// errNoBranch answers a branch the caller may not see as if it did not exist.
var errNoBranch = fault.Field("branch_id", "not_found", "no branch you may see has this id")

// branch reads a branch the actor may see; any other is answered as not there.
func (s *Service) branch(ctx context.Context, id string) (clinic.Branch, error) {
	b, err := s.inv.Branch(ctx, id)
	if errors.Is(err, clinic.ErrBranchNotFound) {
		return clinic.Branch{}, errNoBranch
	}
	return b, err
}

// visibleOrder reads an order of a branch the actor may see, on q.
func (s *Service) visibleOrder(ctx context.Context, q db.Q, id string) (Order, error) {
	o, err := s.store.order(ctx, q, id)
	if errors.Is(err, db.ErrNotFound) || err == nil && !actor.From(ctx).CanSeeBranch(o.BranchID) {
		return Order{}, ErrOrderNotFound
	}
	return o, err
}

// exists tells a guarded update that changed nothing because of the order's status
// (conflict) from one whose order is gone.
func (s *Service) exists(ctx context.Context, q db.Q, id string, conflict error) error {
	if _, err := s.visibleOrder(ctx, q, id); err != nil {
		return err
	}
	return conflict
}

func newID() string { return uuid.NewString() }

func staffOf(ctx context.Context) *string {
	if id := actor.From(ctx).StaffID; id != "" {
		return &id
	}
	return nil
}

// field names the i-th element of a request's list ("lines[2].quantity").
func field(list string, i int, name string) string {
	return list + "[" + strconv.Itoa(i) + "]." + name
}
