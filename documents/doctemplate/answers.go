package doctemplate

// AnswerIDs are the linkIds of the dental-intake questionnaire a template may name
// as .Answers.<id>; any other id is refused when templates load.
var AnswerIDs = []string{
	"first_name", "last_name", "birth_date", "sex", "id_document", "address", "phone", "email",
	"emergency_name", "emergency_phone", "conditions", "conditions_other", "medications",
	"allergies", "allergies_other", "pregnancy", "anaesthesia_reaction", "smoking", "complaint",
	"pain_level", "consent_data", "consent_reminders", "guardian_name", "guardian_relation",
	"guardian_document",
}

var answerIDSet = func() map[string]bool {
	m := make(map[string]bool, len(AnswerIDs))
	for _, id := range AnswerIDs {
		m[id] = true
	}
	return m
}()
