// Package calendar is the staff's iCal feeds of visits: one doctor's, one chair's or one branch's
// appointments, reached by a secret token that is stored only as its hash.
package calendar

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/token"
)

// FeedKind says whose appointments an iCal feed shows.
type FeedKind string

// The kinds of feeds: one doctor's visits (at every branch), one chair's, one branch's.
const (
	FeedDoctor FeedKind = "doctor"
	FeedChair  FeedKind = "chair"
	FeedBranch FeedKind = "branch"
)

// The feed's window, counted from the moment it is fetched.
const (
	feedPast  = 7 * 24 * time.Hour
	feedAhead = 60 * 24 * time.Hour
)

// Feed is one staff member's subscription to a calendar.
type Feed struct {
	StaffID   string    `db:"staff_id"`
	Kind      FeedKind  `db:"kind"`
	SubjectID string    `db:"subject_id"`
	CreatedAt time.Time `db:"created_at"`
}

// IssuedFeed is a feed and, only when this call created it, its token: just the token's
// SHA-256 is stored, so an existing token can never be shown again.
type IssuedFeed struct {
	Feed
	Token string
}

// Errors of the calendar feeds.
var (
	ErrFeedNotFound        = fault.New(fault.NotFound, "calendar_not_found", "no such calendar feed (it may have been revoked)")
	ErrFeedSubjectNotFound = fault.New(fault.NotFound, "calendar_subject_not_found", "no such doctor, chair or branch")
	ErrFeedForbidden       = fault.New(fault.Forbidden, "calendar_forbidden", "you may not subscribe to this calendar")
	ErrFeedSubjectRequired = fault.Field("subject_id", "required", "only doctors have a calendar of their own; name the doctor")
)

// errNoOwnCalendar: the caller named no calendar and, not being a doctor, has none of their own.
var errNoOwnCalendar = errors.New("calendar: no calendar of one's own")

// Service issues, revokes and renders the iCal feeds of staff.
type Service struct {
	db    *db.DB
	store calendarStore
	audit *audit.Log
	now   func() time.Time
}

// New returns the feed service over d, recording issued and revoked tokens in log.
func New(d *db.DB, log *audit.Log, now func() time.Time) *Service {
	return &Service{db: d, store: calendarStore{db: d}, audit: log, now: now}
}

func (c *Service) clock() time.Time { return c.now().UTC().Truncate(time.Microsecond) }

// MyFeeds is a staff member's live feeds and the one this call created, if any.
type MyFeeds struct {
	Feeds   []Feed
	Created *IssuedFeed
}

// Mine creates the feed of kind and subjectID (with neither, a doctor's own) unless
// the signed-in staff member has it already, and lists their live feeds.
func (c *Service) Mine(ctx context.Context, kind FeedKind, subjectID string) (MyFeeds, error) {
	var out MyFeeds
	f, err := c.Issue(ctx, kind, subjectID)
	if err != nil && !errors.Is(err, errNoOwnCalendar) {
		return out, err
	}
	if f.Token != "" {
		out.Created = &f
	}
	out.Feeds, err = c.store.staffFeeds(ctx, actor.From(ctx).StaffID)
	return out, err
}

// Issue gives the signed-in staff member a feed of kind and subjectID; with neither, a
// doctor gets their own. A second call for the same calendar creates nothing and
// returns no token: the first URL keeps working until it is revoked.
func (c *Service) Issue(ctx context.Context, kind FeedKind, subjectID string) (IssuedFeed, error) {
	a := actor.From(ctx)
	if a.Kind != actor.Staff {
		return IssuedFeed{}, ErrFeedForbidden
	}
	kind, subjectID, err := c.defaultSubject(ctx, a, kind, subjectID)
	if err != nil {
		return IssuedFeed{}, err
	}
	if _, err := c.authorize(ctx, a, kind, subjectID); err != nil {
		return IssuedFeed{}, err
	}
	f := Feed{StaffID: a.StaffID, Kind: kind, SubjectID: subjectID, CreatedAt: c.clock()}
	var out IssuedFeed
	err = c.db.InTx(ctx, func(tx db.Tx) (err error) {
		out, err = c.issueIn(ctx, tx, f)
		return err
	})
	return out, err
}

