package demo

import (
	"slices"
	"strconv"
	"time"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
)

// layout lays the demo's visits out around now: yesterday done (completed, a no-show,
// a cancellation), today in every stage, the coming two weeks moderately booked.
type layout struct {
	s   *seeder
	now time.Time
	loc *time.Location
	// adults are the cards of grown-up patients, and next the one to book next.
	adults []int
	next   int
	// answered are the patients who filled a questionnaire: a second one would change
	// the data of their earlier papers.
	answered map[int]bool
}

// aheadDays is how far the demo's book reaches.
const aheadDays = 14

// dayCodes are the services each doctor sees on a usual day: grown-ups' services of an
// hour at most, so visits 75 minutes apart never meet (a visit holds its doctor for
// the buffer after it too).
var dayCodes = [3][]string{
	{"checkup", "filling", "xray-pano", "checkup", "filling"},
	{"checkup", "extraction", "implant-consult", "xray-pano"},
	{"checkup", "hygiene", "filling", "checkup"},
}

func (l *layout) all() []slot {
	for i, c := range l.s.cards {
		if age(c.BirthDate, l.now) >= 18 {
			l.adults = append(l.adults, i)
		}
	}
	return slices.Concat(l.today(), l.yesterday(), l.ahead())
}

// today is the day as the desk sees it at now, doctor 0 (the doctor login) and the
// other doctor working today side by side, in minutes from now:
//
//	-120 completed · -105 completed X-ray · -45 seated · late (started 20-34 min ago)
//	+30 arrived and waiting (papers half signed) · +30 declined by reply
//	+75 confirmed by reply (twice) · +120 cancelled · +150 question unanswered
//	+165 and +195 booked this morning, not asked yet
//
// Early in the working day the morning's visits move up behind the opening (each
// doctor's visits in turn, never overlapping); a stage whose time has not come yet
// is simply not there.
func (l *layout) today() []slot {
	g := l.now.Truncate(grid)
	open, _, ok := l.hours(l.now.In(l.loc))
	if !ok {
		return nil
	}
	t := &turns{free: [3]time.Time{open.UTC(), open.UTC(), open.UTC()}}
	at := func(doctor, min int, code string) time.Time {
		return t.take(doctor, g.Add(time.Duration(min)*time.Minute), code)
	}
	b := l.other(l.now)
	late := l.now.Add(-20 * time.Minute).Truncate(grid)
	fresh := l.now.Add(-90 * time.Minute)
	return []slot{
		l.visit(at(0, -120, "checkup"), 0, "checkup", completes, paper(true, true, true), true),
		l.visit(at(b, -105, xray(b)), b, xray(b), completes, paper(false, true, true), false),
		l.alerting(l.visit(at(0, -45, "filling"), 0, "filling", sits, paper(true, true, true), true), allergic),
		l.visit(t.take(b, late, "checkup"), b, "checkup", stays, paper(true, false, false), false),
		l.alerting(l.visit(at(0, 30, "checkup"), 0, "checkup", waits, paper(true, true, true), false), cardiac),
		l.visit(at(b, 30, "checkup"), b, "checkup", declines, paper(false, false, false), false),
		l.visit(at(0, 75, "filling"), 0, "filling", confirms, paper(true, true, false), false),
		l.visit(at(b, 75, "checkup"), b, "checkup", confirms, paper(false, true, false), false),
		l.visit(at(b, 120, "checkup"), b, "checkup", cancels, paper(false, false, false), false),
		l.visit(at(0, 150, "checkup"), 0, "checkup", stays, paper(false, true, false), false),
		l.booked(l.visit(at(b, 165, xray(b)), b, xray(b), stays, paper(false, false, false), false), fresh),
		l.booked(l.visit(at(0, 195, "checkup"), 0, "checkup", stays, paper(false, false, false), false), fresh.Add(-30*time.Minute)),
	}
}

// xray is the doctor's short visit: the panoramic X-ray for those who take it, a
// check-up for the children's dentist, who does not (booking refuses a service the
// doctor does not perform, and she works beside doctor 0 on Tuesdays, Thursdays and
// Saturdays).
func xray(doctor int) string {
	if slices.Contains(doctorServices[doctor], "xray-pano") {
		return "xray-pano"
	}
	return "checkup"
}

// turns keeps when each doctor is free next today.
type turns struct{ free [3]time.Time }

// take gives the doctor the first start on the grid at or after want when they are
// free, and holds them for the service and the buffer after it.
func (t *turns) take(doctor int, want time.Time, code string) time.Time {
	start := want.UTC()
	if start.Before(t.free[doctor]) {
		start = t.free[doctor]
	}
	start = start.Add(grid - 1).Truncate(grid)
	t.free[doctor] = start.Add(time.Duration(minutes(code))*time.Minute + booking.DefaultRules().Buffer)
	return start
}

