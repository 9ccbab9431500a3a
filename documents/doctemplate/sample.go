package doctemplate

import "time"

// sampleData is a full visit in locale: every field set, a guardian, a plan and
// answers to every question. Templates are rehearsed on it when they load.
func sampleData(locale string) Data {
	born := time.Date(2010, 3, 14, 0, 0, 0, 0, time.UTC)
	start := time.Date(2026, 1, 2, 9, 30, 0, 0, time.UTC)
	currency := formatsFor(locale).currency
	answers := make(map[string]string, len(AnswerIDs))
	for _, id := range AnswerIDs {
		answers[id] = "sample " + id
	}
	return Data{
		Document: DocumentInfo{ID: "doc-1", Kind: Contract, Date: start, Number: "SMP/2026/000001"},
		Clinic: Clinic{Name: "Sample Dental", LegalName: "Sample Dental Ltd", TaxID: "123456789",
			Address: "1 Main Street", City: "Sample City", Phone: "+1 555 0100", Email: "clinic@example.test", Currency: currency,
			CompanyNumber: "987654321", MedicalRegisterNumber: "000000012345", Licence: "L041-01137-77/00368"},
		Branch: Branch{Name: "Centre", Address: "1 Main Street", Phone: "+1 555 0101", TimeZone: "UTC"},
		Patient: Person{FirstName: "Ann", LastName: "Smith", FullName: "Ann Smith", BirthDate: &born, Sex: "female",
			Phone: "+1 555 0102", Email: "ann@example.test", Address: "2 High Street\nFlat 3", IDDocument: "AB 123456", Age: 15},
		Guardian:    &Guardian{Name: "Mary Smith", Relation: "mother", Document: "CD 654321", Phone: "+1 555 0103"},
		Doctor:      Doctor{FullName: "Dr John Brown", Specialty: "dentist"},
		Appointment: Appointment{ID: "appt-1", Start: start, End: start.Add(time.Hour), Service: "Extraction"},
		Plan: Plan{Items: []PlanItem{
			{Name: "Consultation", Qty: 1, Price: Money{Minor: 150000, Currency: currency}},
			{Name: "Extraction", Qty: 2, Price: Money{Minor: 250000, Currency: currency}},
		}, Total: Money{Minor: 650000, Currency: currency}},
		Answers: answers,
		Alerts:  []string{"Allergy: penicillin", "Condition: diabetes"},
		Locale:  locale,
	}
}
