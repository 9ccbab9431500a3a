package reviews

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// The purposes of a campaign: service calls need no consent; marketing ones (birthday
// greetings, hygiene offers) only reach patients who gave it for the named channel.
const (
	PurposeService   = "service"
	PurposeMarketing = "marketing"
)

// The sources of a campaign's patients.
const (
	SourceIDs     = "ids"
	SourceFilter  = "filter"
	SourceRecall  = "recall"
	SourceNoShows = "no_shows"
)

// MaxAudience bounds one campaign: a list the desk can work through, written at once.
const MaxAudience = 5000

// Campaign is an outbound list of calls with one script.
type Campaign struct {
	ID             string    `db:"id"`
	BranchID       string    `db:"branch_id"`
	Name           string    `db:"name"`
	Purpose        string    `db:"purpose"`
	ConsentChannel string    `db:"consent_channel"`
	Source         string    `db:"source"`
	Script         string    `db:"script"`
	CreatedBy      *string   `db:"created_by"`
	CreatedAt      time.Time `db:"created_at"`
	// Patients got a call; Skipped were left out (no phone, opted out, no consent).
	Patients int `db:"patients"`
	Skipped  int `db:"skipped"`
}

// Audience names a campaign's patients by exactly one source.
type Audience struct {
	PatientIDs []string
	// Query is the directory's filter: a name prefix or phone fragment; "" with
	// UseFilter is every patient of the branch.
	Query     string
	UseFilter bool
	// RecallDueBefore lists the patients due for recall before a local date.
	RecallDueBefore string
	// NoShowsFrom and NoShowsTo (local dates, inclusive) list a period's no-shows.
	NoShowsFrom, NoShowsTo string
}

// CampaignIn is a campaign to start.
type CampaignIn struct {
	BranchID       string
	Name           string
	Purpose        string
	ConsentChannel string
	Script         string
	Audience       Audience
	// StartOn is the local date its calls become due ("" today).
	StartOn string
}

func (in CampaignIn) check() error {
	var bad []fault.FieldError
	add := func(f, c, m string) { bad = append(bad, fault.FieldError{Field: f, Code: c, Message: m}) }
	if n := len([]rune(strings.TrimSpace(in.Name))); n == 0 || n > 120 {
		add("name", "required", "must be 1 to 120 characters")
	}
	switch {
	case in.Purpose != PurposeService && in.Purpose != PurposeMarketing:
		add("purpose", "oneof", "must be one of: service marketing")
	case in.Purpose == PurposeMarketing && !slices.Contains(clinic.Channels, in.ConsentChannel):
		add("consent_channel", "oneof", "a marketing campaign must name the channel consent is checked for: sms whatsapp email")
	case in.Purpose == PurposeService && in.ConsentChannel != "" && !slices.Contains(clinic.Channels, in.ConsentChannel):
		add("consent_channel", "oneof", "must be one of: sms whatsapp email")
	}
	if len([]rune(in.Script)) > MaxNote {
		add("script", "max", "must be at most 2000 characters")
	}
	if in.StartOn != "" {
		if _, err := time.Parse(time.DateOnly, in.StartOn); err != nil {
			add("start_on", "date", "must be a date YYYY-MM-DD")
		}
	}
	bad = append(bad, in.Audience.check()...)
	if len(bad) > 0 {
		return fault.Fields(bad...)
	}
	return nil
}

// source names the one source given; "" when none or several are.
func (a Audience) source() string {
	var got []string
	if a.PatientIDs != nil {
		got = append(got, SourceIDs)
	}
	if a.UseFilter {
		got = append(got, SourceFilter)
	}
	if a.RecallDueBefore != "" {
		got = append(got, SourceRecall)
	}
	if a.NoShowsFrom != "" || a.NoShowsTo != "" {
		got = append(got, SourceNoShows)
	}
	if len(got) != 1 {
		return ""
	}
	return got[0]
}

