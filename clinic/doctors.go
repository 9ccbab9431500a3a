package clinic

import (
	"context"
	"errors"
	"slices"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
)

// DoctorInput makes a staff user with the doctor role bookable.
type DoctorInput struct {
	StaffID     string
	Specialty   string
	DisplayName string // defaults to the staff user's name
	PhotoURL    string
	ServiceIDs  []string
}

// DoctorPatch changes the fields it sets; ServiceIDs replaces the whole set.
type DoctorPatch struct {
	Specialty   *string
	DisplayName *string
	PhotoURL    *string
	ServiceIDs  *[]string
}

// DoctorFilter narrows and pages a doctor list.
type DoctorFilter struct {
	BranchID  string
	ServiceID string
	Active    *bool
	Cursor    string
	Limit     int
}

// CreateDoctor gives a staff user with the doctor role a public profile and services.
func (s *Service) CreateDoctor(ctx context.Context, in DoctorInput) (Doctor, error) {
	now := s.clock()
	d := Doctor{ID: newID(), StaffID: strings.ToLower(in.StaffID), Specialty: in.Specialty,
		DisplayName: in.DisplayName, PhotoURL: in.PhotoURL, ServiceIDs: in.ServiceIDs,
		Active: true, CreatedAt: now, UpdatedAt: now}
	err := s.db.InTx(ctx, func(tx db.Tx) error {
		if err := checkDoctorStaff(ctx, tx, &d); err != nil {
			return err
		}
		if err := s.prepareDoctor(ctx, tx, &d); err != nil {
			return err
		}
		if err := insertDoctor(ctx, tx, d); err != nil {
			return doctorExists(err)
		}
		return replaceDoctorServices(ctx, tx, d.ID, d.ServiceIDs)
	})
	if err != nil {
		return Doctor{}, err
	}
	return selectDoctor(ctx, s.db.W, d.ID)
}

// Doctor returns one doctor who works at a branch the actor may see.
func (s *Service) Doctor(ctx context.Context, id string) (Doctor, error) {
	d, err := selectDoctor(ctx, s.db.R, id)
	if err != nil || !canSeeDoctor(actor.From(ctx), d) {
		return Doctor{}, notFound(orNotFound(err), ErrDoctorNotFound)
	}
	return d, nil
}

// Doctors lists doctors working at branches the actor may see, by display name.
func (s *Service) Doctors(ctx context.Context, f DoctorFilter) (Page[Doctor], error) {
	after, err := decodeCursor(f.Cursor, "doctors", "", minID)
	if err != nil {
		return Page[Doctor]{}, err
	}
	sc := scopeFor(actor.From(ctx), strings.ToLower(f.BranchID))
	f.ServiceID = strings.ToLower(f.ServiceID)
	limit := clampLimit(f.Limit)
	rows, err := listDoctors(ctx, s.db.R, sc, f, after, limit+1)
	if err != nil {
		return Page[Doctor]{}, err
	}
	return pageOf(rows, limit, "doctors", func(d Doctor) (string, string) { return d.DisplayName, d.ID }), nil
}

// UpdateDoctor changes the fields p sets.
func (s *Service) UpdateDoctor(ctx context.Context, id string, p DoctorPatch) (Doctor, error) {
	return s.changeDoctor(ctx, id, func(tx db.Tx, d *Doctor) error {
		setIf(&d.Specialty, p.Specialty)
		setIf(&d.DisplayName, p.DisplayName)
		setIf(&d.PhotoURL, p.PhotoURL)
		setIf(&d.ServiceIDs, p.ServiceIDs)
		if err := s.prepareDoctor(ctx, tx, d); err != nil {
			return err
		}
		return replaceDoctorServices(ctx, tx, d.ID, d.ServiceIDs)
	})
}

// DeactivateDoctor takes a doctor out of booking; the profile stays for past visits.
func (s *Service) DeactivateDoctor(ctx context.Context, id string) (Doctor, error) {
	return s.changeDoctor(ctx, id, func(_ db.Tx, d *Doctor) error {
		d.Active = false
		return nil
	})
}

func (s *Service) changeDoctor(ctx context.Context, id string, change func(db.Tx, *Doctor) error) (Doctor, error) {
	err := s.db.InTx(ctx, func(tx db.Tx) error {
		d, err := selectDoctor(ctx, tx, id)
		if err != nil || !canSeeDoctor(actor.From(ctx), d) {
			return notFound(orNotFound(err), ErrDoctorNotFound)
		}
		if err := change(tx, &d); err != nil {
			return err
		}
		d.UpdatedAt = s.clock()
		return updateDoctor(ctx, tx, d)
	})
	if err != nil {
		return Doctor{}, err
	}
	return selectDoctor(ctx, s.db.W, id)
}

// canSeeDoctor lets an actor see their own profile and doctors sharing a branch.
func canSeeDoctor(a actor.Actor, d Doctor) bool {
	if a.SeesAllBranches() || (a.StaffID != "" && a.StaffID == d.StaffID) {
		return true
	}
	return slices.ContainsFunc(d.BranchIDs, a.CanSeeBranch)
}

// checkDoctorStaff checks that the staff user exists, is active and has the doctor role, and
// takes their name as the display name when none was given.
func checkDoctorStaff(ctx context.Context, q db.Q, d *Doctor) error {
	if !isUUID(d.StaffID) {
		return fieldErr("staff_id", "uuid", "must be an id (UUID)")
	}
	st, err := selectStaff(ctx, q, d.StaffID)
	if err != nil {
		return notFoundField(err, "staff_id", "no such staff user")
	}
	if st.Role != string(actor.Doctor) {
		return fieldErr("staff_id", "not_doctor", "must be a staff user with the doctor role")
	}
	if !st.Active {
		return fieldErr("staff_id", "inactive", "must be an active staff user")
	}
	if strings.TrimSpace(d.DisplayName) == "" {
		d.DisplayName = st.Name
	}
	return nil
}

// prepareDoctor normalises a profile and checks that every service it names exists.
func (s *Service) prepareDoctor(ctx context.Context, q db.Q, d *Doctor) error {
	var p problems
	d.DisplayName = strings.TrimSpace(d.DisplayName)
	d.Specialty = strings.TrimSpace(d.Specialty)
	requireText(&p, "display_name", d.DisplayName)
	if d.PhotoURL != "" && vars.Var(d.PhotoURL, "http_url") != nil {
		p.add("photo_url", "http_url", "must be an http(s) URL")
	}
	d.ServiceIDs = normalizeIDs(&p, "service_ids", d.ServiceIDs)
	if err := p.err(); err != nil || len(d.ServiceIDs) == 0 {
		return err
	}
	n, err := countProcedures(ctx, q, d.ServiceIDs)
	if err == nil && n != len(d.ServiceIDs) {
		return fieldErr("service_ids", "not_found", "names a service that does not exist")
	}
	return err
}

// normalizeIDs checks a list of ids and returns it lower-cased, sorted, without repeats.
func normalizeIDs(p *problems, field string, ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if !isUUID(id) {
			p.add(field, "uuid", "must hold ids (UUIDs)")
			return []string{}
		}
		out = append(out, strings.ToLower(id))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func doctorExists(err error) error {
	if errors.Is(err, db.ErrConflict) {
		return ErrDoctorExists
	}
	return err
}
