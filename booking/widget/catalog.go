package widget

import (
	"context"
	"slices"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
)

// Catalog is what the widget shows before the first availability question: the
// branch, the services booked online there and the doctors who perform them.
type Catalog struct {
	Branch clinic.Branch
	// Services are the active services that an active doctor of the branch performs,
	// in price-list (code) order.
	Services []clinic.Procedure
	// Doctors are the active doctors working at the branch, by name; their ServiceIDs
	// keep only the services above.
	Doctors []clinic.Doctor
	// ChangeWindows are, by service, how long before its start a visit can no longer be
	// moved or cancelled online.
	ChangeWindows map[string]time.Duration
}

// pageSize is how many rows each directory read asks for.
const pageSize = 200

// Catalog returns the branch's catalog; an unknown or inactive branch is
// clinic.ErrBranchNotFound.
func (s *Service) Catalog(ctx context.Context, branchID string) (Catalog, error) {
	ctx = asSystem(ctx)
	b, err := s.dir.Branch(ctx, branchID)
	if err != nil {
		return Catalog{}, err
	}
	if !b.Active {
		return Catalog{}, clinic.ErrBranchNotFound
	}
	doctors, err := s.activeDoctors(ctx, b.ID)
	if err != nil {
		return Catalog{}, err
	}
	services, err := s.offered(ctx, doctors)
	if err != nil {
		return Catalog{}, err
	}
	windows, err := s.changeWindows(ctx, b.ID, services)
	if err != nil {
		return Catalog{}, err
	}
	return Catalog{Branch: b, Services: services, Doctors: keepServices(doctors, services), ChangeWindows: windows}, nil
}

// changeWindows reads each service's change window at the branch.
func (s *Service) changeWindows(ctx context.Context, branchID string, services []clinic.Procedure) (map[string]time.Duration, error) {
	out := make(map[string]time.Duration, len(services))
	if s.rules == nil {
		return out, nil
	}
	for _, p := range services {
		r, err := s.rules.RulesFor(ctx, branchID, p.ID)
		if err != nil {
			return nil, err
		}
		out[p.ID] = r.ChangeWindow
	}
	return out, nil
}

func (s *Service) activeDoctors(ctx context.Context, branchID string) ([]clinic.Doctor, error) {
	active := true
	f := clinic.DoctorFilter{BranchID: branchID, Active: &active, Limit: pageSize}
	return allPages(func(cursor string) (clinic.Page[clinic.Doctor], error) {
		f.Cursor = cursor
		return s.dir.Doctors(ctx, f)
	})
}

// offered is the active price list narrowed to what the doctors perform.
func (s *Service) offered(ctx context.Context, doctors []clinic.Doctor) ([]clinic.Procedure, error) {
	active := true
	f := clinic.ProcedureFilter{Active: &active, Limit: pageSize}
	all, err := allPages(func(cursor string) (clinic.Page[clinic.Procedure], error) {
		f.Cursor = cursor
		return s.dir.Procedures(ctx, f)
	})
	performed := map[string]bool{}
	for _, d := range doctors {
		for _, id := range d.ServiceIDs {
			performed[id] = true
		}
	}
	return slices.DeleteFunc(all, func(p clinic.Procedure) bool { return !performed[p.ID] }), err
}

// keepServices drops from each doctor the services the widget does not offer.
func keepServices(doctors []clinic.Doctor, services []clinic.Procedure) []clinic.Doctor {
	offered := map[string]bool{}
	for _, p := range services {
		offered[p.ID] = true
	}
	for i, d := range doctors {
		doctors[i].ServiceIDs = slices.DeleteFunc(slices.Clone(d.ServiceIDs), func(id string) bool { return !offered[id] })
	}
	return doctors
}

// allPages reads every page that fetch returns, following the cursors.
func allPages[T any](fetch func(cursor string) (clinic.Page[T], error)) ([]T, error) {
	var out []T
	cursor := ""
	for {
		page, err := fetch(cursor)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.Next == "" {
			return out, nil
		}
		cursor = page.Next
	}
}

// DemoBranch is the branch the demo page embeds: the first active branch by name, ""
// when there is none.
func (s *Service) DemoBranch(ctx context.Context) (string, error) {
	active := true
	page, err := s.dir.Branches(asSystem(ctx), clinic.BranchFilter{Active: &active, Limit: 1})
	if err != nil || len(page.Items) == 0 {
		return "", err
	}
	return page.Items[0].ID, nil
}
