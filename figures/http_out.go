package figures

import (
	"time"
)

// pointOut is one period of a figure as the API answers it.
type pointOut struct {
	Period      string   `json:"period"`
	From        string   `json:"from"`
	To          string   `json:"to"`
	Numerator   int64    `json:"numerator"`
	Denominator int64    `json:"denominator"`
	Value       *float64 `json:"value"`
}

// personOut is one staff member's part of a per-person figure.
type personOut struct {
	StaffID string     `json:"staff_id"`
	Name    string     `json:"name"`
	Periods []pointOut `json:"periods"`
	Total   pointOut   `json:"total"`
}

// seriesOut is one figure with its definition, periods and total.
type seriesOut struct {
	Name           string      `json:"name"`
	Group          string      `json:"group"`
	Unit           Unit        `json:"unit"`
	Sum            Sum         `json:"sum"`
	HigherIsBetter bool        `json:"higher_is_better"`
	PerPerson      bool        `json:"per_person"`
	Subject        string      `json:"subject"`
	Definition     string      `json:"definition"`
	FewResponses   bool        `json:"few_responses"`
	Periods        []pointOut  `json:"periods"`
	Total          pointOut    `json:"total"`
	People         []personOut `json:"people,omitempty"`
}

// reportOut is a whole report as the API answers it.
type reportOut struct {
	BranchID string      `json:"branch_id"`
	From     string      `json:"from"`
	To       string      `json:"to"`
	By       string      `json:"by"`
	DoctorID *string     `json:"doctor_id"`
	Figures  []seriesOut `json:"figures"`
}

// FewResponses is the response count under which a score (the NPS) is flagged as
// resting on too few answers.
const FewResponses = 30

func reportToOut(r Report) reportOut {
	out := reportOut{BranchID: r.BranchID, From: r.From, To: r.To, By: r.By, Figures: make([]seriesOut, 0, len(r.Figures))}
	if r.DoctorID != "" {
		out.DoctorID = &r.DoctorID
	}
	for _, s := range r.Figures {
		out.Figures = append(out.Figures, seriesToOut(s))
	}
	return out
}

func seriesToOut(s Series) seriesOut {
	o := seriesOut{Name: s.Name, Group: s.Group, Unit: s.Unit, Sum: s.Sum, HigherIsBetter: s.HigherIsBetter,
		PerPerson: s.PerPerson, Subject: s.Subject, Definition: s.Text, Periods: pointsOut(s.Points),
		Total: toPoint(s.Total), FewResponses: s.Unit == Score && s.Total.Den < FewResponses}
	for _, p := range s.People {
		o.People = append(o.People, personOut{StaffID: p.StaffID, Name: p.Name, Periods: pointsOut(p.Points), Total: toPoint(p.Total)})
	}
	return o
}

func pointsOut(ps []Point) []pointOut {
	out := make([]pointOut, len(ps))
	for i, p := range ps {
		out[i] = toPoint(p)
	}
	return out
}

func toPoint(p Point) pointOut {
	return pointOut{Period: p.Period, From: p.From, To: p.To, Numerator: p.Num, Denominator: p.Den, Value: p.Value}
}

// rowOut is one row behind a figure.
type rowOut struct {
	Day         string     `json:"day"`
	Subject     string     `json:"subject"`
	SubjectID   string     `json:"subject_id"`
	DoctorID    *string    `json:"doctor_id"`
	StaffID     *string    `json:"staff_id"`
	Numerator   int64      `json:"numerator"`
	Denominator int64      `json:"denominator"`
	Label       string     `json:"label"`
	At          *time.Time `json:"at"`
	Frozen      bool       `json:"frozen"`
}

func rowToOut(f Fact, people bool) rowOut {
	o := rowOut{Day: f.Day, Subject: f.Subject, SubjectID: f.SubjectID, Numerator: f.Num, Denominator: f.Den,
		Label: f.Label, At: f.At, Frozen: f.Frozen}
	if f.DoctorID != "" {
		o.DoctorID = &f.DoctorID
	}
	if f.StaffID != "" && people {
		o.StaffID = &f.StaffID
	}
	return o
}
