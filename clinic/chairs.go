package clinic

import (
	"context"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// ChairInput is what a new chair is made of.
type ChairInput struct {
	BranchID     string
	Name         string
	Capabilities []string
}

// ChairPatch changes the fields it sets. A chair stays at its branch: visits and
// schedules refer to it there, so moving one is deactivating it and adding another.
type ChairPatch struct {
	Name         *string
	Capabilities *[]string
}

// ChairFilter narrows and pages a chair list.
type ChairFilter struct {
	BranchID string
	Active   *bool
	Cursor   string
	Limit    int
}

// CreateChair adds a chair to a branch the actor works at.
func (s *Service) CreateChair(ctx context.Context, in ChairInput) (Chair, error) {
	now := s.clock()
	c := Chair{ID: newID(), BranchID: strings.ToLower(in.BranchID), Name: in.Name,
		Capabilities: in.Capabilities, Active: true, CreatedAt: now, UpdatedAt: now}
	if err := prepareChair(&c); err != nil {
		return Chair{}, err
	}
	err := s.db.InTx(ctx, func(tx db.Tx) error {
		if err := s.checkBranchRef(ctx, tx, "branch_id", c.BranchID); err != nil {
			return err
		}
		return insertChair(ctx, tx, c)
	})
	return c, err
}

// Chair returns one chair of a branch the actor may see.
func (s *Service) Chair(ctx context.Context, id string) (Chair, error) {
	c, err := selectChair(ctx, s.db.R, id)
	if err != nil || !actor.From(ctx).CanSeeBranch(c.BranchID) {
		return Chair{}, notFound(orNotFound(err), ErrChairNotFound)
	}
	return c, nil
}

// Chairs lists the chairs of the branches the actor may see, by name.
func (s *Service) Chairs(ctx context.Context, f ChairFilter) (Page[Chair], error) {
	after, err := decodeCursor(f.Cursor, "chairs", "", minID)
	if err != nil {
		return Page[Chair]{}, err
	}
	sc := scopeFor(actor.From(ctx), strings.ToLower(f.BranchID))
	limit := clampLimit(f.Limit)
	rows, err := listChairs(ctx, s.db.R, sc, f.Active, after, limit+1)
	if err != nil {
		return Page[Chair]{}, err
	}
	return pageOf(rows, limit, "chairs", func(c Chair) (string, string) { return c.Name, c.ID }), nil
}

// UpdateChair changes the fields p sets.
func (s *Service) UpdateChair(ctx context.Context, id string, p ChairPatch) (Chair, error) {
	return s.changeChair(ctx, id, func(c *Chair) error {
		setIf(&c.Name, p.Name)
		setIf(&c.Capabilities, p.Capabilities)
		return prepareChair(c)
	})
}

// DeactivateChair takes a chair out of booking; it is kept for the visits that used it.
func (s *Service) DeactivateChair(ctx context.Context, id string) (Chair, error) {
	return s.changeChair(ctx, id, func(c *Chair) error {
		c.Active = false
		return nil
	})
}

func (s *Service) changeChair(ctx context.Context, id string, change func(*Chair) error) (Chair, error) {
	var c Chair
	err := s.db.InTx(ctx, func(tx db.Tx) error {
		var err error
		c, err = selectChair(ctx, tx, id)
		if err != nil || !actor.From(ctx).CanSeeBranch(c.BranchID) {
			return notFound(orNotFound(err), ErrChairNotFound)
		}
		if err := change(&c); err != nil {
			return err
		}
		c.UpdatedAt = s.clock()
		return updateChair(ctx, tx, c)
	})
	return c, err
}

func prepareChair(c *Chair) error {
	var p problems
	c.Name = strings.TrimSpace(c.Name)
	requireText(&p, "name", c.Name)
	c.Capabilities = checkTokens(&p, "capabilities", c.Capabilities)
	return p.err()
}

// checkBranchRef checks that a branch named in a request exists and that the actor
// works there; a missing one is a bad field, not a missing page.
func (s *Service) checkBranchRef(ctx context.Context, q db.Q, field, id string) error {
	if !isUUID(id) {
		return fieldErr(field, "uuid", "must be an id (UUID)")
	}
	if !actor.From(ctx).CanSeeBranch(id) {
		return ErrBranchForbidden
	}
	if _, err := selectBranch(ctx, q, id); err != nil {
		return notFoundField(err, field, "no such branch")
	}
	return nil
}
