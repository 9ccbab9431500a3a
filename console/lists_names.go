package console

import (
	"context"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
)

// listNames reads the names a page shows (patients, services, doctors) once each.
// A name that cannot be read shows empty: one missing name does not hide the list.
type listNames struct {
	c        *Console
	lang     string
	patients map[string]clinic.Patient
	services map[string]string
	doctors  map[string]string
	branches map[string]clinic.Branch
}

func newListNames(c *Console, lang string) *listNames {
	return &listNames{c: c, lang: lang, patients: map[string]clinic.Patient{}, services: map[string]string{},
		doctors: map[string]string{}}
}

// patient is the card of id for its name and phone on a list row. The row is a
// visit or a task the desk may see already (the service checked the branch); opening
// the card itself is the read the audit log records.
func (n *listNames) patient(ctx context.Context, id string) clinic.Patient {
	p, ok := n.patients[id]
	if !ok {
		p, _ = n.c.svc.Clinic.PatientTx(ctx, n.c.svc.DB.R, id)
		n.patients[id] = p
	}
	return p
}

func (n *listNames) service(ctx context.Context, id string) string {
	name, ok := n.services[id]
	if !ok {
		p, _ := n.c.svc.Clinic.Procedure(ctx, id)
		name = listProcName(p, n.lang)
		n.services[id] = name
	}
	return name
}

func (n *listNames) doctor(ctx context.Context, id string) string {
	name, ok := n.doctors[id]
	if !ok {
		d, _ := n.c.svc.Clinic.Doctor(ctx, id)
		name = d.DisplayName
		n.doctors[id] = name
	}
	return name
}

// listProcName is a service's name in lang, else in English, else its code.
func listProcName(p clinic.Procedure, lang string) string {
	for _, l := range []string{lang, "en"} {
		if s := p.Names[l]; s != "" {
			return s
		}
	}
	for _, s := range p.Names {
		return s
	}
	return p.Code
}

// listTextOr is the text key in lang, or fallback where the console has no words for it.
func listTextOr(lang, key, fallback string) string {
	if _, ok := texts()[key]; !ok {
		return fallback
	}
	return T(lang, key)
}

// listMe is the signed-in staff member's id.
func listMe(ctx context.Context) string { return actor.From(ctx).StaffID }

// branch is the branch of id, or fallback where it cannot be read.
func (n *listNames) branch(ctx context.Context, id string, fallback clinic.Branch) clinic.Branch {
	if id == fallback.ID {
		return fallback
	}
	if n.branches == nil {
		n.branches = map[string]clinic.Branch{}
	}
	b, ok := n.branches[id]
	if !ok {
		var err error
		if b, err = n.c.svc.Clinic.Branch(ctx, id); err != nil {
			b = fallback
		}
		n.branches[id] = b
	}
	return b
}

// listT is the text of a key made of a prefix and a stored word (an outcome, a kind).
func listT(lang, prefix, word string) string { return T(lang, prefix+"."+word) }
