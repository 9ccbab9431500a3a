package waitlist

import "time"

// The JSON shapes the waitlist's answers share with the rest of the booking API.

// patientBody registers or finds a patient inline.
type patientBody struct {
	FirstName  string `json:"first_name" validate:"required,max=100"`
	LastName   string `json:"last_name" validate:"required,max=100"`
	MiddleName string `json:"middle_name" validate:"max=100"`
	Phone      string `json:"phone" validate:"required,max=40"`
	Email      string `json:"email" validate:"omitempty,max=254,email"`
	BirthDate  string `json:"birth_date" validate:"omitempty,datetime=2006-01-02"`
	Locale     string `json:"locale" validate:"omitempty,oneof=en ru pl sv"`
}

type named struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type doctorRef struct {
	ID          string `json:"id"`
	DisplayName string `json:"display_name"`
}

type branchRef struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Address  string `json:"address"`
	Phone    string `json:"phone"`
	TimeZone string `json:"time_zone"`
}

type holdOut struct {
	HoldID    string    `json:"hold_id"`
	ExpiresAt time.Time `json:"expires_at"`
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
