package demo

import (
	"context"

	"github.com/frontdeskhq/frontdesk/clinic"
)

// guardians gives every child under the country's age of medical consent a parent
// from among the grown-up cards, so a child's papers name who signs for them and the
// parent's phone finds the child when it rings.
func (s *seeder) guardians(ctx context.Context) error {
	now, consent := s.now(), clinic.ConsentAgeOf(clinic.Branch{Country: s.c.Country})
	var parents []int
	for i, c := range s.cards {
		if a := age(c.BirthDate, now); a >= 28 && a <= 55 {
			parents = append(parents, i)
		}
	}
	if len(parents) == 0 {
		return nil
	}
	next := 0
	for i, c := range s.cards {
		if age(c.BirthDate, now) >= consent {
			continue
		}
		p := parents[next%len(parents)]
		next++
		relation := "father"
		if s.cards[p].Sex == "female" {
			relation = "mother"
		}
		if err := s.Clinic.AddGuardian(ctx, s.patientIDs[i], s.patientIDs[p], relation); err != nil {
			return wrap("guardian of "+c.Phone, err)
		}
	}
	return nil
}
