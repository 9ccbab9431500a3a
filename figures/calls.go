package figures

// callFigures are the calls figures, in the dashboard's order.
var callFigures = []Definition{}

// callCollectors count the calls figures.
func (s *Service) callCollectors() []Collector { return nil }
