package console

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/documents"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/visit"
)

// dayData is everything the Today page shows of a branch's day, each kind of data
// read once for the whole day (never once per visit).
type dayData struct {
	branch    clinic.Branch
	visits    []visit.Visit
	patients  map[string]clinic.Patient
	services  map[string]clinic.Procedure
	doctors   []clinic.Doctor
	chairs    []clinic.Chair
	confirms  map[string]booking.Confirmation
	papers    map[string]documents.Papers
	filled    map[string]time.Time
	th        Thresholds
	localDate string
}

// loadDay reads a branch's day: the visits (holds and replaced ones left out), then their patients, confirmations,
// papers and questionnaires, and the branch's services, doctors and chairs.
func (c *Console) loadDay(ctx context.Context, b clinic.Branch, date string) (dayData, error) {
	d := dayData{branch: b, localDate: date}
	var err error
	if d.visits, err = c.svc.Booking.DeskDay(ctx, b.ID, date); err != nil {
		return d, err
	}
	ids, patientIDs := visitIDs(d.visits)
	err = db.Together(append(c.directory(ctx, &d),
		func() (err error) { d.patients, err = c.svc.Clinic.DeskCards(ctx, patientIDs); return err },
		func() (err error) { d.confirms, err = c.svc.Booking.Confirmations(ctx, ids); return err },
		func() (err error) { d.filled, err = c.svc.Questionnaires.Submitted(ctx, patientIDs); return err },
		func() (err error) { d.th, err = c.thresholds(ctx, b.ID); return err },
	)...)
	if err != nil {
		return d, err
	}
	d.papers, err = c.svc.Documents.Papers(ctx, d.deskVisits())
	return d, err
}

// directory are the reads of the clinic's services and the branch's doctors and
// chairs, each walking its pages; they run beside the day's other reads.
func (c *Console) directory(ctx context.Context, d *dayData) []func() error {
	d.services = map[string]clinic.Procedure{}
	services := func() error {
		return eachPage(func(cur string) (string, error) {
			p, err := c.svc.Clinic.Procedures(ctx, clinic.ProcedureFilter{Cursor: cur, Limit: clinic.MaxLimit})
			for _, x := range p.Items {
				d.services[x.ID] = x
			}
			return p.Next, err
		})
	}
	doctors := func() error {
		return eachPage(func(cur string) (string, error) {
			p, err := c.svc.Clinic.Doctors(ctx, clinic.DoctorFilter{BranchID: d.branch.ID, Cursor: cur, Limit: clinic.MaxLimit})
			d.doctors = append(d.doctors, p.Items...)
			return p.Next, err
		})
	}
	chairs := func() error {
		return eachPage(func(cur string) (string, error) {
			p, err := c.svc.Clinic.Chairs(ctx, clinic.ChairFilter{BranchID: d.branch.ID, Cursor: cur, Limit: clinic.MaxLimit})
			d.chairs = append(d.chairs, p.Items...)
			return p.Next, err
		})
	}
	return []func() error{services, doctors, chairs}
}

// eachPage walks a paged list until its last page.
func eachPage(read func(cursor string) (string, error)) error {
	cur := ""
	for {
		next, err := read(cur)
		if err != nil || next == "" {
			return err
		}
		cur = next
	}
}

// visitIDs are the visits' ids and their patients' ids (each patient once).
func visitIDs(list []visit.Visit) (ids, patients []string) {
	seen := map[string]bool{}
	for _, v := range list {
		ids = append(ids, v.ID)
		if p := v.Patient(); p != "" && !seen[p] {
			seen[p] = true
			patients = append(patients, p)
		}
	}
	return ids, patients
}

// deskVisits are the visits as the documents' board asks about their papers.
func (d dayData) deskVisits() []documents.DeskVisit {
	out := make([]documents.DeskVisit, 0, len(d.visits))
	for _, v := range d.visits {
		out = append(out, documents.DeskVisit{Visit: v, Procedure: d.services[v.ServiceID],
			Patient: d.patients[v.Patient()], Branch: d.branch})
	}
	return out
}
