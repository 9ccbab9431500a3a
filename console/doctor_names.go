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
	b, err := n.branch(v.BranchID)
	if err != nil {
		return myVisit{}, err
	}
	s, err := n.service(v.ServiceID)
	if err != nil {
		return myVisit{}, err
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

func (n *visitNames) branch(id string) (clinic.Branch, error) {
	if b, ok := n.branches[id]; ok {
		return b, nil
	}
	b, err := n.c.svc.Clinic.Branch(n.fc.UserContext(), id)
	n.branches[id] = b
	return b, err
}

func (n *visitNames) service(id string) (clinic.Procedure, error) {
	if s, ok := n.services[id]; ok {
		return s, nil
	}
	s, err := n.c.svc.Clinic.Procedure(n.fc.UserContext(), id)
	n.services[id] = s
	return s, err
}

func (n *visitNames) patient(id string) (clinic.Patient, error) {
	if p, ok := n.patients[id]; ok {
		return p, nil
	}
	p, err := n.c.svc.Clinic.Patient(n.fc.UserContext(), id)
	n.patients[id] = p
	return p, err
}
