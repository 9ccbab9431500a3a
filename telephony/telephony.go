// Package telephony connects the clinic's phone system: each provider's webhooks become
// one row per call, the caller is recognised before the phone is picked up, every missed
// call becomes a callback task that closes itself when the caller is reached, and the
// desk's answer and callback speed is counted per day.
package telephony

import (
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// The phone systems Frontdesk speaks to.
const (
	Generic = "generic"
	Zadarma = "zadarma"
	Mango   = "mango"
	Twilio  = "twilio"
)

// Providers lists every provider, as the database's CHECK does.
var Providers = []string{Generic, Zadarma, Mango, Twilio}

// The directions of a call, seen from the clinic.
const (
	Inbound  = "inbound"
	Outbound = "outbound"
	Internal = "internal"
)

// The ways a call ends.
const (
	Answered     = "answered"
	Missed       = "missed"
	BusyLine     = "busy"
	Failed       = "failed"
	Voicemail    = "voicemail"
	ShortAbandon = "short_abandon"
)

// Step is what a provider event says happened to the call.
type Step string

// The steps every provider's events come down to.
const (
	// Ring: the call reached the clinic (or, outbound, was dialled).
	Ring Step = "ring"
	// Answer: someone picked up; Signal.Extension names who, when the provider says.
	Answer Step = "answer"
	// End: the call is over; Signal.Disposition says how, when the provider says.
	End Step = "end"
	// Note: the provider said something that changes nothing (an internal leg ringing).
	Note Step = "note"
)

// Signal is one provider event, read by its adapter into the words every provider
// shares. Event and Seq (with Provider and CallID) identify it: the same four again are
// the same event retried.
type Signal struct {
	Provider  string `json:"provider"`
	CallID    string `json:"call_id"`
	Event     string `json:"event"`
	Seq       int64  `json:"seq"`
	Step      Step   `json:"step"`
	Direction string `json:"direction,omitempty"`
	From      string `json:"from,omitempty"`
	To        string `json:"to,omitempty"`
	Extension string `json:"extension,omitempty"`
	// Disposition is the provider's word for how the call ended, in ours; "" lets the
	// call's own times decide.
	Disposition string    `json:"disposition,omitempty"`
	Recording   string    `json:"recording,omitempty"`
	At          time.Time `json:"at"`
}

// Line is one phone-system account of a branch: the token in its webhook URLs is the
// credential (stored hashed); APIKey and Secret are what the provider signs with.
type Line struct {
	ID         string     `db:"id"`
	BranchID   string     `db:"branch_id"`
	Provider   string     `db:"provider"`
	Name       string     `db:"name"`
	APIKey     string     `db:"api_key"`
	Secret     string     `db:"secret"`
	AllowedIPs string     `db:"allowed_ips"`
	CreatedAt  time.Time  `db:"created_at"`
	RevokedAt  *time.Time `db:"revoked_at"`
	// Country is the branch's, for reading numbers written without a country code;
	// TimeZone the branch's, for providers that write local times.
	Country  string `db:"country"`
	TimeZone string `db:"time_zone"`
}

// Call is one call, however many legs and events the phone system reported for it;
// it is also the call's shape on the wire.
type Call struct {
	ID             string     `db:"id" json:"id"`
	BranchID       string     `db:"branch_id" json:"branch_id"`
	LineID         string     `db:"line_id" json:"line_id"`
	Provider       string     `db:"provider" json:"provider"`
	ProviderCallID string     `db:"provider_call_id" json:"provider_call_id"`
	Direction      string     `db:"direction" json:"direction"`
	From           string     `db:"from_number" json:"from"`
	To             string     `db:"to_number" json:"to"`
	Extension      string     `db:"extension" json:"extension"`
	AnsweredBy     *string    `db:"answered_by" json:"answered_by"`
	RingAt         time.Time  `db:"ring_at" json:"ring_at"`
	AnswerAt       *time.Time `db:"answer_at" json:"answer_at"`
	EndAt          *time.Time `db:"end_at" json:"end_at"`
	Disposition    *string    `db:"disposition" json:"disposition"`
	Recording      string     `db:"recording" json:"recording"`
}

// Caller is the other party's number of a call: the patient's side.
func (c Call) Caller() string {
	if c.Direction == Outbound {
		return c.To
	}
	return c.From
}

// Settings are a branch's telephony thresholds.
type Settings struct {
	// ShortAbandon: an unanswered inbound call shorter than this is a caller who hung
	// up at once (a wrong number, a pocket dial), not a missed call.
	ShortAbandon time.Duration
	// CallbackTarget: how soon a missed call must be returned in opening hours.
	CallbackTarget time.Duration
}

// DefaultSettings apply to a branch that has not set its own.
var DefaultSettings = Settings{ShortAbandon: 5 * time.Second, CallbackTarget: 15 * time.Minute}

// Errors of telephony.
var (
	ErrUnknownLine  = fault.New(fault.NotFound, "line_not_found", "no active phone line has this token")
	ErrBadSignature = fault.New(fault.Forbidden, "bad_signature", "the request's signature does not match the line's secret")
	ErrIPRefused    = fault.New(fault.Forbidden, "ip_not_allowed", "this line accepts events only from its allowed addresses")
	ErrWrongLine    = fault.New(fault.Invalid, "wrong_provider", "this line is configured for another phone system")
	ErrLineNotFound = fault.New(fault.NotFound, "line_not_found", "no phone line has this id")
)
