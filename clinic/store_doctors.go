package clinic

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

type doctorRow struct {
	ID          string    `db:"id"`
	StaffID     string    `db:"staff_id"`
	Specialty   string    `db:"specialty"`
	DisplayName string    `db:"display_name"`
	PhotoURL    string    `db:"photo_url"`
	Active      bool      `db:"active"`
	CreatedAt   time.Time `db:"created_at"`
	UpdatedAt   time.Time `db:"updated_at"`
}

func (r doctorRow) doctor() Doctor {
	return Doctor{ID: r.ID, StaffID: r.StaffID, Specialty: r.Specialty, DisplayName: r.DisplayName,
		PhotoURL: r.PhotoURL, ServiceIDs: []string{}, BranchIDs: []string{}, Active: r.Active,
		CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
}

const doctorColumns = `id, staff_id, specialty, display_name, photo_url, active, created_at, updated_at`

const insertDoctorSQL = `INSERT INTO doctors (` + doctorColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

func insertDoctor(ctx context.Context, q db.Q, d Doctor) error {
	return db.Exec(ctx, q, insertDoctorSQL, d.ID, d.StaffID, d.Specialty, d.DisplayName, d.PhotoURL,
		d.Active, d.CreatedAt, d.UpdatedAt)
}

const updateDoctorSQL = `UPDATE doctors SET specialty = ?, display_name = ?, photo_url = ?, active = ?,
	updated_at = ? WHERE id = ?`

func updateDoctor(ctx context.Context, q db.Q, d Doctor) error {
	return db.ExecOne(ctx, q, updateDoctorSQL, d.Specialty, d.DisplayName, d.PhotoURL, d.Active, d.UpdatedAt, d.ID)
}

const selectDoctorSQL = `SELECT ` + doctorColumns + ` FROM doctors WHERE id = ?`

// selectDoctor reads a doctor with the services they perform and the branches they work at.
func selectDoctor(ctx context.Context, q db.Q, id string) (Doctor, error) {
	var r doctorRow
	if err := db.Get(ctx, q, &r, selectDoctorSQL, id); err != nil {
		return Doctor{}, err
	}
	docs := []Doctor{r.doctor()}
	err := attachDoctorLinks(ctx, q, docs)
	return docs[0], err
}

// listDoctorsSQL walks doctors by (display_name, id) after the cursor: those working at
// a scoped branch, optionally only those performing one service.
const listDoctorsSQL = `SELECT ` + doctorColumns + ` FROM doctors
	WHERE (? OR staff_id IN (SELECT staff_id FROM staff_branches WHERE branch_id IN (?)))
	AND (? OR id IN (SELECT doctor_id FROM doctor_services WHERE service_id = ?))
	AND (? OR active = ?) AND (display_name, id) > (?, ?)
	ORDER BY display_name, id LIMIT ?`

func listDoctors(ctx context.Context, q db.Q, sc scope, f DoctorFilter, after cursor, limit int) ([]Doctor, error) {
	all, ids := scopeArgs(sc)
	anyService, service := f.ServiceID == "", f.ServiceID
	if anyService {
		service = minID
	}
	anyActive, wantActive := activeArgs(f.Active)
	var rows []doctorRow
	err := db.SelectIn(ctx, q, &rows, listDoctorsSQL, all, ids, anyService, service, anyActive, wantActive,
		after.Key, after.ID, limit)
	if err != nil {
		return nil, err
	}
	out := make([]Doctor, len(rows))
	for i, r := range rows {
		out[i] = r.doctor()
	}
	return out, attachDoctorLinks(ctx, q, out)
}

type link struct {
	From string `db:"from_id"`
	To   string `db:"to_id"`
}

const doctorServicesSQL = `SELECT doctor_id AS from_id, service_id AS to_id FROM doctor_services
	WHERE doctor_id IN (?) ORDER BY service_id`

const staffBranchesSQL = `SELECT staff_id AS from_id, branch_id AS to_id FROM staff_branches
	WHERE staff_id IN (?) ORDER BY branch_id`

// attachDoctorLinks fills the service and branch ids of a page of doctors in two queries.
func attachDoctorLinks(ctx context.Context, q db.Q, docs []Doctor) error {
	if len(docs) == 0 {
		return nil
	}
	ids, staff := make([]string, len(docs)), make([]string, len(docs))
	for i, d := range docs {
		ids[i], staff[i] = d.ID, d.StaffID
	}
	var services, branches []link
	if err := db.SelectIn(ctx, q, &services, doctorServicesSQL, ids); err != nil {
		return err
	}
	if err := db.SelectIn(ctx, q, &branches, staffBranchesSQL, staff); err != nil {
		return err
	}
	for i := range docs {
		docs[i].ServiceIDs = linked(services, docs[i].ID)
		docs[i].BranchIDs = linked(branches, docs[i].StaffID)
	}
	return nil
}

func linked(links []link, from string) []string {
	out := []string{}
	for _, l := range links {
		if l.From == from {
			out = append(out, l.To)
		}
	}
	return out
}

const deleteDoctorServicesSQL = `DELETE FROM doctor_services WHERE doctor_id = ?`

const insertDoctorServiceSQL = `INSERT INTO doctor_services (doctor_id, service_id) VALUES (?, ?)`

// replaceDoctorServices makes ids the exact set of services the doctor performs.
func replaceDoctorServices(ctx context.Context, q db.Q, doctorID string, ids []string) error {
	if err := db.Exec(ctx, q, deleteDoctorServicesSQL, doctorID); err != nil {
		return err
	}
	for _, id := range ids {
		if err := db.Exec(ctx, q, insertDoctorServiceSQL, doctorID, id); err != nil {
			return err
		}
	}
	return nil
}

type staffRow struct {
	Name   string `db:"name"`
	Role   string `db:"role"`
	Active bool   `db:"active"`
}

const selectStaffSQL = `SELECT name, role, active FROM staff WHERE id = ?`

// selectStaff reads the name, role and state of a staff user (the staff package owns the table).
func selectStaff(ctx context.Context, q db.Q, id string) (staffRow, error) {
	var r staffRow
	err := db.Get(ctx, q, &r, selectStaffSQL, id)
	return r, err
}