func (a Audience) check() []fault.FieldError {
	bad := func(f, c, m string) []fault.FieldError { return []fault.FieldError{{Field: f, Code: c, Message: m}} }
	switch a.source() {
	case "":
		return bad("audience", "one_source", "must name exactly one of: patient_ids, filter, recall_due_before, no_shows")
	case SourceIDs:
		if len(a.PatientIDs) == 0 || len(a.PatientIDs) > MaxAudience {
			return bad("audience.patient_ids", "size", "must list 1 to 5000 patients")
		}
		for i, id := range a.PatientIDs {
			if uuid.Validate(id) != nil {
				return bad("audience.patient_ids["+itoa(i)+"]", "uuid", "must be a UUID")
			}
		}
	case SourceRecall:
		if _, err := time.Parse(time.DateOnly, a.RecallDueBefore); err != nil {
			return bad("audience.recall_due_before", "date", "must be a date YYYY-MM-DD")
		}
	case SourceNoShows:
		return checkPeriod(a.NoShowsFrom, a.NoShowsTo)
	}
	return nil
}

func checkPeriod(from, to string) []fault.FieldError {
	f, errF := time.Parse(time.DateOnly, from)
	t, errT := time.Parse(time.DateOnly, to)
	switch {
	case errF != nil:
		return []fault.FieldError{{Field: "audience.no_shows.from", Code: "date", Message: "must be a date YYYY-MM-DD"}}
	case errT != nil:
		return []fault.FieldError{{Field: "audience.no_shows.to", Code: "date", Message: "must be a date YYYY-MM-DD"}}
	case t.Before(f) || t.Sub(f) > 92*24*time.Hour:
		return []fault.FieldError{{Field: "audience.no_shows.to", Code: "range", Message: "must be on or after from, within 92 days"}}
	}
	return nil
}

// ErrCampaignNotFound answers a campaign the caller may not see or that does not exist.
var ErrCampaignNotFound = fault.New(fault.NotFound, "campaign_not_found", "no campaign you may see has this id")

// StartCampaign writes a campaign and one follow-up call per eligible patient of its
// audience, all in one transaction: the list exists whole or not at all.
func (s *Service) StartCampaign(ctx context.Context, in CampaignIn) (Campaign, error) {
	if err := in.check(); err != nil {
		return Campaign{}, err
	}
	c, err := s.calling(ctx, in.BranchID)
	if err != nil {
		return Campaign{}, err
	}
	ids, err := s.audience(ctx, c, in.Audience)
	if err != nil {
		return Campaign{}, err
	}
	camp := Campaign{ID: uuid.NewString(), BranchID: in.BranchID, Name: strings.TrimSpace(in.Name), Purpose: in.Purpose,
		ConsentChannel: in.ConsentChannel, Source: in.Audience.source(), Script: strings.TrimSpace(in.Script),
		CreatedBy: nullable(actor.From(ctx).StaffID), CreatedAt: s.clock()}
	due := c.next(s.campaignStart(c, in.StartOn))
	err = s.deps.DB.InTx(ctx, func(tx db.Tx) error {
		if err := s.store.insertCampaign(ctx, tx, camp); err != nil {
			return err
		}
		if err := s.enrol(ctx, tx, c, &camp, ids, due); err != nil {
			return err
		}
		return s.store.countCampaign(ctx, tx, camp)
	})
	return camp, err
}

func (s *Service) campaignStart(c calling, startOn string) time.Time {
	now := s.clock()
	day, err := time.ParseInLocation(time.DateOnly, startOn, zone(c.branch.TimeZone))
	if err != nil || day.Before(now) {
		return now
	}
	return day
}

