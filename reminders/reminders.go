// Package reminders plans the messages that remind patients of their visits: per
// branch rules (days or hours before, at a local time, never inside quiet hours), a
// style that asks for a reply, and plans written in the very transaction that books,
// moves, cancels or confirms the visit, so a reminder can never outlive its visit.
package reminders

import "time"

// The reply styles a branch may choose.
const (
	// StyleConfirmFirst asks in the first reminder for 1 (coming) or 2 (not coming);
	// after a confirmation later reminders only remind.
	StyleConfirmFirst = "confirm_first"
	// StyleReplyIfNotComing asks only those who are not coming to reply 2.
	StyleReplyIfNotComing = "reply_if_not_coming"
)

// The kinds of rule.
const (
	// KindDaysBefore is due Days calendar days before the visit's local date, at At.
	KindDaysBefore = "days_before"
	// KindHoursBefore is due Hours hours before the visit starts.
	KindHoursBefore = "hours_before"
)

// Rule is one reminder a visit gets. Name is stable: it is part of the outbox key.
type Rule struct {
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	Days  int    `json:"days,omitempty"`
	Hours int    `json:"hours,omitempty"`
	// At is the local time ("12:00") of a days_before rule.
	At string `json:"at,omitempty"`
	// EarlyBefore and EarlyAt move the reminder of visits starting before EarlyBefore
	// to the evening before, at EarlyAt (an 08:00 reminder is no use for an 08:30 visit).
	EarlyBefore string `json:"early_before,omitempty"`
	EarlyAt     string `json:"early_at,omitempty"`
}

// Settings are a branch's reminder rules.
type Settings struct {
	Style string `json:"style"`
	// QuietFrom and QuietTo bound the local hours no reminder is sent in; a reminder due
	// inside them waits for QuietTo.
	QuietFrom string `json:"quiet_from"`
	QuietTo   string `json:"quiet_to"`
	Rules     []Rule `json:"rules"`
}

// DefaultSettings are a branch's rules until its owner changes them: 3 days before at
// 12:00, 24 hours before, and the morning of the visit at 08:00 (the evening before at
// 19:00 for visits before 10:00), never between 21:00 and 08:00.
func DefaultSettings() Settings {
	return Settings{Style: StyleConfirmFirst, QuietFrom: "21:00", QuietTo: "08:00", Rules: []Rule{
		{Name: "3d", Kind: KindDaysBefore, Days: 3, At: "12:00"},
		{Name: "24h", Kind: KindHoursBefore, Hours: 24},
		{Name: "morning", Kind: KindDaysBefore, Days: 0, At: "08:00", EarlyBefore: "10:00", EarlyAt: "19:00"},
	}}
}

// PlanStatus is where a planned reminder is.
type PlanStatus string

// The statuses of a plan: planned (no outbox row yet), queued (its outbox row
// waits), cancelled (the visit changed) and sent.
const (
	Planned   PlanStatus = "planned"
	Queued    PlanStatus = "queued"
	Cancelled PlanStatus = "cancelled"
	Sent      PlanStatus = "sent"
)

// Plan is one stored reminder of one visit, known by (appointment, rule, version).
type Plan struct {
	ID            string `db:"id"`
	AppointmentID string `db:"appointment_id"`
	BranchID      string `db:"branch_id"`
	Rule          string `db:"rule"`
	Version       int    `db:"version"`
	Template      string `db:"template"`
	// OutboxKey is the stored Key of the plan's outbox row.
	OutboxKey string     `db:"outbox_key"`
	DueAt     time.Time  `db:"due_at"`
	Status    PlanStatus `db:"status"`
	CreatedAt time.Time  `db:"created_at"`
	UpdatedAt time.Time  `db:"updated_at"`
}

// Key is the plan's outbox key: reminder:<appointment>:<rule>:<version>.
func (p Plan) Key() string {
	return KeyPrefix(p.AppointmentID) + p.Rule + ":" + itoa(p.Version)
}

// KeyPrefix starts the outbox key of every reminder of one visit.
func KeyPrefix(appointmentID string) string { return "reminder:" + appointmentID + ":" }
