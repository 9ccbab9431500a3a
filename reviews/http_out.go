package reviews

import "time"

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func stampPtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := stamp(*t)
	return &s
}

type followUpOut struct {
	ID            string  `json:"id"`
	BranchID      string  `json:"branch_id"`
	PatientID     string  `json:"patient_id"`
	AppointmentID *string `json:"appointment_id"`
	CampaignID    *string `json:"campaign_id"`
	DoctorID      *string `json:"doctor_id"`
	ServiceID     *string `json:"service_id"`
	VisitStart    *string `json:"visit_start"`
	TaskID        string  `json:"task_id"`
	Locale        string  `json:"locale"`
	Status        string  `json:"status"`
	Attempts      int     `json:"attempts"`
	FirstDueAt    string  `json:"first_due_at"`
	DueAt         string  `json:"due_at"`
	CreatedAt     string  `json:"created_at"`
	ClosedAt      *string `json:"closed_at"`
}

func toFollowUpOut(f FollowUp) followUpOut {
	return followUpOut{ID: f.ID, BranchID: f.BranchID, PatientID: f.PatientID, AppointmentID: f.AppointmentID,
		CampaignID: f.CampaignID, DoctorID: f.DoctorID, ServiceID: f.ServiceID, VisitStart: stampPtr(f.VisitStart),
		TaskID: f.TaskID, Locale: f.Locale, Status: f.Status, Attempts: f.Attempts, FirstDueAt: stamp(f.FirstDueAt),
		DueAt: stamp(f.DueAt), CreatedAt: stamp(f.CreatedAt), ClosedAt: stampPtr(f.ClosedAt)}
}

type attemptOut struct {
	Number  int    `json:"number"`
	StaffID string `json:"staff_id"`
	DueAt   string `json:"due_at"`
	At      string `json:"at"`
	Outcome string `json:"outcome"`
	Note    string `json:"note"`
}

func toAttemptOut(a Attempt) attemptOut {
	return attemptOut{Number: a.Number, StaffID: a.StaffID, DueAt: stamp(a.DueAt), At: stamp(a.At),
		Outcome: a.Outcome, Note: a.Note}
}

func toAttemptsOut(list []Attempt) []attemptOut {
	out := make([]attemptOut, 0, len(list))
	for _, a := range list {
		out = append(out, toAttemptOut(a))
	}
	return out
}

// callOut is a line of the call list: the follow-up, whom to call, about what, the
// script, the attempts so far and who holds it.
type callOut struct {
	followUpOut
	PatientName  string       `json:"patient_name"`
	PatientPhone string       `json:"patient_phone"`
	ServiceName  string       `json:"service_name"`
	DoctorName   *string      `json:"doctor_name"`
	CampaignName *string      `json:"campaign_name"`
	AssigneeID   *string      `json:"assignee_id"`
	ClaimedBy    *string      `json:"claimed_by"`
	ClaimedUntil *string      `json:"claimed_until"`
	Script       string       `json:"script"`
	Previous     []attemptOut `json:"previous_attempts"`
}

func toCallOut(c Call) callOut {
	return callOut{followUpOut: toFollowUpOut(c.FollowUp), PatientName: c.PatientName, PatientPhone: c.PatientPhone,
		ServiceName: c.ServiceName, DoctorName: c.DoctorName, CampaignName: c.CampaignName,
		AssigneeID: c.Assignee, ClaimedBy: c.ClaimedBy, ClaimedUntil: stampPtr(c.ClaimedUntil), Script: c.Script,
		Previous: toAttemptsOut(c.Previous)}
}

type ruleOut struct {
	ServiceID string            `json:"service_id"`
	Code      string            `json:"code"`
	Names     map[string]string `json:"names"`
	Days      *int              `json:"days"`
	Default   bool              `json:"default"`
}

func toRuleOut(r Rule) ruleOut {
	return ruleOut(r)
}

type settingsOut struct {
	BranchID     string  `json:"branch_id"`
	CallsOpen    string  `json:"calls_open"`
	CallsClose   string  `json:"calls_close"`
	MaxAttempts  int     `json:"max_attempts"`
	RetryMinutes int     `json:"retry_minutes"`
	Queue        string  `json:"queue"`
	AssigneeID   *string `json:"assignee_id"`
}

func toSettingsOut(s Settings) settingsOut {
	return settingsOut{BranchID: s.BranchID, CallsOpen: s.CallsOpen, CallsClose: s.CallsClose,
		MaxAttempts: s.MaxAttempts, RetryMinutes: s.RetryMinutes, Queue: s.Queue, AssigneeID: s.AssigneeID}
}

type campaignOut struct {
	ID             string  `json:"id"`
	BranchID       string  `json:"branch_id"`
	Name           string  `json:"name"`
	Purpose        string  `json:"purpose"`
	ConsentChannel string  `json:"consent_channel"`
	Source         string  `json:"source"`
	Script         string  `json:"script"`
	CreatedBy      *string `json:"created_by"`
	CreatedAt      string  `json:"created_at"`
	Patients       int     `json:"patients"`
	Skipped        int     `json:"skipped"`
}

func toCampaignOut(c Campaign) campaignOut {
	return campaignOut{ID: c.ID, BranchID: c.BranchID, Name: c.Name, Purpose: c.Purpose,
		ConsentChannel: c.ConsentChannel, Source: c.Source, Script: c.Script, CreatedBy: c.CreatedBy,
		CreatedAt: stamp(c.CreatedAt), Patients: c.Patients, Skipped: c.Skipped}
}

type shareOut struct {
	Numerator   int      `json:"numerator"`
	Denominator int      `json:"denominator"`
	Value       *float64 `json:"value"`
}

func toShareOut(s Share) shareOut {
	return shareOut(s)
}

type completionOut struct {
	Day     string   `json:"day"`
	StaffID *string  `json:"staff_id"`
	Due     int      `json:"due"`
	Done    int      `json:"done"`
	Share   shareOut `json:"completion"`
}

type figuresOut struct {
	BranchID      string          `json:"branch_id"`
	CampaignID    *string         `json:"campaign_id"`
	From          string          `json:"from"`
	To            string          `json:"to"`
	Attempted     int             `json:"attempted"`
	FirstAttempt  shareOut        `json:"reached_first_attempt"`
	SecondAttempt shareOut        `json:"reached_by_second_attempt"`
	Overall       shareOut        `json:"reached_overall"`
	Completion    []completionOut `json:"completion"`
}

func toFiguresOut(f CallFigures) figuresOut {
	out := figuresOut{BranchID: f.BranchID, CampaignID: nullable(f.CampaignID), From: f.From, To: f.To,
		Attempted: f.Reach.Attempted, FirstAttempt: toShareOut(f.Reach.FirstAttempt),
		SecondAttempt: toShareOut(f.Reach.SecondAttempt), Overall: toShareOut(f.Reach.Overall),
		Completion: make([]completionOut, 0, len(f.Completion))}
	for _, c := range f.Completion {
		out.Completion = append(out.Completion, completionOut{Day: c.Day, StaffID: c.StaffID, Due: c.Due,
			Done: c.Done, Share: toShareOut(c.Share)})
	}
	return out
}
