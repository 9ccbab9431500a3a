package telephony

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"net/url"
	"strconv"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Mango Office's VPBX API posts forms to {base}/events/{kind} with vpbx_api_key, sign
// and json, where sign = hex(SHA-256(vpbx_api_key + json + salt)) and the salt is the
// line's Secret. events/call reports each leg's state (entry_id is the call, call_id
// the leg, seq orders the call's events); events/summary closes the call.

// mangoVerify refuses an event not signed with the line's key and salt.
func mangoVerify(form url.Values, l Line) error {
	key, body := form.Get("vpbx_api_key"), form.Get("json")
	sum := sha256.Sum256([]byte(key + body + l.Secret))
	want := hex.EncodeToString(sum[:])
	keyOK := subtle.ConstantTimeCompare([]byte(key), []byte(l.APIKey)) == 1
	signOK := subtle.ConstantTimeCompare([]byte(form.Get("sign")), []byte(want)) == 1
	if !keyOK || !signOK {
		return ErrBadSignature
	}
	return nil
}

// mangoInt reads a number Mango sends either bare or quoted.
type mangoInt int64

// UnmarshalJSON takes 42, "42", "" and null (the last two as 0).
func (n *mangoInt) UnmarshalJSON(b []byte) error {
	b = bytes.Trim(b, `"`)
	if len(b) == 0 || string(b) == "null" {
		*n = 0
		return nil
	}
	v, err := strconv.ParseInt(string(b), 10, 64)
	*n = mangoInt(v)
	return err
}

// at reads a unix time; 0 (not said) is zero, which Accept reads as now.
func (n mangoInt) at() time.Time {
	if n <= 0 {
		return time.Time{}
	}
	return time.Unix(int64(n), 0).UTC()
}

// mangoParty is one side of a call: an outside number, an extension, or both.
type mangoParty struct {
	Number     string `json:"number"`
	Extension  string `json:"extension"`
	LineNumber string `json:"line_number"`
}

// mangoCall is events/call's json.
type mangoCall struct {
	EntryID   string     `json:"entry_id"`
	CallID    string     `json:"call_id"`
	Timestamp mangoInt   `json:"timestamp"`
	Seq       mangoInt   `json:"seq"`
	CallState string     `json:"call_state"`
	Location  string     `json:"location"`
	From      mangoParty `json:"from"`
	To        mangoParty `json:"to"`
}

// mangoSummary is events/summary's json.
type mangoSummary struct {
	EntryID       string     `json:"entry_id"`
	CallDirection mangoInt   `json:"call_direction"`
	From          mangoParty `json:"from"`
	To            mangoParty `json:"to"`
	LineNumber    string     `json:"line_number"`
	CreateTime    mangoInt   `json:"create_time"`
	TalkTime      mangoInt   `json:"talk_time"`
	EndTime       mangoInt   `json:"end_time"`
	EntryResult   mangoInt   `json:"entry_result"`
}

// mangoJSON reads the json field into v, naming it when it does not parse.
func mangoJSON(raw string, v any) error {
	if err := json.Unmarshal([]byte(raw), v); err != nil {
		return fault.Field("json", "malformed", "must be the JSON object Mango Office sends")
	}
	return nil
}

// mangoStates are the steps of events/call's call_state; Connected becomes an answer
// only when an extension is on the line (an IVR picking up is not the desk).
var mangoStates = map[string]Step{"Appeared": Ring, "Connected": Answer, "OnHold": Note, "Disconnected": Note}

