package figures

// visitFigures are the visits figures, in the dashboard's order.
var visitFigures = []Definition{}

// visitCollectors count the visits figures.
func (s *Service) visitCollectors() []Collector { return nil }
