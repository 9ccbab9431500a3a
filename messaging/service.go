package messaging

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// Service is the outbox: features enqueue messages in their own transactions and
// read back what was queued.
type Service struct {
	db    *db.DB
	store store
	tpl   *Templates
	now   func() time.Time
	// publicURL, when set, makes Enqueue send links through /l/{code}.
	publicURL string
	// audit, when set, records who read a patient's contact history.
	audit *audit.Log
	// tasks opens the desk's tasks in the transactions of the replies and failures
	// that cause them.
	tasks *tasks.Service
}

// Audited makes reads of a patient's contact history go to the audit log. It returns s.
func (s *Service) Audited(log *audit.Log) *Service {
	s.audit = log
	return s
}

// ShortenLinks makes Enqueue rewrite the templates' links (fields named …Link) to
// short links under publicURL, saving SMS characters. It returns s.
func (s *Service) ShortenLinks(publicURL string) *Service {
	s.publicURL = strings.TrimRight(publicURL, "/")
	return s
}

// NewService returns the outbox over d, rendering with tpl (nil: the embedded
// defaults) and reading the time from now.
func NewService(d *db.DB, tpl *Templates, now func() time.Time) *Service {
	if tpl == nil {
		tpl = DefaultTemplates()
	}
	if now == nil {
		now = time.Now
	}
	return &Service{db: d, store: store{db: d}, tpl: tpl, now: now, tasks: tasks.NewService(d, now)}
}

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// Enqueue renders m and stores it on tx, the transaction of the change that caused it,
// so the message exists exactly when the change does. A message whose DedupeKey is
// already queued is dropped silently: that is a retry, not a second message.
func (s *Service) Enqueue(ctx context.Context, tx db.Tx, m Message) error {
	row, links, err := s.rowOf(m)
	if err == nil {
		err = s.storeLinks(ctx, tx, links)
	}
	if err != nil {
		return err
	}
	if len(m.Attachments) == 0 {
		return s.store.insert(ctx, tx, row)
	}
	return s.store.insertWithAttachments(ctx, tx, row, m.Attachments)
}

// rowOf is m's outbox row with its link fields shortened, and the short links to store
// with it.
func (s *Service) rowOf(m Message) (Row, []shortLink, error) {
	data, links, err := s.shortLinks(m.Data)
	if err != nil {
		return Row{}, nil, err
	}
	m.Data = data
	row, err := s.render(m)
	return row, links, err
}

// render turns a message into its outbox row.
func (s *Service) render(m Message) (Row, error) {
	if m.DedupeKey == "" || strings.TrimSpace(m.Recipient) == "" || !slices.Contains(Media, m.Channel) {
		return Row{}, ErrBadMessage
	}
	body, err := s.tpl.Render(m.Locale, m.Template, m.Data)
	if err != nil {
		return Row{}, err
	}
	now := s.clock()
	notBefore := now
	if !m.NotBefore.IsZero() {
		notBefore = m.NotBefore.UTC().Truncate(time.Microsecond)
	}
	segments, _ := Segments(body)
	return Row{ID: newID(), DedupeKey: m.DedupeKey, Channel: m.Channel, Recipient: m.Recipient,
		PatientID: nullable(m.PatientID), AppointmentID: nullable(m.AppointmentID), Locale: orFallback(m.Locale),
		BranchID: nullable(m.BranchID), ExpectsReply: m.ExpectsReply,
		Template: m.Template, Body: body, Segments: segments, Status: Pending, NotBefore: notBefore, CreatedAt: now,
		TemplateData: templateData(m.Locale, m.Data)}, nil
}

// Filter narrows the recent-messages list.
type Filter struct {
	Recipient string
	Limit     int
}

// Recent lists queued and sent messages, newest first.
func (s *Service) Recent(ctx context.Context, f Filter) ([]Row, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 50
	}
	return s.store.recent(ctx, strings.TrimSpace(f.Recipient), f.Limit)
}

// QueuedAt tells when the message with key was queued; found is false when it never was.
func (s *Service) QueuedAt(ctx context.Context, q db.Q, key string) (at time.Time, found bool, err error) {
	at, err = s.store.queuedAt(ctx, q, key)
	if errors.Is(err, db.ErrNotFound) {
		return time.Time{}, false, nil
	}
	return at, err == nil, err
}

// Queued is QueuedAt for many keys in one read: the keys queued already.
func (s *Service) Queued(ctx context.Context, q db.Q, keys []string) (map[string]bool, error) {
	return s.store.queuedKeys(ctx, q, keys)
}

// newID makes a time-ordered id, so rows queued in one clock tick keep their order.
func newID() string {
	id, err := uuid.NewV7()
	if err != nil {
		return uuid.NewString()
	}
	return id.String()
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func orFallback(locale string) string {
	if locale == "" {
		return FallbackLocale
	}
	return locale
}

// Render writes a template for a person to read rather than to send (a follow-up call's
// script shown to the caller), from the same clinic-editable set as the messages.
func (s *Service) Render(locale, name string, data map[string]any) (string, error) {
	return s.tpl.Render(locale, name, data)
}
