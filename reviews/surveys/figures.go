package surveys

import (
	"context"
	"math"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/httpjson"
)

// List pages the answered surveys of a branch the caller sees, newest first.
func (s *Service) List(ctx context.Context, f Filter) (Page, error) {
	w, err := s.window(ctx, f)
	if err != nil {
		return Page{}, err
	}
	at, id, err := httpjson.ParseTimeCursor(f.Cursor)
	if err != nil {
		return Page{}, err
	}
	var after *time.Time
	var afterID *string
	if id != "" {
		after, afterID = &at, &id
	}
	rows, err := s.store.answered(ctx, w, after, afterID, f.Limit+1)
	if err != nil {
		return Page{}, err
	}
	p := Page{Items: rows}
	if len(rows) > f.Limit {
		last := rows[f.Limit-1]
		p.Items, p.Next = rows[:f.Limit], httpjson.TimeCursor(*last.AnsweredAt, last.ID)
	}
	return p, s.auditReads(ctx, p.Items)
}

// auditReads writes one read row per survey shown: its comment is the patient's word.
func (s *Service) auditReads(ctx context.Context, shown []Survey) error {
	if s.d.Audit == nil || len(shown) == 0 {
		return nil
	}
	entries := make([]audit.Entry, len(shown))
	for i, v := range shown {
		entries[i] = audit.Entry{Action: audit.Read, Entity: "survey", EntityID: v.ID, PatientID: v.PatientID}
	}
	return s.d.Audit.RecordAll(ctx, s.store.db.W, entries)
}

// Score is the NPS of a branch's answered surveys in the filter's window.
func (s *Service) Score(ctx context.Context, f Filter) (NPS, error) {
	w, err := s.window(ctx, f)
	if err != nil {
		return NPS{}, err
	}
	c, err := s.store.counts(ctx, w)
	if err != nil {
		return NPS{}, err
	}
	return npsOf(c), nil
}

// npsOf is the score of counts: % promoters − % detractors, to one decimal.
func npsOf(c counts) NPS {
	n := NPS{Promoters: c.Promoters, Passives: c.Passives, Detractors: c.Detractors, Responses: c.Responses,
		LowSample: c.Responses < LowSample}
	if c.Responses == 0 {
		return n
	}
	total := float64(c.Responses)
	score := round1(100 * float64(c.Promoters-c.Detractors) / total)
	overall, care := round1(float64(c.Overall)/total), round1(float64(c.Care)/total)
	n.Score, n.OverallAverage, n.CareAverage = &score, &overall, &care
	return n
}

// round1 rounds to one decimal, halves away from zero.
func round1(x float64) float64 { return math.Round(x*10) / 10 }

// window turns a filter's local dates into instants in the branch's zone: from its
// first midnight to the midnight after to. An unknown branch has no surveys to show.
func (s *Service) window(ctx context.Context, f Filter) (window, error) {
	loc, _, err := s.zone(ctx, f.BranchID)
	if err != nil {
		return window{}, err
	}
	w := window{branchID: f.BranchID}
	if f.DoctorID != "" {
		w.doctorID = &f.DoctorID
	}
	if w.from, err = localDay(f.From, loc, "from", 0); err != nil {
		return window{}, err
	}
	if w.to, err = localDay(f.To, loc, "to", 1); err != nil {
		return window{}, err
	}
	if w.from != nil && w.to != nil && !w.from.Before(*w.to) {
		return window{}, fault.Field("to", "after_from", "must not be before from")
	}
	return w, nil
}

// localDay is midnight UTC of a local date plus days, or nil for "".
func localDay(date string, loc *time.Location, field string, days int) (*time.Time, error) {
	if date == "" {
		return nil, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, date, loc)
	if err != nil {
		return nil, fault.Field(field, "date", "must be a date (YYYY-MM-DD)")
	}
	at := time.Date(d.Year(), d.Month(), d.Day()+days, 0, 0, 0, 0, loc).UTC()
	return &at, nil
}
