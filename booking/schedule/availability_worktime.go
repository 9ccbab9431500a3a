package schedule

import (
	"context"
	"time"

	"github.com/frontdeskhq/frontdesk/clinic"
)

// branchTime is what working time needs of a branch: its zone and opening hours.
type branchTime struct {
	id    string
	loc   *time.Location
	hours clinic.OpeningHours
	// country picks the public holidays that close the branch.
	country string
}

// branchTime reads a branch whoever asks (see asSystem).
func (s *Service) branchTime(ctx context.Context, branchID string) (branchTime, error) {
	b, err := s.dir.Branch(asSystem(ctx), branchID)
	if err != nil {
		return branchTime{}, err
	}
	return newBranchTime(b)
}

func newBranchTime(b clinic.Branch) (branchTime, error) {
	loc := clinic.Zone(b.TimeZone) // loaded once: LoadLocation reads the zone database each time
	if loc == time.UTC && b.TimeZone != "UTC" {
		if _, err := time.LoadLocation(b.TimeZone); err != nil {
			return branchTime{}, err
		}
	}
	return branchTime{id: b.ID, loc: loc, hours: b.Hours, country: b.Country}, nil
}

// workData is what working windows are made of, for some doctors at one branch.
type workData struct {
	templates  []TemplateInterval
	exceptions []Exception
	// closed holds the branch's closed local dates (YYYY-MM-DD).
	closed map[string]bool
}

// piece is a span of working time and the chair the schedule pins it to ("" none).
type piece struct {
	span
	chair string
}

// openSpans are the instants the branch is open on days, closed days left out.
func openSpans(b branchTime, days []localDay, closed map[string]bool) []span {
	var out []span
	for _, d := range days {
		if closed[d.date.String()] {
			continue
		}
		for _, iv := range b.hours[clinic.Weekdays[d.date.isoWeekday()-1]] {
			open, okO := parseClock(iv.Open, false)
			shut, okC := parseClock(iv.Close, true)
			if okO && okC {
				out = d.wallSpans(int64(open)*60, int64(shut)*60, out)
			}
		}
	}
	return normalize(out)
}

// workWindows is each doctor's working time at branch b over days: template intervals
// on their weekdays and valid dates plus extra shifts at b, less time off and closed
// days, inside opening hours. Pieces keep their pinned chair.
func workWindows(b branchTime, days []localDay, doctors []string, data workData) map[string][]piece {
	raw := templatePieces(b, days, data.templates)
	off := map[string][]span{}
	for _, e := range data.exceptions {
		switch {
		case e.Kind == TimeOff:
			off[e.DoctorID] = append(off[e.DoctorID], spanOf(e.Start, e.End))
		case schedDeref(e.BranchID) == b.id:
			raw[e.DoctorID] = append(raw[e.DoctorID], piece{spanOf(e.Start, e.End), schedDeref(e.ChairID)})
		}
	}
	open := openSpans(b, days, data.closed)
	out := make(map[string][]piece, len(doctors))
	for _, doc := range doctors {
		out[doc] = clipPieces(raw[doc], subtract(open, normalize(off[doc])))
	}
	return out
}

// templatePieces turns the weekly templates worked at b into instants on days.
func templatePieces(b branchTime, days []localDay, templates []TemplateInterval) map[string][]piece {
	raw := map[string][]piece{}
	for _, d := range days {
		date, weekday := d.date.String(), d.date.isoWeekday()
		for _, t := range templates {
			if t.BranchID != b.id || t.Weekday != weekday || !t.validOn(date) {
				continue
			}
			for _, sp := range d.wallSpans(int64(t.StartMinute)*60, int64(t.EndMinute)*60, nil) {
				raw[t.DoctorID] = append(raw[t.DoctorID], piece{sp, schedDeref(t.ChairID)})
			}
		}
	}
	return raw
}

// clipPieces keeps the parts of pieces inside allowed (normalized).
func clipPieces(pieces []piece, allowed []span) []piece {
	var out []piece
	for _, p := range pieces {
		for _, s := range intersect([]span{p.span}, allowed) {
			out = append(out, piece{s, p.chair})
		}
	}
	return out
}

// mergePieces is the working time of pieces as sorted, disjoint windows: touching
// pieces (a morning and an afternoon interval) make one window.
func mergePieces(pieces []piece) []span {
	out := make([]span, len(pieces))
	for i, p := range pieces {
		out[i] = p.span
	}
	return normalize(out)
}

// chairAt is the chair pinned by the piece that holds instant t, if any.
func chairAt(pieces []piece, t int64) string {
	for _, p := range pieces {
		if p.from <= t && t < p.to && p.chair != "" {
			return p.chair
		}
	}
	return ""
}

func schedDeref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
