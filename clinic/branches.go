package clinic

import (
	"context"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// BranchInput is what a new branch is made of.
type BranchInput struct {
	Name     string
	Address  string
	Phone    string
	Country  string
	TimeZone string
	Locale   string
	Currency string
	Hours    OpeningHours
	Legal    BranchLegal
}

// BranchPatch changes the fields it sets; Hours, when set, replaces the whole week.
type BranchPatch struct {
	Name     *string
	Address  *string
	Phone    *string
	Country  *string
	TimeZone *string
	Locale   *string
	Currency *string
	Hours    *OpeningHours
	Legal    BranchLegalPatch
}

// BranchFilter narrows and pages a branch list.
type BranchFilter struct {
	Active *bool
	Cursor string
	Limit  int
}

// CreateBranch adds a branch.
func (s *Service) CreateBranch(ctx context.Context, in BranchInput) (Branch, error) {
	now := s.clock()
	b := Branch{ID: newID(), Name: in.Name, Address: in.Address, Phone: in.Phone, Country: in.Country,
		TimeZone: in.TimeZone, Locale: in.Locale, Currency: in.Currency, Hours: in.Hours, Legal: in.Legal,
		Active: true, CreatedAt: now, UpdatedAt: now}
	if err := prepareBranch(&b); err != nil {
		return Branch{}, err
	}
	return b, insertBranch(ctx, s.db.W, b)
}

// Branch returns one branch the actor may see.
func (s *Service) Branch(ctx context.Context, id string) (Branch, error) {
	if !actor.From(ctx).CanSeeBranch(id) {
		return Branch{}, ErrBranchNotFound
	}
	b, err := selectBranch(ctx, s.db.R, id)
	return b, notFound(err, ErrBranchNotFound)
}

// Branches lists the branches the actor may see, by name.
func (s *Service) Branches(ctx context.Context, f BranchFilter) (Page[Branch], error) {
	sc := scopeFor(actor.From(ctx), "")
	after, err := decodeCursor(f.Cursor, "branches", "", minID)
	if err != nil {
		return Page[Branch]{}, err
	}
	limit := clampLimit(f.Limit)
	rows, err := listBranches(ctx, s.db.R, sc, f.Active, after, limit+1)
	if err != nil {
		return Page[Branch]{}, err
	}
	return pageOf(rows, limit, "branches", func(b Branch) (string, string) { return b.Name, b.ID }), nil
}

// UpdateBranch changes the fields p sets.
func (s *Service) UpdateBranch(ctx context.Context, id string, p BranchPatch) (Branch, error) {
	return s.changeBranch(ctx, id, func(b *Branch) error {
		setIf(&b.Name, p.Name)
		setIf(&b.Address, p.Address)
		setIf(&b.Phone, p.Phone)
		setIf(&b.Country, p.Country)
		setIf(&b.TimeZone, p.TimeZone)
		setIf(&b.Locale, p.Locale)
		setIf(&b.Currency, p.Currency)
		setIf(&b.Hours, p.Hours)
		patchLegal(&b.Legal, p.Legal)
		return prepareBranch(b)
	})
}

// DeactivateBranch hides a branch from booking; it is kept, since visits refer to it.
func (s *Service) DeactivateBranch(ctx context.Context, id string) (Branch, error) {
	return s.changeBranch(ctx, id, func(b *Branch) error {
		b.Active = false
		return nil
	})
}

// changeBranch reads, changes and writes one branch in a transaction, so concurrent
// patches to different fields do not undo each other.
func (s *Service) changeBranch(ctx context.Context, id string, change func(*Branch) error) (Branch, error) {
	if !actor.From(ctx).CanSeeBranch(id) {
		return Branch{}, ErrBranchNotFound
	}
	var b Branch
	err := s.db.InTx(ctx, func(tx db.Tx) error {
		var err error
		if b, err = selectBranch(ctx, tx, id); err != nil {
			return notFound(err, ErrBranchNotFound)
		}
		if err := change(&b); err != nil {
			return err
		}
		b.UpdatedAt = s.clock()
		return updateBranch(ctx, tx, b)
	})
	return b, err
}

// prepareBranch normalises a branch (trimmed name, upper-case codes, E.164 phone,
// sorted hours) and checks the rules every branch keeps.
func prepareBranch(b *Branch) error {
	var p problems
	b.Name = strings.TrimSpace(b.Name)
	b.Country = strings.ToUpper(strings.TrimSpace(b.Country))
	b.Currency = strings.ToUpper(strings.TrimSpace(b.Currency))
	requireText(&p, "name", b.Name)
	checkCountry(&p, "country", b.Country)
	checkTimeZone(&p, "time_zone", b.TimeZone)
	checkLocale(&p, "locale", b.Locale)
	checkCurrency(&p, "currency", b.Currency)
	if b.Phone != "" {
		phone, ok := NormalizePhone(b.Phone, b.Country)
		if !ok {
			p.add("phone", "phone", "must be a valid phone number for the branch's country, or in international format")
		}
		b.Phone = phone
	}
	b.Hours = checkHours(&p, "opening_hours", b.Hours)
	prepareLegal(&p, &b.Legal)
	return p.err()
}

// setIf copies *from into *to when from is set.
func setIf[T any](to *T, from *T) {
	if from != nil {
		*to = *from
	}
}
