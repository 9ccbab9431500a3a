// Package monitoring watches the public reviews of each branch: Google Business Profile
// locations polled through Google's reviews API (newest first by update time, stopping
// at the newest review already seen) and sites without an API (Yandex, 2GIS,
// ProDoctorov, ZnanyLekarz…) imported from CSV or JSON. A review is stored once per
// source and external id; a new or edited one opens a reply task, and its reply is
// tracked from draft to posted, by whom and when, for the time-to-first-reply figure.
package monitoring

import (
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// The kinds of review sources.
const (
	Google = "google"
	Import = "import"
)

// Sites are the review sites a source may be; an import source names the site its
// file comes from, a Google source is always google.
var Sites = []string{"google", "yandex", "2gis", "prodoctorov", "znanylekarz", "reco", "trustpilot", "other"}

// The states of a review's reply.
const (
	ReplyNone    = "none"
	ReplyDrafted = "drafted"
	ReplyPosted  = "posted"
)

// Source is where a branch's reviews come from. AccessToken is a secret: it is sent
// to Google and never answered.
type Source struct {
	ID          string `db:"id"`
	BranchID    string `db:"branch_id"`
	Kind        string `db:"kind"`
	Site        string `db:"site"`
	Name        string `db:"name"`
	AccountID   string `db:"account_id"`
	LocationID  string `db:"location_id"`
	AccessToken string `db:"access_token"`
	BaseURL     string `db:"base_url"`
	// NewestSeenAt is the newest update time a poll has stored: the next poll stops there.
	NewestSeenAt *time.Time `db:"newest_seen_at"`
	LastPolledAt *time.Time `db:"last_polled_at"`
	LastError    string     `db:"last_error"`
	Active       bool       `db:"active"`
	CreatedAt    time.Time  `db:"created_at"`
}

// Review is one public review as stored, with its reply's state.
type Review struct {
	ID         string    `db:"id"`
	SourceID   string    `db:"source_id"`
	BranchID   string    `db:"branch_id"`
	Site       string    `db:"site"`
	SourceKind string    `db:"source_kind"`
	ExternalID string    `db:"external_id"`
	Author     string    `db:"author"`
	Rating     int       `db:"rating"`
	Comment    string    `db:"comment"`
	CreatedAt  time.Time `db:"created_at_ext"`
	UpdatedAt  time.Time `db:"updated_at_ext"`
	// StoredAt is when we first stored it, ChangedAt when we last stored an edit.
	StoredAt       time.Time  `db:"stored_at"`
	ChangedAt      time.Time  `db:"changed_at"`
	ReplyText      string     `db:"reply_text"`
	ReplyStatus    string     `db:"reply_status"`
	ReplyDraftedBy *string    `db:"reply_drafted_by"`
	ReplyDraftedAt *time.Time `db:"reply_drafted_at"`
	// ReplyPostedBy is nil for a reply someone posted on the site itself.
	ReplyPostedBy *string    `db:"reply_posted_by"`
	ReplyPostedAt *time.Time `db:"reply_posted_at"`
	// FirstReplyAt is when a reply was first posted: the end of time to first reply.
	FirstReplyAt *time.Time `db:"first_reply_at"`
	TaskID       *string    `db:"task_id"`
	TaskOpen     bool       `db:"task_open"`
}

// Incoming is a review as its site tells it now (a Google answer, an import row).
type Incoming struct {
	ExternalID string
	Author     string
	Rating     int
	Comment    string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	// Reply is the reply the site shows, if any, and when it was made.
	Reply   string
	ReplyAt *time.Time
}

// Outcome counts what one poll or import did.
type Outcome struct {
	Received  int `json:"received"`
	New       int `json:"new"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
}

// Filter selects a branch's reviews: status unreplied (waiting for a reply: none
// posted, or edited since the last one), replied (the others) or all (default).
type Filter struct {
	BranchID string
	Status   string
	Cursor   string
	Limit    int
}

// Page is one page of reviews, newest first; Next continues it ("" at the end).
type Page struct {
	Items []Review
	Next  string
}

// Errors of review monitoring.
var (
	ErrNotFound       = fault.New(fault.NotFound, "review_not_found", "no review you may see has this id")
	ErrSourceNotFound = fault.New(fault.NotFound, "review_source_not_found", "no review source you may see has this id")
	ErrNotGoogle      = fault.New(fault.Conflict, "not_a_google_source", "only Google sources are polled; import this source's reviews")
	ErrNotImport      = fault.New(fault.Conflict, "not_an_import_source", "a Google source's reviews come from polling, not an import")
	ErrInactive       = fault.New(fault.Conflict, "review_source_inactive", "this review source is switched off")
	ErrSourceTaken    = fault.New(fault.Conflict, "review_source_exists", "this Google location is already a review source")
	ErrNoStaff        = fault.New(fault.Forbidden, "staff_only", "only a signed-in staff member may reply to reviews")
	ErrTooManyRows    = fault.New(fault.TooLarge, "too_many_rows", "an import holds at most 10000 reviews; split the file")
	errBranch         = fault.Field("branch_id", "not_found", "no branch you may see has this id")
)

// ErrProvider is the review site refusing or failing a reply we posted through it;
// the draft is kept. It answers 502 review_site_refused.
var ErrProvider = fault.New(fault.Upstream, "review_site_refused", "the review site did not take the reply; the draft is kept")

// providerRefused says what the site answered, as ErrProvider's detail.
func providerRefused(err error) error {
	return &fault.Error{Kind: fault.Upstream, Code: ErrProvider.Code, Detail: ErrProvider.Detail + " (" + err.Error() + ")"}
}
