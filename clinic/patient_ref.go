package clinic

import "context"

// PatientRef checks that the actor may see a live card and returns it without writing
// a read row: for a caller that only names the patient and records its own audit row
// naming them (a booking's "create appointment" row), so a request refused later
// (a time taken) writes nothing on the single writer.
func (s *Service) PatientRef(ctx context.Context, id string) (Patient, error) {
	sp, err := s.visiblePatient(ctx, s.db.R, id)
	return sp.Patient, err
}
