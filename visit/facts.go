package visit

// Facts are what the texts about a visit about to be booked tell of it, as the booking
// read them for its own checks (its directory snapshot and the patient's card), so a
// feature planning those texts before the booking's transaction need not read them
// again.
type Facts struct {
	// Clinic, ClinicPhone and Address are the branch's name, phone and address.
	Clinic, ClinicPhone, Address string
	// TimeZone is the branch's zone; ClinicLocale its language.
	TimeZone, ClinicLocale string
	// Service is the procedure's names by locale.
	Service map[string]string
	// Doctor is the doctor's display name.
	Doctor string
	// Phone, Email and Locale are the patient's ("" when not on the card).
	Phone, Email, Locale string
}
