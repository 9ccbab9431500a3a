package figures

import (
	"context"
	"net/url"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// DigestHour is the branch-local hour on Monday from which the past week's digest goes
// out: the nightly pass (after NightAfter) has recounted the week's last days by then.
const DigestHour = 7

// Owner is a staff member who gets the weekly digest of every branch: owners may see
// every branch (actor.SeesAllBranches), so each branch's digest goes to each of them.
type Owner struct {
	ID    string `db:"id"`
	Name  string `db:"name"`
	Email string `db:"email"`
	// Locale is the language the owner chose; "" reads the branch's.
	Locale string `db:"locale"`
}

// DigestMessage is one owner's digest as the outbox takes it. Key makes it one
// message: the outbox drops a second one with the same key.
type DigestMessage struct {
	Key, BranchID, Email, Locale, Text string
}

// DigestOutbox queues the digests through the house outbox (internal/app fills it
// with messaging's keyed outbox, e-mail).
type DigestOutbox interface {
	// Queued tells whether a message with key was ever queued.
	Queued(ctx context.Context, key string) (bool, error)
	// Queue writes m to the outbox unless its key is already there.
	Queue(ctx context.Context, m DigestMessage) error
}

// digestBranch is what the digest reads of a branch.
type digestBranch struct {
	ID       string `db:"id"`
	Name     string `db:"name"`
	Zone     string `db:"time_zone"`
	Locale   string `db:"locale"`
	Currency string `db:"currency"`
}

const (
	sqlDigestBranches = `SELECT id, name, time_zone, locale, currency FROM branches WHERE active = TRUE ORDER BY id`
	sqlDigestOwners   = `SELECT id, name, email, locale FROM staff
		WHERE role = 'owner' AND active = TRUE AND email <> '' ORDER BY email`
)

// SendDigests queues, on Monday from DigestHour branch-local, each owner's digest of
// each active branch's past ISO week, once per branch, owner and week (the outbox key
// holds all three, so a second run or a second instance adds nothing). It answers how
// many digests it queued; the periodic job calls it often and it decides when they are due.
func (s *Service) SendDigests(ctx context.Context) (int, error) {
	if s.deps.Digests == nil {
		return 0, nil
	}
	var branches []digestBranch
	if err := db.Select(ctx, s.deps.DB.R, &branches, sqlDigestBranches); err != nil {
		return 0, err
	}
	var owners []Owner
	if err := db.Select(ctx, s.deps.DB.R, &owners, sqlDigestOwners); err != nil || len(owners) == 0 {
		return 0, err
	}
	sent := 0
	for _, b := range branches {
		n, err := s.sendBranchDigest(ctx, b, owners)
		sent += n
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// sendBranchDigest queues the branch's digest to the owners who have not had it yet;
// the week's figures are read only when someone is owed.
func (s *Service) sendBranchDigest(ctx context.Context, b digestBranch, owners []Owner) (int, error) {
	monday, due := digestDue(s.deps.Clock(), clinic.Zone(b.Zone))
	if !due {
		return 0, nil
	}
	owed, err := s.owedDigests(ctx, b.ID, monday, owners)
	if err != nil || len(owed) == 0 {
		return 0, err
	}
	d, err := s.WeeklyDigest(ctx, b.ID, monday)
	if err != nil {
		return 0, err
	}
	d.Clinic, d.Currency = b.Name, b.Currency
	for i, o := range owed {
		if err := s.queueDigest(ctx, d, b, o); err != nil {
			return i, err
		}
	}
	return len(owed), nil
}

// owedDigests are the owners whose digest of the week is not yet in the outbox.
func (s *Service) owedDigests(ctx context.Context, branchID, monday string, owners []Owner) ([]Owner, error) {
	var owed []Owner
	for _, o := range owners {
		queued, err := s.deps.Digests.Queued(ctx, digestKey(branchID, o.ID, monday))
		if err != nil {
			return nil, err
		}
		if !queued {
			owed = append(owed, o)
		}
	}
	return owed, nil
}

// queueDigest writes one owner's digest, in the owner's language (else the branch's).
func (s *Service) queueDigest(ctx context.Context, d Digest, b digestBranch, o Owner) error {
	locale := o.Locale
	if locale == "" {
		locale = b.Locale
	}
	text, err := d.Text(locale)
	if err != nil {
		return err
	}
	return s.deps.Digests.Queue(ctx, DigestMessage{Key: digestKey(b.ID, o.ID, d.From), BranchID: b.ID,
		Email: o.Email, Locale: locale, Text: text})
}

// digestDue is the Monday (YYYY-MM-DD) of the week before now's, and whether its
// digest is due: it is on Monday from DigestHour until midnight, local. A Monday the
// job missed altogether is not made up later in the week: the figures would be stale.
func digestDue(now time.Time, zone *time.Location) (string, bool) {
	local := now.In(zone)
	due := local.Weekday() == time.Monday && local.Hour() >= DigestHour
	return local.AddDate(0, 0, 1-isoWeekday(local)-7).Format(time.DateOnly), due
}

// digestKey names one owner's digest of one branch's week, e.g.
// figures-digest:<branch>:<owner>:2026-W10.
func digestKey(branchID, ownerID, monday string) string {
	return "figures-digest:" + branchID + ":" + ownerID + ":" + weekName(monday)
}

// weekName is the ISO week (2026-W10) of a date.
func weekName(date string) string {
	t, _ := time.Parse(time.DateOnly, date)
	_, name := stepOf("week")
	return name(t)
}

// consoleLink is the console's dashboard of the branch.
func (s *Service) consoleLink(branchID string) string {
	return s.deps.SiteURL + "/console/figures?branch=" + url.QueryEscape(branchID)
}
