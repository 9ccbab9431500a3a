package inventory

import (
	"context"
	"errors"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// ErrServiceNotFound answers a bill of materials for a service or doctor not in the directory.
var ErrServiceNotFound = fault.New(fault.NotFound, "service_not_found", "no service (or doctor) has this id")

// Materials is a service's bill of materials: the default, or a doctor's own list
// when doctorID is set (quantity 0 there drops the item for that doctor).
func (s *Service) Materials(ctx context.Context, serviceID string, doctorID *string) ([]Material, error) {
	return s.store.materials(ctx, s.deps.DB.R, serviceID, doctorID)
}

// SetMaterials replaces a bill of materials; every item must be in use.
func (s *Service) SetMaterials(ctx context.Context, serviceID string, doctorID *string, list []Material) ([]Material, error) {
	err := s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		for i, m := range list {
			field := "materials[" + itoa(int64(i)) + "]"
			if _, err := s.activeItem(ctx, tx, m.ItemID, field+".item_id"); err != nil {
				return err
			}
			if m.Quantity == 0 && doctorID == nil {
				return fault.Field(field+".quantity", "range", "must be above zero (0 only drops an item for a doctor)")
			}
		}
		return s.store.replaceMaterials(ctx, tx, serviceID, doctorID, list)
	})
	if errors.Is(err, db.ErrForeignKey) {
		return nil, ErrServiceNotFound
	}
	if err != nil {
		return nil, err
	}
	return s.Materials(ctx, serviceID, doctorID)
}

// effectiveMaterials is what a doctor's visit of a service uses: the default list with
// the doctor's own quantities laid over it.
func (s *Service) effectiveMaterials(ctx context.Context, q db.Q, serviceID, doctorID string) ([]Material, error) {
	base, err := s.store.materials(ctx, q, serviceID, nil)
	if err != nil {
		return nil, err
	}
	own, err := s.store.materials(ctx, q, serviceID, &doctorID)
	if err != nil {
		return nil, err
	}
	byItem := map[string]int{}
	for i, m := range base {
		byItem[m.ItemID] = i
	}
	for _, m := range own {
		if i, ok := byItem[m.ItemID]; ok {
			base[i].Quantity = m.Quantity
		} else {
			base = append(base, m)
		}
	}
	out := base[:0]
	for _, m := range base {
		if m.Quantity > 0 {
			out = append(out, m)
		}
	}
	return out, nil
}
