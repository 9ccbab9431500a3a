package demo

import (
	"context"

	"github.com/frontdeskhq/frontdesk/reviews"
)

// campaignNames are the demo's two campaigns per locale: service calls about a
// check-up, and a hygiene offer only patients with marketing consent by SMS get.
var campaignNames = map[string][2]string{
	"en": {"Check-up reminder calls", "Spring hygiene offer"},
	"ru": {"Звонки: пора на осмотр", "Весеннее предложение: гигиена"},
	"pl": {"Telefony: czas na przegląd", "Wiosenna oferta higienizacji"},
	"sv": {"Samtal: dags för kontroll", "Vårerbjudande: tandhygien"},
}

// followUps puts two campaigns on the desk's call list: the first half of the
// patients for a check-up, and everyone for the offer (those without marketing
// consent are counted as skipped, as in a real campaign).
func (s *seeder) followUps(ctx context.Context) error {
	if s.Reviews == nil || len(s.patientIDs) == 0 {
		return nil
	}
	names := campaignNames[s.c.Locale]
	half := s.patientIDs[:(len(s.patientIDs)+1)/2]
	_, err := s.Reviews.StartCampaign(ctx, reviews.CampaignIn{BranchID: s.branchID, Name: names[0],
		Purpose: reviews.PurposeService, Audience: reviews.Audience{PatientIDs: half}})
	if err != nil {
		return wrap("campaign", err)
	}
	_, err = s.Reviews.StartCampaign(ctx, reviews.CampaignIn{BranchID: s.branchID, Name: names[1],
		Purpose: reviews.PurposeMarketing, ConsentChannel: "sms", Audience: reviews.Audience{PatientIDs: s.patientIDs}})
	return wrap("campaign", err)
}
