package schedule

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Query asks when a service can be booked at a branch over some local days.
type Query struct {
	BranchID  string
	ServiceID string
	// DoctorID narrows the answer to one doctor; "" is anyone who performs the service.
	DoctorID string
	// From is the branch's local date to begin at, YYYY-MM-DD; "" is today there.
	From string
	// Days is how many local days to answer, 1 to MaxDays.
	Days int
	// Staff drops the minimum notice: the front desk books short-notice visits and
	// walk-ins (the horizon still holds).
	Staff bool
}

// MaxDays bounds one availability answer.
const MaxDays = 31

// Slot is a time the service can start with any of Doctors (ids).
type Slot struct {
	Start   time.Time // in the branch's zone
	End     time.Time // Start plus the service's duration in real minutes
	Doctors []string
}

// Day is one local date of the branch and its slots in start order.
type Day struct {
	Date  string
	Slots []Slot
}

// Result answers a Query.
type Result struct {
	BranchID  string
	ServiceID string
	TimeZone  string
	Days      []Day
	// Doctors are those the answer considered, by name.
	Doctors []DoctorCard
	// NextAvailable is the first slot after the range within the horizon, given only
	// when the range has none.
	NextAvailable *Slot
}

// request is a checked query with what the sweeps need.
type request struct {
	bt      branchTime
	rules   booking.Rules
	doctors []bookableDoctor
	chairs  []string
	// templates are the weekly templates worked at the branch.
	templates []TemplateInterval
	length    int64 // the visit, seconds
	block     int64 // the visit plus the buffer, seconds
	allowed   span  // starts from now plus notice to the horizon
	now       time.Time
	// versions were read first (see versions): the cached reads stand under them.
	versions versions
}

// Availability answers, for each local date of the range, the grid times at which a
// doctor who performs the service works at the branch for the whole visit and is free
// with the buffer, and a chair with the needed capability is free too. Everything is
// loaded in a few queries and then swept in memory.
func (s *Service) Availability(ctx context.Context, q Query) (Result, error) {
	return s.answer(ctx, q, s.slots)
}

// daysOf answers n local days from first, each with its grid times.
type daysOf func(ctx context.Context, req request, first civil, n int) ([]Day, error)

// answer is Availability with the days answered by slots (the tests hold the sweep to
// a reference one through it).
func (s *Service) answer(ctx context.Context, q Query, slots daysOf) (Result, error) {
	if err := checkQuery(&q); err != nil {
		return Result{}, err
	}
	req, err := s.prepare(ctx, q)
	if err != nil {
		return Result{}, err
	}
	first := civilOf(req.now, req.bt.loc)
	if q.From != "" {
		first, _ = parseCivil(q.From)
	}
	res := Result{BranchID: q.BranchID, ServiceID: q.ServiceID, TimeZone: req.bt.loc.String(),
		Doctors: make([]DoctorCard, len(req.doctors))}
	for i, d := range req.doctors {
		res.Doctors[i] = d.DoctorCard
	}
	if res.Days, err = slots(ctx, req, first, q.Days); err != nil {
		return Result{}, err
	}
	if !slices.ContainsFunc(res.Days, func(d Day) bool { return len(d.Slots) > 0 }) {
		res.NextAvailable, err = nextAvailable(ctx, req, first.add(q.Days), slots)
	}
	return res, err
}

// checkQuery names every malformed parameter; ids are checked here (in the
// canonical 36-character form) because PostgreSQL would refuse a malformed UUID with
// an error of its own.
func checkQuery(q *Query) error {
	var p schedProblems
	for _, f := range []struct {
		name string
		v    *string
		opt  bool
	}{{"branch_id", &q.BranchID, false}, {"service_id", &q.ServiceID, false}, {"doctor_id", &q.DoctorID, true}} {
		*f.v = strings.ToLower(*f.v)
		if _, err := uuid.Parse(*f.v); (err != nil || len(*f.v) != 36) && !(f.opt && *f.v == "") {
			p.add(f.name, "uuid", "must be an id (UUID)")
		}
	}
	if _, ok := parseCivil(q.From); q.From != "" && !ok {
		p.add("from", "date", "must be a date YYYY-MM-DD")
	}
	if q.Days < 1 || q.Days > MaxDays {
		p.add("days", "range", "must be from 1 to 31")
	}
	return p.err(fault.Invalid)
}

// prepare reads what the answer needs before it looks at days and checks it.
func (s *Service) prepare(ctx context.Context, q Query) (request, error) {
	req := request{now: s.clock()}
	lo, hi := answerDays(q.From, q.Days, req.now.Unix())
	var err error
	if req.versions, err = s.store.readVersions(ctx, q.BranchID, lo, hi); err != nil {
		return request{}, err
	}
	b, err := s.loadBasics(ctx, q, req.versions.schedule)
	switch {
	case err != nil:
		return request{}, err
	case !b.branch.Active || !b.proc.Active:
		return request{}, booking.ErrInactive
	case b.doctorErr != nil:
		return request{}, b.doctorErr
	}
	if req.bt, err = newBranchTime(b.branch); err != nil {
		return request{}, err
	}
	req.rules, req.doctors, req.templates = b.rules, b.doctors, b.templates
	req.chairs = fittingChairs(b.chairs, b.proc.ChairCapability)
	req.length = int64(b.proc.DurationMinutes) * 60
	req.block = req.length + int64(req.rules.Buffer/time.Second)
	notice := req.rules.MinNotice
	if q.Staff {
		notice = 0
	}
	req.allowed = span{req.now.Add(notice).Add(time.Second - 1).Unix(), req.rules.HorizonEnd(req.now, req.bt.loc).Unix()}
	return req, nil
}

// checkDoctor refuses a doctor asked for by id who is inactive or does not perform
// the service.
func (s *Service) checkDoctor(ctx context.Context, q Query) error {
	if q.DoctorID == "" {
		return nil
	}
	doc, err := s.dir.Doctor(ctx, q.DoctorID)
	switch {
	case err != nil:
		return err
	case !doc.Active:
		return booking.ErrInactive
	case !slices.Contains(doc.ServiceIDs, q.ServiceID):
		return booking.ErrDoctorNotForService
	}
	return nil
}

// fittingChairs are the active chairs with the capability a service needs.
func fittingChairs(chairs []clinic.Chair, capability string) []string {
	var out []string
	for _, c := range chairs {
		if c.Active && (capability == "" || slices.Contains(c.Capabilities, capability)) {
			out = append(out, c.ID)
		}
	}
	return out
}

// nextAvailable looks for the first slot from the local date first up to the
// horizon, a month of days at a time.
func nextAvailable(ctx context.Context, req request, first civil, slots daysOf) (*Slot, error) {
	last := civilOf(time.Unix(req.allowed.to-1, 0), req.bt.loc)
	for cur := first; !last.before(cur); cur = cur.add(MaxDays) {
		days, err := slots(ctx, req, cur, min(MaxDays, cur.daysUntil(last)+1))
		if err != nil {
			return nil, err
		}
		for _, d := range days {
			if len(d.Slots) > 0 {
				return &d.Slots[0], nil
			}
		}
	}
	return nil, nil
}
