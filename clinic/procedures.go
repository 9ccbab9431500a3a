package clinic

import (
	"context"
	"errors"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// ProcedureInput is what a new price-list entry is made of.
type ProcedureInput struct {
	Code              string
	Names             map[string]string
	DurationMinutes   int
	PriceMinor        int64
	Currency          string
	ChairCapability   string
	RequiredDocuments []string
}

// ProcedurePatch changes the fields it sets; Names and RequiredDocuments replace the
// stored ones whole.
type ProcedurePatch struct {
	Code              *string
	Names             *map[string]string
	DurationMinutes   *int
	PriceMinor        *int64
	Currency          *string
	ChairCapability   *string
	RequiredDocuments *[]string
}

// ProcedureFilter narrows and pages the price list.
type ProcedureFilter struct {
	Active *bool
	Cursor string
	Limit  int
}

// Name returns the procedure's name in locale, falling back to English and then to the
// first name given in the order of Locales, so every locale shows something.
func (p Procedure) Name(locale string) string {
	for _, l := range append([]string{locale}, Locales...) {
		if n := p.Names[l]; n != "" {
			return n
		}
	}
	return p.Code
}

// CreateProcedure adds an entry to the price list.
func (s *Service) CreateProcedure(ctx context.Context, in ProcedureInput) (Procedure, error) {
	now := s.clock()
	p := Procedure{ID: newID(), Code: in.Code, Names: in.Names, DurationMinutes: in.DurationMinutes,
		PriceMinor: in.PriceMinor, Currency: in.Currency, ChairCapability: in.ChairCapability,
		RequiredDocuments: in.RequiredDocuments, Active: true, CreatedAt: now, UpdatedAt: now}
	if err := s.prepareProcedure(&p); err != nil {
		return Procedure{}, err
	}
	return p, codeTaken(insertProcedure(ctx, s.db.W, p))
}

// Procedure returns one entry of the price list; every staff member sees all of them.
func (s *Service) Procedure(ctx context.Context, id string) (Procedure, error) {
	p, err := selectProcedure(ctx, s.db.R, id)
	return p, notFound(err, ErrServiceNotFound)
}

// Procedures lists the price list by code.
func (s *Service) Procedures(ctx context.Context, f ProcedureFilter) (Page[Procedure], error) {
	after, err := decodeCursor(f.Cursor, "services", "", minID)
	if err != nil {
		return Page[Procedure]{}, err
	}
	limit := clampLimit(f.Limit)
	rows, err := listProcedures(ctx, s.db.R, f.Active, after, limit+1)
	if err != nil {
		return Page[Procedure]{}, err
	}
	return pageOf(rows, limit, "services", func(p Procedure) (string, string) { return p.Code, p.ID }), nil
}

// UpdateProcedure changes the fields p sets.
func (s *Service) UpdateProcedure(ctx context.Context, id string, patch ProcedurePatch) (Procedure, error) {
	return s.changeProcedure(ctx, id, func(p *Procedure) error {
		setIf(&p.Code, patch.Code)
		setIf(&p.Names, patch.Names)
		setIf(&p.DurationMinutes, patch.DurationMinutes)
		setIf(&p.PriceMinor, patch.PriceMinor)
		setIf(&p.Currency, patch.Currency)
		setIf(&p.ChairCapability, patch.ChairCapability)
		setIf(&p.RequiredDocuments, patch.RequiredDocuments)
		return s.prepareProcedure(p)
	})
}

// DeactivateProcedure takes an entry off the bookable price list; past visits keep it.
func (s *Service) DeactivateProcedure(ctx context.Context, id string) (Procedure, error) {
	return s.changeProcedure(ctx, id, func(p *Procedure) error {
		p.Active = false
		return nil
	})
}

func (s *Service) changeProcedure(ctx context.Context, id string, change func(*Procedure) error) (Procedure, error) {
	var p Procedure
	err := s.db.InTx(ctx, func(tx db.Tx) error {
		var err error
		if p, err = selectProcedure(ctx, tx, id); err != nil {
			return notFound(err, ErrServiceNotFound)
		}
		if err := change(&p); err != nil {
			return err
		}
		p.UpdatedAt = s.clock()
		return codeTaken(updateProcedure(ctx, tx, p))
	})
	return p, err
}

// codeTaken reports the one unique column of services as its own conflict.
func codeTaken(err error) error {
	if errors.Is(err, db.ErrConflict) {
		return ErrServiceCode
	}
	return err
}

var procedureCode = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,63}$`)

func (s *Service) prepareProcedure(p *Procedure) error {
	var pr problems
	p.Code = strings.TrimSpace(p.Code)
	p.Currency = strings.ToUpper(strings.TrimSpace(p.Currency))
	if !procedureCode.MatchString(p.Code) {
		pr.add("code", "code", "must be a lowercase code of letters, digits, '.', '_' or '-'")
	}
	p.Names = checkNames(&pr, "names", p.Names)
	if p.DurationMinutes < 5 || p.DurationMinutes > 480 {
		pr.add("duration_minutes", "range", "must be between 5 and 480 minutes")
	} else if p.DurationMinutes%5 != 0 {
		pr.add("duration_minutes", "multiple_of", "must be a multiple of 5 minutes")
	}
	if p.PriceMinor < 0 {
		pr.add("price_minor", "min", "must not be negative")
	}
	checkCurrency(&pr, "currency", p.Currency)
	checkToken(&pr, "chair_capability", p.ChairCapability)
	p.RequiredDocuments = checkTokens(&pr, "required_documents", p.RequiredDocuments)
	s.checkDocumentKinds(&pr, p.RequiredDocuments)
	return pr.err()
}

// checkDocumentKinds refuses required documents no template exists for, once the
// documents feature has said which kinds it has.
func (s *Service) checkDocumentKinds(pr *problems, kinds []string) {
	if s.documentKinds == nil {
		return
	}
	for i, k := range kinds {
		if !slices.Contains(s.documentKinds, k) {
			pr.add("required_documents["+strconv.Itoa(i)+"]", "document_kind", "must be one of: "+strings.Join(s.documentKinds, " "))
		}
	}
}

// checkNames validates a name per locale: known locales only, at least one name. The
// names are trimmed and empty ones dropped, since an empty name is no name.
func checkNames(p *problems, field string, in map[string]string) map[string]string {
	out, before := map[string]string{}, len(*p)
	for _, l := range slices.Sorted(maps.Keys(in)) {
		name := strings.TrimSpace(in[l])
		switch {
		case !slices.Contains(Locales, l):
			p.add(field+"."+l, "locale", "must be one of: "+strings.Join(Locales, " "))
		case name != "":
			out[l] = name
		}
	}
	if len(out) == 0 && len(*p) == before {
		p.add(field, "required", "needs a name in at least one locale (en is the fallback for the others)")
	}
	return out
}