// issueIn returns the live feed for f's calendar or creates one. Two first calls racing
// on Postgres may both create one; both URLs then work, which is harmless.
func (c *Service) issueIn(ctx context.Context, tx db.Tx, f Feed) (IssuedFeed, error) {
	at, ok, err := c.store.activeFeed(ctx, tx, f)
	if err != nil || ok {
		f.CreatedAt = at
		return IssuedFeed{Feed: f}, err
	}
	tok := token.New()
	if err := c.store.insertFeed(ctx, tx, token.Hash(tok), f); err != nil {
		return IssuedFeed{}, err
	}
	entry := audit.Entry{Action: audit.Create, Entity: "calendar_feed", EntityID: string(f.Kind) + ":" + f.SubjectID}
	return IssuedFeed{Feed: f, Token: tok}, c.audit.Record(ctx, tx, entry)
}

// defaultSubject fills in a doctor's own calendar when no subject is named.
func (c *Service) defaultSubject(ctx context.Context, a actor.Actor, kind FeedKind, subjectID string) (FeedKind, string, error) {
	switch {
	case subjectID == "" && (kind == "" || kind == FeedDoctor):
		own, err := c.store.ownDoctor(ctx, a.StaffID)
		switch {
		case err == nil && own == "" && kind == "":
			err = errNoOwnCalendar
		case err == nil && own == "":
			err = ErrFeedSubjectRequired
		}
		return FeedDoctor, own, err
	case subjectID == "":
		return kind, "", fault.Field("subject_id", "required", "name the "+string(kind))
	case kind != FeedDoctor && kind != FeedChair && kind != FeedBranch:
		return kind, "", fault.Field("kind", "oneof", "must be one of: doctor chair branch")
	}
	id, err := uuid.Parse(subjectID)
	if err != nil {
		return kind, "", ErrFeedSubjectNotFound
	}
	return kind, id.String(), nil
}

// authorize decides whether who may see the calendar: their own doctor calendar, any
// doctor's for owners and admins, and chairs and branches of the branches they see.
// The same check runs on every fetch, so a feed follows its owner's current access.
func (c *Service) authorize(ctx context.Context, who actor.Actor, kind FeedKind, subjectID string) (subjectRow, error) {
	sub, err := c.store.subject(ctx, kind, subjectID)
	if err != nil {
		return sub, err
	}
	if kind == FeedDoctor && (sub.StaffID == who.StaffID || who.SeesAllBranches()) {
		return sub, nil
	}
	if kind != FeedDoctor && who.CanSeeBranch(sub.BranchID) {
		return sub, nil
	}
	return sub, ErrFeedForbidden
}

// Revoke ends every feed of the signed-in staff member; their URLs then answer 404.
func (c *Service) Revoke(ctx context.Context) error {
	a := actor.From(ctx)
	if a.Kind != actor.Staff {
		return ErrFeedForbidden
	}
	return c.db.InTx(ctx, func(tx db.Tx) error {
		if err := c.store.revokeFeeds(ctx, tx, a.StaffID, c.clock()); err != nil {
			return err
		}
		return c.audit.Record(ctx, tx, audit.Entry{Action: audit.Delete, Entity: "calendar_feed"})
	})
}

// Render answers the feed behind token as an iCalendar document. Unknown and revoked
// tokens, deactivated owners and owners who lost access all look the same: not found.
func (c *Service) Render(ctx context.Context, tok string) ([]byte, error) {
	if !token.Valid(tok) {
		return nil, ErrFeedNotFound
	}
	row, err := c.store.feedByHash(ctx, token.Hash(tok))
	if err != nil {
		return nil, err
	}
	sub, err := c.authorizeFeed(ctx, row)
	if err != nil {
		return nil, err
	}
	now := c.clock()
	events, err := c.store.events(ctx, row.Kind, row.SubjectID, now.Add(-feedPast), now.Add(feedAhead))
	if err != nil {
		return nil, err
	}
	return renderCalendar(sub, events), nil
}

// authorizeFeed checks the feed's owner as they are now, not as they were when the
// token was issued.
func (c *Service) authorizeFeed(ctx context.Context, row feedRow) (subjectRow, error) {
	if !row.Active {
		return subjectRow{}, ErrFeedNotFound
	}
	branches, err := c.store.staffBranches(ctx, row.StaffID)
	if err != nil {
		return subjectRow{}, err
	}
	who := actor.Actor{Kind: actor.Staff, StaffID: row.StaffID, Role: actor.Role(row.Role), BranchIDs: branches}
	sub, err := c.authorize(ctx, who, row.Kind, row.SubjectID)
	if errors.Is(err, ErrFeedForbidden) || errors.Is(err, ErrFeedSubjectNotFound) {
		return sub, ErrFeedNotFound
	}
	return sub, err
}