// enrol opens a call for each eligible patient, counting those left out.
func (s *Service) enrol(ctx context.Context, tx db.Tx, c calling, camp *Campaign, ids []string, due time.Time) error {
	lines := callLines{branch: c.branch, campaign: camp.Name}
	for _, id := range ids {
		ok, err := s.eligible(ctx, tx, *camp, id)
		if err != nil {
			return err
		}
		if !ok {
			camp.Skipped++
			continue
		}
		f := FollowUp{ID: uuid.NewString(), BranchID: camp.BranchID, PatientID: id, CampaignID: &camp.ID,
			FirstDueAt: due, DueAt: due}
		if err := s.open(ctx, tx, c, f, lines); err != nil {
			return err
		}
		camp.Patients++
	}
	return nil
}

// eligible is a live card with a phone, not opted out of calls, and for marketing with
// consent on the campaign's channel.
func (s *Service) eligible(ctx context.Context, tx db.Tx, camp Campaign, patientID string) (bool, error) {
	p, err := s.deps.Dir.PatientTx(ctx, tx, patientID)
	if err != nil {
		if fe, ok := fault.As(err); ok && fe.Kind == fault.NotFound {
			return false, nil
		}
		return false, err
	}
	if p.Phone == "" || camp.Purpose == PurposeMarketing && !p.Consents[camp.ConsentChannel].Marketing {
		return false, nil
	}
	out, err := s.deps.OptOuts.OptedOut(ctx, tx, p.ID, "call")
	return !out, err
}

// audience lists the patients of the campaign's one source, each once.
func (s *Service) audience(ctx context.Context, c calling, a Audience) ([]string, error) {
	var ids []string
	var err error
	switch a.source() {
	case SourceIDs:
		ids = a.PatientIDs
	case SourceFilter:
		ids, err = s.filtered(ctx, c.branch.ID, a.Query)
	case SourceRecall, SourceNoShows:
		ids, err = s.fromParts(ctx, c, a)
	}
	if err != nil {
		return nil, err
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) > MaxAudience {
		return nil, fault.Field("audience", "size", "names more than 5000 patients; narrow it")
	}
	return ids, nil
}

// filtered walks the directory's list or search for the branch.
func (s *Service) filtered(ctx context.Context, branchID, query string) ([]string, error) {
	f := clinic.PatientFilter{BranchID: branchID, Q: query, Limit: 200}
	var ids []string
	for len(ids) <= MaxAudience {
		page, err := s.deps.Dir.Patients(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, p := range page.Items {
			ids = append(ids, p.ID)
		}
		if page.Next == "" {
			break
		}
		f.Cursor = page.Next
	}
	return ids, nil
}

// ErrNoAudience answers a source this installation cannot list.
var ErrNoAudience = fault.Field("audience", "unavailable", "this list is not available here")

func (s *Service) fromParts(ctx context.Context, c calling, a Audience) ([]string, error) {
	loc := zone(c.branch.TimeZone)
	if a.RecallDueBefore != "" {
		if s.deps.Recalls == nil {
			return nil, ErrNoAudience
		}
		before, _ := time.ParseInLocation(time.DateOnly, a.RecallDueBefore, loc)
		return s.deps.Recalls.RecallDue(ctx, c.branch.ID, before)
	}
	if s.deps.NoShows == nil {
		return nil, ErrNoAudience
	}
	from, _ := time.ParseInLocation(time.DateOnly, a.NoShowsFrom, loc)
	to, _ := time.ParseInLocation(time.DateOnly, a.NoShowsTo, loc)
	return s.deps.NoShows.NoShows(ctx, c.branch.ID, from, to.AddDate(0, 0, 1))
}

// Campaigns lists a branch's campaigns, newest first.
func (s *Service) Campaigns(ctx context.Context, branchID string) ([]Campaign, error) {
	return s.store.campaigns(ctx, branchID)
}

// CampaignByID returns a campaign the caller may see.
func (s *Service) CampaignByID(ctx context.Context, id string) (Campaign, error) {
	c, err := s.store.campaign(ctx, id)
	if errors.Is(err, db.ErrNotFound) || err == nil && !actor.From(ctx).CanSeeBranch(c.BranchID) {
		return Campaign{}, ErrCampaignNotFound
	}
	return c, err
}
