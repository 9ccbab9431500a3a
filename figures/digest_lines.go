package figures

import (
	"context"
	"slices"
	"time"
)

// digestWeeks is how many ISO weeks a digest reads: the past one and the four before it.
const digestWeeks = 5

// Digest is a branch's ISO week against the four weeks before it.
type Digest struct {
	BranchID, Clinic, Currency string
	// Week names the week (2026-W10); From and To are its Monday and Sunday.
	Week, From, To string
	// EarlierFrom and EarlierTo bound the four weeks before.
	EarlierFrom, EarlierTo string
	// Link opens the branch's dashboard in the console.
	Link  string
	Lines []DigestLine
}

// DigestLine is one figure's week. The week is held against the MEDIAN of the four
// weeks before (of those that counted anything), not their mean: one week of holidays
// or one odd busy day does not drag the baseline.
type DigestLine struct {
	Definition
	// Week is the past week's point; Value nil when nothing was counted.
	Week Point
	// Baseline is the median of the earlier weeks' values; nil when none had one.
	Baseline *float64
	// Change is +1 when the week is above the baseline, -1 below, 0 level or unknown.
	Change int
	// Better says the change went the good way (HigherIsBetter); false when level.
	Better bool
}

// WeeklyDigest reads the branch's ISO week starting on monday (YYYY-MM-DD) and the
// four weeks before it, by week. Figures that counted nothing in all five weeks are
// left out.
func (s *Service) WeeklyDigest(ctx context.Context, branchID, monday string) (Digest, error) {
	start, err := parseDate(monday)
	if err != nil || start.Weekday() != time.Monday {
		return Digest{}, ErrBadRange
	}
	from := start.AddDate(0, 0, -7*(digestWeeks-1))
	r, err := s.Figures(ctx, Query{BranchID: branchID, From: from.Format(time.DateOnly),
		To: start.AddDate(0, 0, 6).Format(time.DateOnly), By: "week"})
	if err != nil {
		return Digest{}, err
	}
	d := Digest{BranchID: branchID, Week: weekName(monday), From: monday, To: r.To,
		EarlierFrom: r.From, EarlierTo: start.AddDate(0, 0, -1).Format(time.DateOnly), Link: s.consoleLink(branchID)}
	for _, series := range r.Figures {
		if counted(series.Points) {
			d.Lines = append(d.Lines, digestLine(series))
		}
	}
	return d, nil
}

// counted tells whether any week counted anything of the figure.
func counted(ps []Point) bool {
	return slices.ContainsFunc(ps, func(p Point) bool { return p.Num != 0 || p.Den != 0 })
}

// digestLine holds the series' last week against the median of the weeks before.
func digestLine(series Series) DigestLine {
	last := len(series.Points) - 1
	l := DigestLine{Definition: series.Definition, Week: series.Points[last]}
	var earlier []float64
	for _, p := range series.Points[:last] {
		if p.Value != nil {
			earlier = append(earlier, *p.Value)
		}
	}
	l.Baseline = medianOf(earlier)
	if l.Week.Value == nil || l.Baseline == nil {
		return l
	}
	switch {
	case *l.Week.Value > *l.Baseline:
		l.Change = 1
	case *l.Week.Value < *l.Baseline:
		l.Change = -1
	}
	l.Better = l.Change != 0 && (l.Change > 0) == l.HigherIsBetter
	return l
}

// medianOf is the middle of values (the mean of the two middle ones); nil when none.
func medianOf(values []float64) *float64 {
	if len(values) == 0 {
		return nil
	}
	s := slices.Clone(values)
	slices.Sort(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return &m
}