// minutes is how long a demo service takes.
func minutes(code string) int {
	for _, p := range catalogue {
		if p.Code == code {
			return p.Minutes
		}
	}
	return 60
}

// yesterday is a full day: both doctors every 75 minutes, all completed but for one
// no-show and one visit the patient cancelled.
func (l *layout) yesterday() []slot {
	day := l.now.In(l.loc).AddDate(0, 0, -1)
	open, shut, ok := l.hours(day)
	if !ok {
		return nil
	}
	var out []slot
	for k, d := range []int{0, l.other(day)} {
		for i, t := 0, open.Add(time.Duration(30+15*k)*time.Minute); i < 6 && !t.Add(time.Hour).After(shut); i, t = i+1, t.Add(75*time.Minute) {
			st := completes
			switch {
			case k == 1 && i == 2:
				st = noShow
			case k == 0 && i == 1:
				st = cancels
			}
			full := st == completes
			out = append(out, l.visit(t, d, dayCodes[d][i%len(dayCodes[d])], st, paper(full && i%2 == 0, full, full), i%3 == 0))
		}
	}
	return out
}

// ahead books two to four visits a day for each working doctor over the coming two
// weeks; those due within three days have had their question, and half answered yes.
func (l *layout) ahead() []slot {
	var out []slot
	for d := 1; d <= aheadDays; d++ {
		day := l.now.In(l.loc).AddDate(0, 0, d)
		open, shut, ok := l.hours(day)
		if !ok {
			continue
		}
		for doc := range l.s.doctorIDs {
			if !slices.Contains(workdays[doc%len(workdays)], isoWeekday(day)) {
				continue
			}
			n := 2 + (d+doc)%3
			for j := range n {
				t := open.Add(time.Duration(60*(2*j+(d+doc)%2)+15*doc) * time.Minute)
				if t.Add(90 * time.Minute).After(shut) {
					break
				}
				st := stays
				if j%2 == 0 {
					st = confirms
				}
				out = append(out, l.visit(t, doc, dayCodes[doc][(d+j)%len(dayCodes[doc])], st, paper(d == 1 && j%2 == 0, false, false), false))
			}
		}
	}
	return out
}

// papers says which of a visit's papers exist: questionnaire filled, pack printed, signed.
type papers struct{ filled, printed, signed bool }

func paper(filled, printed, signed bool) papers { return papers{filled, printed, signed} }

// visit is one slot for the next adult patient, booked a few days before it starts
// (or in the last day, for visits further ahead).
func (l *layout) visit(start time.Time, doctor int, code string, st story, p papers, replied bool) slot {
	k := l.next
	patient := l.adults[k%len(l.adults)]
	l.next++
	if l.answered == nil {
		l.answered = map[int]bool{}
	}
	p.filled = p.filled && !l.answered[patient]
	l.answered[patient] = l.answered[patient] || p.filled
	local := start.In(l.loc).AddDate(0, 0, -(4 + k%5))
	booked := time.Date(local.Year(), local.Month(), local.Day(), 9+k%8, (k*13)%60, 0, 0, l.loc).UTC()
	if booked.After(l.now.Add(-time.Hour)) {
		booked = l.now.Add(-time.Duration(1+k%40) * time.Hour)
	}
	return slot{start: start.UTC(), doctor: doctor, code: code, patient: patient, story: st, bookedAt: booked,
		replied: replied, filled: p.filled, printed: p.printed, signed: p.signed}
}

// alerting gives the visit's patient something to tell in the questionnaire.
func (l *layout) alerting(v slot, h health) slot {
	v.health = h
	return v
}

// booked sets when the visit was booked.
func (l *layout) booked(v slot, at time.Time) slot {
	v.bookedAt = at.UTC()
	return v
}

// other is the doctor working beside doctor 0 on day's weekday.
func (l *layout) other(day time.Time) int {
	if slices.Contains(workdays[1], isoWeekday(day.In(l.loc))) {
		return 1
	}
	return 2
}

// hours are the branch's first opening interval on day, as instants.
func (l *layout) hours(day time.Time) (open, shut time.Time, ok bool) {
	ivs := l.s.c.Hours[clinic.Weekdays[isoWeekday(day)-1]]
	if len(ivs) == 0 {
		return open, shut, false
	}
	on := func(hhmm string) time.Time {
		h, _ := strconv.Atoi(hhmm[:2])
		m, _ := strconv.Atoi(hhmm[3:])
		return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, l.loc)
	}
	return on(ivs[0].Open), on(ivs[0].Close), true
}

func isoWeekday(t time.Time) int {
	if t.Weekday() == time.Sunday {
		return 7
	}
	return int(t.Weekday())
}

// age is the whole years from a birth date to now.
func age(birth string, now time.Time) int {
	b, err := time.Parse(time.DateOnly, birth)
	if err != nil {
		return 0
	}
	years := now.Year() - b.Year()
	if now.YearDay() < b.YearDay() {
		years--
	}
	return years
}
