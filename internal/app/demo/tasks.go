package demo

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/tasks"
)

// deskWords are the patients' own words on the demo's tasks, per locale: the "no" to
// a reminder, a question sent back to one, and a reply asking to be called (the
// phone line's missed call opens the demo's callback).
var deskWords = map[string][3]string{
	"en": {"2 — sorry, can't make it, my son is ill", "Can I bring my daughter along? She needs a check-up too",
		"Please call me about the price of an implant"},
	"pl": {"2 — przepraszam, nie dam rady, syn jest chory", "Czy mogę przyjść z córką? Ona też potrzebuje przeglądu",
		"Proszę o telefon w sprawie ceny implantu"},
	"ru": {"2 — извините, не смогу, сын заболел", "Можно прийти с дочкой? Ей тоже нужен осмотр",
		"Перезвоните, пожалуйста, по поводу стоимости импланта"},
	"sv": {"2 – tyvärr, jag kan inte komma, min son är sjuk", "Kan jag ta med min dotter? Hon behöver också en kontroll",
		"Ring mig gärna om priset på ett implantat"},
}

// declineTask opens the desk's task for a patient's "not coming", on the decline's
// transaction, as the inbox does for a real reply.
func (s *seeder) declineTask(ctx context.Context, tx db.Tx, v slot, appointmentID string, at time.Time) error {
	if s.Tasks == nil {
		return nil
	}
	_, err := s.Tasks.Open(ctx, tx, tasks.New{Kind: tasks.Decline, BranchID: &s.branchID,
		PatientID: &s.patientIDs[v.patient], AppointmentID: &appointmentID, Text: deskWords[s.c.Locale][0], At: at})
	return err
}

// openTasks puts two patients' replies on the front desk's queue: a question to
// answer and a call to return.
func (s *seeder) openTasks(ctx context.Context) error {
	if s.Tasks == nil || len(s.patientIDs) < 2 {
		return nil
	}
	now, words := s.now(), deskWords[s.c.Locale]
	list := []tasks.New{
		{Kind: tasks.Reply, Text: words[1], At: now.Add(-35 * time.Minute)},
		{Kind: tasks.Reply, Text: words[2], At: now.Add(-2 * time.Hour), DueAt: now.Add(time.Hour)},
	}
	for i, n := range list {
		n.BranchID, n.PatientID = &s.branchID, &s.patientIDs[len(s.patientIDs)-1-i]
		if _, err := s.Tasks.Open(ctx, s.DB.W, n); err != nil {
			return wrap("task", err)
		}
	}
	return nil
}
