package inventory

import (
	"context"
	"errors"

	"github.com/frontdeskhq/frontdesk/internal/actor"

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

// ErrNotYourList answers a doctor changing another doctor's own quantities.
var ErrNotYourList = fault.New(fault.Forbidden, "not_your_materials", "a doctor changes only their own quantities")

// SetMaterials replaces a bill of materials; every item must be in use. Doctors may set
// only their own quantities; the service's list is the head nurse's and the desk's.
func (s *Service) SetMaterials(ctx context.Context, serviceID string, doctorID *string, list []Material) ([]Material, error) {
	if err := s.mayEditMaterials(ctx, doctorID); err != nil {
		return nil, err
	}
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
	rows, err := s.store.materialsOf(ctx, q, serviceID, doctorID)
	if err != nil {
		return nil, err
	}
	var base []Material
	byItem := map[string]int{}
	for _, r := range rows {
		if i, ok := byItem[r.ItemID]; ok && r.Own {
			base[i].Quantity = r.Quantity
			continue
		}
		byItem[r.ItemID] = len(base)
		base = append(base, r.Material)
	}
	out := base[:0]
	for _, m := range base {
		if m.Quantity > 0 {
			out = append(out, m)
		}
	}
	return out, nil
}

func (s *Service) mayEditMaterials(ctx context.Context, doctorID *string) error {
	a := actor.From(ctx)
	if a.Role != actor.Doctor {
		return nil
	}
	if doctorID == nil {
		return ErrNotYourList
	}
	d, err := s.deps.Dir.Doctor(ctx, *doctorID)
	if err != nil {
		return ErrServiceNotFound
	}
	if d.StaffID != a.StaffID {
		return ErrNotYourList
	}
	return nil
}
