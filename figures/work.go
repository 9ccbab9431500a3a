package figures

// workFigures are the work figures, in the dashboard's order.
var workFigures = []Definition{}

// workCollectors count the work figures.
func (s *Service) workCollectors() []Collector { return nil }
