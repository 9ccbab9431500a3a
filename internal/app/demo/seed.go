package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/frontdeskhq/frontdesk/booking/schedule"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/staff"
)

// seeder writes one country set through the services, remembering the ids it needs
// to link later rows to earlier ones.
type seeder struct {
	Deps
	c         country
	branchID  string
	services  map[string]string // procedure code → id
	doctorIDs []string
	// chairIDs and chairNames are the chairs in order, for their operatories' stock.
	chairIDs, chairNames []string
	// patientIDs are the demo's patients in order, for its call campaigns; cards are
	// their cards, for choosing who comes for what.
	patientIDs []string
	cards      []card
	// adminID and doctorStaff are who acts at the desk and in the chairs.
	adminID     string
	doctorStaff []string
}

// run writes the demo. The owner login comes last: it marks a finished demo, so a run
// that failed halfway is not mistaken for one that completed.
func (s *seeder) run(ctx context.Context) error {
	steps := []func(context.Context) error{s.branch, s.chairs, s.catalogue, s.doctors, s.schedules, s.team, s.patients, s.guardians, s.days,
		s.openTasks, s.phoneLine, s.supplies, s.followUps, s.figures}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return err
		}
	}
	_, err := s.login(ctx, Logins[0], s.c.Owner)
	return err
}

func (s *seeder) branch(ctx context.Context) error {
	b, err := s.Clinic.CreateBranch(ctx, clinic.BranchInput{Name: s.c.Branch, Address: s.c.Address,
		Phone: s.c.Phone, Country: s.c.Country, TimeZone: s.c.TimeZone, Locale: s.c.Locale,
		Currency: s.c.Currency, Hours: s.c.Hours, Legal: s.c.Legal})
	s.branchID = b.ID
	return wrap("branch", err)
}

func (s *seeder) chairs(ctx context.Context) error {
	for i, caps := range chairs {
		ch, err := s.Clinic.CreateChair(ctx, clinic.ChairInput{BranchID: s.branchID,
			Name: fmt.Sprintf(s.c.ChairName, i+1), Capabilities: caps})
		if err != nil {
			return wrap("chair", err)
		}
		s.chairIDs, s.chairNames = append(s.chairIDs, ch.ID), append(s.chairNames, ch.Name)
	}
	return nil
}

func (s *seeder) catalogue(ctx context.Context) error {
	s.services = map[string]string{}
	for _, p := range catalogue {
		got, err := s.Clinic.CreateProcedure(ctx, clinic.ProcedureInput{Code: p.Code, Names: p.Names,
			DurationMinutes: p.Minutes, PriceMinor: p.Price[s.c.Currency], Currency: s.c.Currency,
			ChairCapability: p.Capability, RequiredDocuments: requiredDocuments(p.Code)})
		if err != nil {
			return wrap("service "+p.Code, err)
		}
		s.services[p.Code] = got.ID
	}
	return nil
}

// doctors adds the three doctors; the first signs in as doctor@demo.frontdesk.test.
func (s *seeder) doctors(ctx context.Context) error {
	for i, p := range s.c.Doctors {
		l := Logins[2]
		if i > 0 {
			l.Email = fmt.Sprintf("doctor%d@demo.frontdesk.test", i+1)
		}
		st, err := s.login(ctx, l, p)
		if err != nil {
			return err
		}
		ids := make([]string, 0, len(doctorServices[i]))
		for _, code := range doctorServices[i] {
			ids = append(ids, s.services[code])
		}
		s.doctorStaff = append(s.doctorStaff, st.ID)
		doc, err := s.Clinic.CreateDoctor(ctx, clinic.DoctorInput{StaffID: st.ID, Specialty: p.Specialty,
			DisplayName: p.DisplayName, ServiceIDs: ids})
		if err != nil {
			return wrap("doctor "+p.Name, err)
		}
		s.doctorIDs = append(s.doctorIDs, doc.ID)
	}
	return nil
}

// workdays says which ISO weekdays each demo doctor works: the first every opening
// day, the second Monday, Wednesday, Friday and Sunday, the third Tuesday, Thursday,
// Saturday and Sunday: two doctors at least every day, so any day of the demo is busy.
var workdays = [][]int{{1, 2, 3, 4, 5, 6, 7}, {1, 3, 5, 7}, {2, 4, 6, 7}}

// schedules gives each doctor weekly hours equal to the branch's opening hours on
// their workdays, valid from a month back (the demo's history has visits), so the
// demo widget has free times to offer.
func (s *seeder) schedules(ctx context.Context) error {
	if s.Schedules == nil {
		return nil
	}
	today := s.now().In(s.zone()).AddDate(0, 0, -historyDays).Format(time.DateOnly)
	for i, doctorID := range s.doctorIDs {
		var week []schedule.TemplateInput
		for _, wd := range workdays[i%len(workdays)] {
			for _, iv := range s.c.Hours[clinic.Weekdays[wd-1]] {
				week = append(week, schedule.TemplateInput{Weekday: wd, Start: iv.Open, End: iv.Close,
					BranchID: s.branchID, ValidFrom: today})
			}
		}
		if _, err := s.Schedules.ReplaceSchedule(ctx, doctorID, week); err != nil {
			return wrap("schedule", err)
		}
	}
	return nil
}

func (s *seeder) zone() *time.Location {
	loc, err := time.LoadLocation(s.c.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// now is the app's clock.
func (s *seeder) now() time.Time {
	if s.Now == nil {
		return time.Now()
	}
	return s.Now()
}

// team adds the administrator and the nurse.
func (s *seeder) team(ctx context.Context) error {
	admin, err := s.login(ctx, Logins[1], s.c.Admin)
	if err != nil {
		return err
	}
	s.adminID = admin.ID
	_, err = s.login(ctx, Logins[3], s.c.Nurse)
	return err
}

func (s *seeder) login(ctx context.Context, l Login, p person) (staff.Staff, error) {
	st, err := s.Staff.Create(ctx, staff.NewStaff{Email: l.Email, Name: p.Name, Role: l.Role,
		Password: Password, BranchIDs: []string{s.branchID}})
	return st, wrap("login "+l.Email, err)
}

func (s *seeder) patients(ctx context.Context) error {
	s.cards = cards(s.c.Locale)
	for _, c := range s.cards {
		consents := map[string]clinic.Consent{"sms": {Service: true, Marketing: c.Marketing}}
		if c.Email != "" {
			consents["email"] = clinic.Consent{Service: true, Marketing: c.Marketing}
		}
		if c.Channel == "whatsapp" {
			consents["whatsapp"] = clinic.Consent{Service: true}
		}
		p, _, err := s.Clinic.CreatePatient(ctx, clinic.PatientInput{BranchID: s.branchID,
			FirstName: c.First, LastName: c.Last, MiddleName: c.Middle, BirthDate: c.BirthDate,
			Sex: c.Sex, Phone: c.Phone, Email: c.Email, PreferredChannel: c.Channel, Consents: consents})
		if err != nil {
			return wrap("patient "+c.Phone, err)
		}
		s.patientIDs = append(s.patientIDs, p.ID)
	}
	return nil
}

func wrap(what string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}