// parseMangoCall reads events/call. Each leg's state is its own event (a call rings
// several extensions), and seq tells a retry from the next event.
func parseMangoCall(raw string) (Signal, error) {
	var m mangoCall
	if err := mangoJSON(raw, &m); err != nil {
		return Signal{}, err
	}
	if m.EntryID == "" {
		return Signal{}, fault.Field("json.entry_id", "required", "is required")
	}
	step, ok := mangoStates[m.CallState]
	if !ok {
		return Signal{}, fault.Field("json.call_state", "oneof", "must be one of: Appeared Connected OnHold Disconnected")
	}
	sig := Signal{CallID: m.EntryID, Event: "call:" + m.CallState + ":" + m.CallID, Seq: int64(m.Seq), Step: step,
		From: firstOf(m.From.Extension, m.From.Number), To: firstOf(m.To.Number, m.To.LineNumber, m.To.Extension),
		At: m.Timestamp.at()}
	switch step {
	case Ring:
		sig.Direction = mangoLegDirection(m)
	case Answer:
		mangoAnswer(&sig, m)
	}
	return sig, checkSignal(sig)
}

// mangoLegDirection guesses the direction from who is on a leg; the summary's
// call_direction, which comes last, has the final word.
func mangoLegDirection(m mangoCall) string {
	switch {
	case m.From.Extension == "":
		return Inbound
	case m.To.Extension == "":
		return Outbound
	}
	return Internal
}

// mangoAnswer reads who picked up: the rung extension inbound, the dialling one
// outbound; with no extension on either side the call is still in the IVR or queue.
func mangoAnswer(sig *Signal, m mangoCall) {
	sig.Extension = firstOf(m.To.Extension, m.From.Extension)
	if sig.Extension == "" {
		sig.Step = Note
	}
}

// mangoDirections maps the summary's call_direction.
var mangoDirections = map[mangoInt]string{0: Internal, 1: Inbound, 2: Outbound}

// parseMangoSummary reads events/summary into the call's ring, answer (when talked)
// and end, so a line that sends only summaries still logs whole calls. Their Seq keeps
// them in that order: the three are stored in one instant.
func parseMangoSummary(raw string) ([]Signal, error) {
	var m mangoSummary
	if err := mangoJSON(raw, &m); err != nil {
		return nil, err
	}
	if m.EntryID == "" {
		return nil, fault.Field("json.entry_id", "required", "is required")
	}
	dir, ok := mangoDirections[m.CallDirection]
	if !ok {
		return nil, fault.Field("json.call_direction", "oneof", "must be one of: 0 1 2")
	}
	base := mangoSummaryBase(m, dir)
	ring, answer, end := base, base, base
	ring.Event, ring.Step, ring.At = "summary:ring", Ring, m.CreateTime.at()
	answer.Event, answer.Step, answer.Seq, answer.At = "summary:answer", Answer, 1, m.TalkTime.at()
	end.Event, end.Step, end.Seq, end.At = "summary", End, 2, m.EndTime.at()
	if m.EntryResult == 1 {
		end.Disposition = Answered
	}
	sigs := []Signal{ring, end}
	if m.TalkTime > 0 {
		sigs = []Signal{ring, answer, end}
	}
	return sigs, checkSignal(base)
}

// mangoSummaryBase is what the summary's signals share: the call, its sides and the
// extension that talked (the rung one inbound, the dialling one outbound).
func mangoSummaryBase(m mangoSummary, dir string) Signal {
	sig := Signal{CallID: m.EntryID, Direction: dir, From: firstOf(m.From.Extension, m.From.Number),
		To: firstOf(m.To.Number, m.To.Extension), Extension: m.To.Extension}
	if dir == Inbound {
		sig.To = firstOf(m.LineNumber, sig.To)
	}
	if dir == Outbound {
		sig.Extension = m.From.Extension
	}
	return sig
}

// checkSignal refuses values longer than a phone system ever sends; the json field
// itself may be long, its parts may not.
func checkSignal(sig Signal) error {
	for field, v := range map[string]string{"json.entry_id": sig.CallID, "json.call_id": sig.Event,
		"json.from": sig.From, "json.to": sig.To, "json.extension": sig.Extension} {
		if len(v) > 200 {
			return fault.Field(field, "max", "is too long")
		}
	}
	return nil
}
