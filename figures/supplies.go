package figures

// supplyFigures are the supplies figures, in the dashboard's order.
var supplyFigures = []Definition{}

// supplyCollectors count the supplies figures.
func (s *Service) supplyCollectors() []Collector { return nil }
