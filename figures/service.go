package figures

import (
	"context"
	"slices"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// ClosedDays lists a branch's closed local dates (holidays, closures) on or after from.
type ClosedDays interface {
	ClosedDays(ctx context.Context, branchID, from string) (map[string]bool, error)
}

// Branches reads the directory's branches.
type Branches interface {
	Branch(ctx context.Context, id string) (clinic.Branch, error)
}

// Deps is what the figures need from the rest of the house.
type Deps struct {
	DB       *db.DB
	Branches Branches
	Closures ClosedDays
	Clock    func() time.Time
	Digests  DigestOutbox // the owners' weekly digests go out through it; nil sends none
	SiteURL  string       // where the console is (PublicURL), for the digest's link
}

// Service counts, stores and reads the figures.
type Service struct {
	deps       Deps
	collectors []Collector
	catalog    []Definition
}

// NewService returns the figures over deps.
func NewService(deps Deps) *Service {
	if deps.Clock == nil {
		deps.Clock = time.Now
	}
	s := &Service{deps: deps}
	s.collectors = slices.Concat(s.visitCollectors(), s.callCollectors(), s.workCollectors(), s.supplyCollectors())
	s.catalog = slices.Concat(visitFigures, callFigures, workFigures, supplyFigures)
	return s
}

// Catalog lists every figure in the dashboard's order.
func (s *Service) Catalog() []Definition { return slices.Clone(s.catalog) }

// Definition returns the figure called name.
func (s *Service) Definition(name string) (Definition, error) {
	for _, d := range s.catalog {
		if d.Name == name {
			return d, nil
		}
	}
	return Definition{}, ErrUnknownFigure
}

// branch reads what a collector needs of the branch id.
func (s *Service) branch(ctx context.Context, id string) (Branch, error) {
	b, err := s.deps.Branches.Branch(ctx, id)
	if err != nil {
		return Branch{}, err
	}
	return Branch{ID: b.ID, Country: b.Country, Currency: b.Currency, Zone: clinic.Zone(b.TimeZone)}, nil
}

// DayOf is the branch-local day called date (YYYY-MM-DD) in zone.
func DayOf(date string, zone *time.Location) (Day, error) {
	t, err := time.ParseInLocation(time.DateOnly, date, zone)
	if err != nil {
		return Day{}, ErrBadRange
	}
	return Day{Date: date, Start: t.UTC(), End: t.AddDate(0, 0, 1).UTC(), Zone: zone}, nil
}

// Today is the branch's local date now.
func (s *Service) today(b Branch) string {
	return s.deps.Clock().In(b.Zone).Format(time.DateOnly)
}
