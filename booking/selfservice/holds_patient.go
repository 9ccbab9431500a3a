package selfservice

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// checkHoldPatient checks what the patient typed before anything is stored, with the
// paths the widget sent (patient.phone …), and normalises the phone to E.164 with the
// branch's country, the way the patient register will.
func checkHoldPatient(in HoldPatient, b clinic.Branch, now time.Time) (HoldPatient, error) {
	var bad []fault.FieldError
	add := func(field, code, msg string) {
		bad = append(bad, fault.FieldError{Field: "patient." + field, Code: code, Message: msg})
	}
	in.FirstName, in.LastName = strings.TrimSpace(in.FirstName), strings.TrimSpace(in.LastName)
	in.Email = strings.TrimSpace(in.Email)
	if in.FirstName == "" {
		add("first_name", "required", "is required")
	}
	if in.LastName == "" {
		add("last_name", "required", "is required")
	}
	phone, ok := clinic.NormalizePhone(in.Phone, b.Country)
	if !ok {
		add("phone", "phone", "must be a valid phone number for "+b.Country+", or in international format (+…)")
	}
	in.Phone = phone
	if !birthDateOK(in.BirthDate, now) {
		add("birth_date", "range", "must be a date YYYY-MM-DD between 1900-01-01 and today")
	}
	if !slices.Contains(clinic.Locales, in.Locale) {
		add("locale", "oneof", "must be one of: "+strings.Join(clinic.Locales, " "))
	}
	if len(bad) > 0 {
		return in, fault.Fields(bad...)
	}
	return in, nil
}

func birthDateOK(date string, now time.Time) bool {
	if date == "" {
		return true
	}
	d, err := time.Parse(time.DateOnly, date)
	// A day of slack: "today" differs across time zones and the branch's may be ahead.
	return err == nil && d.Year() >= 1900 && !d.After(now.Add(24*time.Hour))
}

// registerHoldPatient finds the patient by their proven phone (with birth date or name)
// or registers them; the answer is the same either way, so the public API never tells
// whether a phone was known.
func (ss *Service) registerHoldPatient(ctx context.Context, branchID string, who HoldPatient) (clinic.Patient, error) {
	p, _, err := ss.patients.CreatePatient(ctx, clinic.PatientInput{BranchID: branchID, FirstName: who.FirstName,
		LastName: who.LastName, BirthDate: who.BirthDate, Phone: who.Phone, Email: who.Email, Locale: who.Locale})
	return p, err
}

// holdPatientOf reads the details kept in a hold.
func holdPatientOf(h holdState) (HoldPatient, error) {
	var who HoldPatient
	if h.Patient == nil {
		return who, ErrHoldNotFound
	}
	return who, json.Unmarshal([]byte(*h.Patient), &who)
}
