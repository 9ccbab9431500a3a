package booking

import (
	"context"
	"slices"
	"strings"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/visit"
)

// expandable are the names the appointments list can carry (?expand=patient,service),
// so a client draws its day view without a second round trip.
var expandable = []string{"patient", "service", "doctor", "chair"}

// expandedPatient is the patient of an appointment by name and phone.
type expandedPatient struct {
	ID         string `json:"id"`
	FirstName  string `json:"first_name"`
	LastName   string `json:"last_name"`
	MiddleName string `json:"middle_name"`
	Phone      string `json:"phone"`
}

// expandedName is a service, doctor or chair by name.
type expandedName struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// parseExpand reads the comma-separated expand list, refusing an unknown name.
func parseExpand(raw string) (map[string]bool, error) {
	out := map[string]bool{}
	if raw == "" {
		return out, nil
	}
	for _, name := range strings.Split(raw, ",") {
		if !slices.Contains(expandable, name) {
			return nil, fault.Field("expand", "oneof", "must list some of: patient service doctor chair")
		}
		out[name] = true
	}
	return out, nil
}

// names looks up the expanded names of a day's appointments, each one once.
type names struct {
	svc      *Service
	want     map[string]bool
	locale   string
	patients map[string]*expandedPatient
	services map[string]*expandedName
	doctors  map[string]*expandedName
	chairs   map[string]*expandedName
}

func (s *Service) newNames(want map[string]bool, branch clinic.Branch) *names {
	return &names{svc: s, want: want, locale: branch.Locale, patients: map[string]*expandedPatient{},
		services: map[string]*expandedName{}, doctors: map[string]*expandedName{}, chairs: map[string]*expandedName{}}
}

// fill sets the names v asks for on view.
func (n *names) fill(ctx context.Context, a visit.Visit, view *appointmentView) error {
	var err error
	if n.want["patient"] && a.PatientID != nil {
		if view.Patient, err = n.patient(ctx, *a.PatientID); err != nil {
			return err
		}
	}
	if n.want["service"] {
		if view.Service, err = n.service(ctx, a.ServiceID); err != nil {
			return err
		}
	}
	if n.want["doctor"] {
		if view.Doctor, err = n.doctor(ctx, a.DoctorID); err != nil {
			return err
		}
	}
	if n.want["chair"] {
		view.Chair, err = n.chair(ctx, a.BranchID, a.ChairID)
	}
	return err
}

func (n *names) patient(ctx context.Context, id string) (*expandedPatient, error) {
	if p, ok := n.patients[id]; ok {
		return p, nil
	}
	p, err := n.svc.patients.Patient(ctx, id)
	if err != nil {
		return nil, err
	}
	n.patients[id] = &expandedPatient{ID: p.ID, FirstName: p.FirstName, LastName: p.LastName, MiddleName: p.MiddleName, Phone: p.Phone}
	return n.patients[id], nil
}

func (n *names) service(ctx context.Context, id string) (*expandedName, error) {
	if s, ok := n.services[id]; ok {
		return s, nil
	}
	p, err := n.svc.dir.Procedure(ctx, id)
	if err != nil {
		return nil, err
	}
	n.services[id] = &expandedName{ID: p.ID, Name: localName(p.Names, n.locale)}
	return n.services[id], nil
}

func (n *names) doctor(ctx context.Context, id string) (*expandedName, error) {
	if d, ok := n.doctors[id]; ok {
		return d, nil
	}
	d, err := n.svc.dir.Doctor(ctx, id)
	if err != nil {
		return nil, err
	}
	n.doctors[id] = &expandedName{ID: d.ID, Name: d.DisplayName}
	return n.doctors[id], nil
}

// chair reads the branch's chairs once, on the first chair asked for.
func (n *names) chair(ctx context.Context, branchID, id string) (*expandedName, error) {
	if len(n.chairs) == 0 {
		f := clinic.ChairFilter{BranchID: branchID, Limit: 200}
		for {
			page, err := n.svc.dir.Chairs(ctx, f)
			if err != nil {
				return nil, err
			}
			for _, c := range page.Items {
				n.chairs[c.ID] = &expandedName{ID: c.ID, Name: c.Name}
			}
			if f.Cursor = page.Next; f.Cursor == "" {
				break
			}
		}
	}
	return n.chairs[id], nil
}

// localName is a service's name in locale, else in English, else the first by locale.
func localName(byLocale map[string]string, locale string) string {
	for _, l := range []string{locale, "en"} {
		if name := byLocale[l]; name != "" {
			return name
		}
	}
	keys := make([]string, 0, len(byLocale))
	for k := range byLocale {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if len(keys) == 0 {
		return ""
	}
	return byLocale[keys[0]]
}
