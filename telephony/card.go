package telephony

import (
	"context"
	"time"
)

// VisitBrief is a visit as the caller's card shows it.
type VisitBrief struct {
	ID       string    `json:"id"`
	StartsAt time.Time `json:"starts_at"`
	Status   string    `json:"status"`
	// Confirmed: the patient confirmed it (reply, link or a call).
	Confirmed bool   `json:"confirmed"`
	Doctor    string `json:"doctor,omitempty"`
}

// MessageBrief is the newest message exchanged with the patient.
type MessageBrief struct {
	At        time.Time `json:"at"`
	Direction string    `json:"direction"`
	Medium    string    `json:"medium"`
	Text      string    `json:"text"`
}

// Details is what the card shows beyond the directory.
type Details struct {
	NextVisit         *VisitBrief   `json:"next_visit"`
	LastVisit         *VisitBrief   `json:"last_visit"`
	UnsignedDocuments int           `json:"unsigned_documents"`
	OpenTasks         int           `json:"open_tasks"`
	LastMessage       *MessageBrief `json:"last_message"`
}

// CardDetails reads a patient's visits, papers, tasks and messages for the caller's
// card; internal/app fills it from the features that keep them.
type CardDetails interface {
	CardDetails(ctx context.Context, patientID string, now time.Time) (Details, error)
}

// Card is one patient the calling number belongs to, as the desk sees them before
// picking up.
type Card struct {
	PatientID   string `json:"patient_id"`
	Name        string `json:"name"`
	Age         *int   `json:"age"`
	ViaGuardian bool   `json:"via_guardian"`
	Details
}

// LiveCall is a call ringing or in progress with the cards of its caller; no card is a
// new caller.
type LiveCall struct {
	Call
	Cards []Card
}

// Live lists the branch's calls ringing or in progress, oldest first, each with the
// caller's cards.
func (s *Service) Live(ctx context.Context, branchID string) ([]LiveCall, error) {
	now := s.clock()
	calls, err := s.store.live(ctx, branchID, now.Add(-staleAfter))
	if err != nil {
		return nil, err
	}
	b, err := s.deps.Branches.Branch(ctx, branchID)
	if err != nil {
		return nil, err
	}
	out := make([]LiveCall, 0, len(calls))
	for _, c := range calls {
		cards, err := s.Cards(ctx, c.Caller(), b.Country)
		if err != nil {
			return nil, err
		}
		out = append(out, LiveCall{Call: c, Cards: cards})
	}
	return out, nil
}

// Cards builds the caller's cards for number.
func (s *Service) Cards(ctx context.Context, number, country string) ([]Card, error) {
	ms, err := s.Recognize(ctx, number, country)
	if err != nil {
		return nil, err
	}
	now := s.clock()
	cards := make([]Card, 0, len(ms))
	for _, m := range ms {
		card := Card{PatientID: m.PatientID, Name: m.Name(), ViaGuardian: m.Guardian}
		if age := m.Age(now); age >= 0 {
			card.Age = &age
		}
		if s.deps.Cards != nil {
			if card.Details, err = s.deps.Cards.CardDetails(ctx, m.PatientID, now); err != nil {
				return nil, err
			}
		}
		cards = append(cards, card)
	}
	return cards, nil
}
