package recall

import (
	"context"
	"errors"
	"strings"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// defaultFor is a service's recall interval when the clinic set no rule: check-ups
// and hygiene (by code, or by needing a hygiene chair) come back every six months,
// everything else has no recall.
func defaultFor(p clinic.Procedure) int {
	code := strings.ToLower(p.Code)
	for _, word := range []string{"checkup", "check-up", "hygiene"} {
		if strings.Contains(code, word) {
			return defaultMonths
		}
	}
	if p.ChairCapability == "hygiene" {
		return defaultMonths
	}
	return 0
}

// ruleFor is a service's effective rule: the clinic's row, else the default.
func (s *Service) ruleFor(ctx context.Context, q db.Q, p clinic.Procedure) (Rule, error) {
	r := Rule{ServiceID: p.ID, ServiceCode: p.Code, Names: p.Names, Months: defaultFor(p)}
	months, err := s.store.ruleMonths(ctx, q, p.ID)
	if errors.Is(err, db.ErrNotFound) {
		return r, nil
	}
	if err != nil {
		return r, err
	}
	r.Months, r.Custom = months, true
	return r, nil
}

// SetRule sets how many months after a visit of the service its recall falls due
// (0: none). It applies to visits completed from now on.
func (s *Service) SetRule(ctx context.Context, serviceID string, months int) (Rule, error) {
	if months < 0 || months > MaxMonths {
		return Rule{}, fault.Field("months", "range", "must be an integer from 0 to 36")
	}
	p, err := s.deps.Dir.Procedure(ctx, serviceID)
	if errors.Is(err, clinic.ErrServiceNotFound) {
		return Rule{}, ErrServiceNotFound
	}
	if err != nil {
		return Rule{}, err
	}
	var by *string
	if id := actor.From(ctx).StaffID; id != "" {
		by = &id
	}
	err = s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		if err := s.store.setRule(ctx, tx, p.ID, months, by, s.now()); err != nil {
			return err
		}
		return s.audited(ctx, tx, audit.Entry{Action: audit.Update, Entity: "recall_rule", EntityID: p.ID})
	})
	if err != nil {
		return Rule{}, err
	}
	return Rule{ServiceID: p.ID, ServiceCode: p.Code, Names: p.Names, Months: months, Custom: true}, nil
}

// Rules lists every service of the price list with its effective recall interval.
func (s *Service) Rules(ctx context.Context) ([]Rule, error) {
	custom, err := s.store.rules(ctx)
	if err != nil {
		return nil, err
	}
	var out []Rule
	cursor := ""
	for {
		page, err := s.deps.Dir.Procedures(ctx, clinic.ProcedureFilter{Cursor: cursor, Limit: 200})
		if err != nil {
			return nil, err
		}
		for _, p := range page.Items {
			r := Rule{ServiceID: p.ID, ServiceCode: p.Code, Names: p.Names, Months: defaultFor(p)}
			if m, ok := custom[p.ID]; ok {
				r.Months, r.Custom = m, true
			}
			out = append(out, r)
		}
		if cursor = page.Next; cursor == "" {
			return out, nil
		}
	}
}
