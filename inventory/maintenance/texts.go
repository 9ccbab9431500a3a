package maintenance

import "fmt"

// taskText is what a maintenance task says, in one language. A struct, so every
// language fills every text.
type taskText struct {
	// Due (%[1]s the title, %[2]s the due date) asks for the job on its date.
	Due string
	// Overdue (%[1]s the title, %[2]s the due date, %[3]d days late) is the manager's.
	Overdue string
}

// taskTexts holds the task texts by the branch's locale; English is the fallback.
var taskTexts = map[string]taskText{
	"en": {Due: "Maintenance: %[1]s (due %[2]s)", Overdue: "Overdue maintenance: %[1]s (due %[2]s, %[3]d days late)"},
	"ru": {Due: "Обслуживание: %[1]s (срок %[2]s)", Overdue: "Просрочено обслуживание: %[1]s (срок %[2]s, опоздание %[3]d дн.)"},
	"pl": {Due: "Konserwacja: %[1]s (termin %[2]s)", Overdue: "Zaległa konserwacja: %[1]s (termin %[2]s, spóźnienie %[3]d dni)"},
	"sv": {Due: "Underhåll: %[1]s (senast %[2]s)", Overdue: "Försenat underhåll: %[1]s (senast %[2]s, %[3]d dagar sent)"},
}

func textIn(locale string) taskText {
	if t, ok := taskTexts[locale]; ok {
		return t
	}
	return taskTexts["en"]
}

func (t taskText) due(title, on string) string { return fmt.Sprintf(t.Due, title, on) }

func (t taskText) overdue(title, on string, late int) string {
	return fmt.Sprintf(t.Overdue, title, on, late)
}
