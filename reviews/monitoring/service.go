package monitoring

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// Branches reads the directory's branches (*clinic.Service): whether the caller sees
// one, and its language and zone.
type Branches interface {
	Branch(ctx context.Context, id string) (clinic.Branch, error)
}

// Tasks opens and closes reply tasks inside review monitoring's transactions
// (*tasks.Service).
type Tasks interface {
	Open(ctx context.Context, q db.Q, n tasks.New) (string, error)
	CloseIn(ctx context.Context, q db.Q, id, note string) error
}

// Deps is what review monitoring is built from.
type Deps struct {
	DB       *db.DB
	Branches Branches
	Tasks    Tasks
	// HTTP calls the review sites (nil: a client with a 20-second timeout).
	HTTP *http.Client
	// Now is the clock (nil: the wall clock).
	Now func() time.Time
}

// Service is review monitoring's rules.
type Service struct {
	deps   Deps
	store  store
	google googleClient
}

// NewService returns review monitoring over deps.
func NewService(deps Deps) *Service {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.HTTP == nil {
		deps.HTTP = &http.Client{Timeout: 20 * time.Second}
	}
	return &Service{deps: deps, store: store{db: deps.DB}, google: googleClient{http: deps.HTTP}}
}

func (s *Service) clock() time.Time { return s.deps.Now().UTC().Truncate(time.Microsecond) }

// SourceInput is a new review source as an owner or administrator describes it.
type SourceInput struct {
	BranchID    string
	Kind        string
	Site        string
	Name        string
	AccountID   string
	LocationID  string
	AccessToken string
	BaseURL     string
}

// CreateSource adds a review source to a branch the caller sees.
func (s *Service) CreateSource(ctx context.Context, in SourceInput) (Source, error) {
	if _, err := s.deps.Branches.Branch(ctx, in.BranchID); err != nil {
		return Source{}, errBranch
	}
	if err := checkSource(&in); err != nil {
		return Source{}, err
	}
	x := Source{ID: uuid.NewString(), BranchID: in.BranchID, Kind: in.Kind, Site: in.Site, Name: in.Name,
		AccountID: in.AccountID, LocationID: in.LocationID, AccessToken: in.AccessToken, BaseURL: in.BaseURL,
		Active: true, CreatedAt: s.clock()}
	err := s.store.insertSource(ctx, x)
	if errors.Is(err, db.ErrConflict) {
		return Source{}, ErrSourceTaken
	}
	if err != nil {
		return Source{}, err
	}
	return s.Source(ctx, x.ID)
}

// checkSource holds the rules the fields' shapes cannot: a Google source names its
// account, location and token and is always the google site; an import source names
// its site and nothing of Google's.
func checkSource(in *SourceInput) error {
	if in.Kind == Import {
		return checkImport(*in)
	}
	return checkGoogle(in)
}

// checkImport: an import source names its site and nothing of Google's.
func checkImport(in SourceInput) error {
	if !slices.Contains(Sites, in.Site) {
		return fault.Field("site", "required", "an import source names its site: "+strings.Join(Sites, ", "))
	}
	for _, f := range []struct{ name, value string }{{"account_id", in.AccountID}, {"location_id", in.LocationID},
		{"access_token", in.AccessToken}, {"base_url", in.BaseURL}} {
		if f.value != "" {
			return fault.Field(f.name, "google_only", "only a Google source has this")
		}
	}
	return nil
}

// checkGoogle: a Google source is the google site and names its account, location
// (bare, or as Google's resource names) and token.
func checkGoogle(in *SourceInput) error {
	if in.Site != "" && in.Site != Google {
		return fault.Field("site", "oneof", "a Google source is the google site")
	}
	in.Site = Google
	in.AccountID = strings.TrimPrefix(in.AccountID, "accounts/")
	in.LocationID = in.LocationID[strings.LastIndex(in.LocationID, "/")+1:]
	for _, f := range []struct{ name, value string }{{"account_id", in.AccountID}, {"location_id", in.LocationID},
		{"access_token", in.AccessToken}} {
		if f.value == "" {
			return fault.Field(f.name, "required", "a Google source needs it")
		}
	}
	return nil
}

// Source reads a review source the caller may see.
func (s *Service) Source(ctx context.Context, id string) (Source, error) {
	x, err := s.store.source(ctx, s.store.db.R, id)
	if errors.Is(err, db.ErrNotFound) || (err == nil && !actor.From(ctx).CanSeeBranch(x.BranchID)) {
		return Source{}, ErrSourceNotFound
	}
	return x, err
}

// Sources lists a branch's review sources, oldest first.
func (s *Service) Sources(ctx context.Context, branchID string) ([]Source, error) {
	if !actor.From(ctx).CanSeeBranch(branchID) {
		return nil, errBranch
	}
	return s.store.branchSources(ctx, branchID)
}

// Get reads a review the caller may see.
func (s *Service) Get(ctx context.Context, id string) (Review, error) {
	return s.visible(ctx, s.store.db.R, id)
}

// visible reads a review on q; another branch's is not found.
func (s *Service) visible(ctx context.Context, q db.Q, id string) (Review, error) {
	r, err := s.store.review(ctx, q, id)
	if errors.Is(err, db.ErrNotFound) || (err == nil && !actor.From(ctx).CanSeeBranch(r.BranchID)) {
		return Review{}, ErrNotFound
	}
	return r, err
}

// List returns one page of a branch's reviews, newest (by the site's update time) first.
func (s *Service) List(ctx context.Context, f Filter) (Page, error) {
	if !actor.From(ctx).CanSeeBranch(f.BranchID) {
		return Page{}, errBranch
	}
	if f.Status == "" {
		f.Status = "all"
	}
	at, after, err := httpjson.ParseTimeCursor(f.Cursor)
	if err != nil {
		return Page{}, err
	}
	list, err := s.store.page(ctx, f, at, after)
	if err != nil {
		return Page{}, err
	}
	page := Page{Items: list}
	if len(list) > f.Limit {
		page.Items = list[:f.Limit]
		last := page.Items[f.Limit-1]
		page.Next = httpjson.TimeCursor(last.UpdatedAt, last.ID)
	}
	return page, nil
}
