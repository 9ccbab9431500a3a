package reminders

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/messaging"
	"github.com/frontdeskhq/frontdesk/visit"
)

// Outbox is where reminders are queued (*messaging.Service).
type Outbox interface {
	Enqueue(ctx context.Context, tx db.Tx, m messaging.Message) error
	// EnqueueAll queues many messages on tx in one statement.
	EnqueueAll(ctx context.Context, tx db.Tx, ms []messaging.Message) error
	// Shorten stores a short link on tx, so a visit's texts can share one.
	Shorten(ctx context.Context, tx db.Tx, long string) (string, error)
	CancelPending(ctx context.Context, tx db.Tx, appointmentID, keyPrefix string) (int, error)
	// Short, Prepare and EnqueueBatch are Shorten and EnqueueAll in two steps: the
	// rendering before a transaction, the inserts in it.
	Short(b *messaging.Batch, long string) (string, error)
	Prepare(b *messaging.Batch, ms ...messaging.Message) error
	EnqueueBatch(ctx context.Context, tx db.Tx, b messaging.Batch) error
}

// Links makes a visit's manage link (*selfservice.Service): in a transaction, or its
// URL before one and the link itself in it.
type Links interface {
	ManageLink(ctx context.Context, tx db.Tx, a visit.Visit) (string, error)
	ManageURL(token string) string
	StoreManageLink(ctx context.Context, tx db.Tx, a visit.Visit, token string) error
}

// Service keeps branches' reminder rules and plans each visit's reminders; it is the
// booking engine's ReminderPlanner.
type Service struct {
	db     *db.DB
	store  store
	outbox Outbox
	links  Links
	now    func() time.Time
	// seen are the branches' rules as last read, for preparing bookings' texts.
	seen *rulesSeen
}

// NewService returns reminders over d, queueing through outbox.
func NewService(d *db.DB, outbox Outbox, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	s := &Service{db: d, store: store{db: d, hot: db.NewTxStatements(d)}, outbox: outbox, now: now, seen: newRulesSeen()}
	// Prepared now, while no transaction holds the writer; should it fail, the
	// statements are compiled in each transaction instead, slower but the same.
	_ = s.store.warm(context.Background())
	return s
}

// UseLinks lets reminders carry the visit's manage link. Booking's self-service is
// built on the booking engine, which needs this service first, hence a setter.
func (s *Service) UseLinks(l Links) { s.links = l }

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Settings returns a branch's reminder rules (the defaults until set).
func (s *Service) Settings(ctx context.Context, branchID string) (Settings, error) {
	if err := s.checkBranch(ctx, branchID); err != nil {
		return Settings{}, err
	}
	text, err := s.store.settings(ctx, branchID)
	if errors.Is(err, db.ErrNotFound) {
		return DefaultSettings(), nil
	}
	if err != nil {
		return Settings{}, err
	}
	return parseSettings(&text), nil
}

// SetSettings replaces a branch's reminder rules and re-plans the branch's upcoming
// visits under them (ReplanBranch).
func (s *Service) SetSettings(ctx context.Context, branchID string, in Settings) (Settings, error) {
	if err := s.checkBranch(ctx, branchID); err != nil {
		return Settings{}, err
	}
	if err := validate(in); err != nil {
		return Settings{}, err
	}
	text, err := json.Marshal(in)
	if err != nil {
		return Settings{}, err
	}
	if err := s.store.saveSettings(ctx, s.db.W, branchID, string(text), s.clock()); err != nil {
		return Settings{}, err
	}
	s.seen.forget(branchID)
	_, err = s.ReplanBranch(ctx, branchID)
	return in, err
}

func (s *Service) checkBranch(ctx context.Context, branchID string) error {
	ok, err := s.store.branchExists(ctx, branchID)
	if err == nil && !ok {
		return clinic.ErrBranchNotFound
	}
	return err
}

// parseSettings reads stored rules; none (or unreadable ones) are the defaults.
func parseSettings(text *string) Settings {
	if text == nil {
		return DefaultSettings()
	}
	var out Settings
	if err := json.Unmarshal([]byte(*text), &out); err != nil || validate(out) != nil {
		return DefaultSettings()
	}
	return out
}

// Plans lists every plan of a visit, old versions included.
func (s *Service) Plans(ctx context.Context, appointmentID string) ([]Plan, error) {
	return s.store.plans(ctx, appointmentID)
}
