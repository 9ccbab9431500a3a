package console

import (
	"net/url"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/visit"
)

// visitNames reads the names a list of visits shows, each patient, service and
// branch once however many visits name it.
type visitNames struct {
	c        *Console
	fc       *fiber.Ctx
	d        Desk
	patients map[string]clinic.Patient
	services map[string]clinic.Procedure
	branches map[string]clinic.Branch
}

func (c *Console) names(fc *fiber.Ctx, d Desk) *visitNames {
	return &visitNames{c: c, fc: fc, d: d, patients: map[string]clinic.Patient{},
		services: map[string]clinic.Procedure{}, branches: map[string]clinic.Branch{}}
}

// visit is v as the doctor's day shows it at now.
func (n *visitNames) visit(v visit.Visit, now time.Time) (myVisit, error) {
	ctx := n.fc.UserContext()
	b, ok := n.branches[v.BranchID]
	if !ok {
		var err error
		if b, err = n.c.svc.Clinic.Branch(ctx, v.BranchID); err != nil {
			return myVisit{}, err
		}
		n.branches[v.BranchID] = b
	}
	s, ok := n.services[v.ServiceID]
	if !ok {
		var err error
		if s, err = n.c.svc.Clinic.Procedure(ctx, v.ServiceID); err != nil {
			return myVisit{}, err
		}
		n.services[v.ServiceID] = s
	}
	mv := myVisit{Link: "/console/visits/" + url.PathEscape(v.ID), Time: Clock(v.Start, b), End: Clock(v.End, b),
		Service: s.Name(n.d.Lang), Branch: b.Name, Stage: StageOf(v, now, DefaultThresholds), at: v.Start}
	if id := v.Patient(); id != "" {
		p, err := n.patient(id)
		if err != nil {
			return myVisit{}, err
		}
		mv.Patient, mv.Age, mv.Alerts = PatientName(p), Age(p.BirthDate, now.In(clinic.Zone(b.TimeZone))), p.MedicalAlerts
	}
	return mv, nil
}

func (n *visitNames) patient(id string) (clinic.Patient, error) {
	if p, ok := n.patients[id]; ok {
		return p, nil
	}
	p, err := n.c.svc.Clinic.Patient(n.fc.UserContext(), id)
	n.patients[id] = p
	return p, err
}
