package telephony

import (
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// The Twilio adapter reads Twilio Voice's two webhooks: the status callback (CallSid,
// ParentCallSid, CallStatus, Direction, From, To, Timestamp, SequenceNumber,
// RecordingUrl) and the <Dial> verb's action (DialCallStatus, DialCallSid,
// DialCallDuration with the parent's CallSid). A <Dial> child leg belongs to its
// parent: one call, however many numbers it rang.

// twilioStatus is what each CallStatus says happened, with how the call ended.
var twilioStatus = map[string]struct {
	step        Step
	disposition string
}{
	"queued": {Note, ""}, "initiated": {Ring, ""}, "ringing": {Ring, ""}, "in-progress": {Answer, ""},
	// completed lets the call's times decide: answered when a person picked up (a
	// <Dial> leg in-progress, the dial action), else missed
	"completed": {End, ""}, "busy": {End, BusyLine}, "no-answer": {End, Missed},
	"canceled": {End, Missed}, "failed": {End, Failed},
}

// twilioDialEnds maps a DialCallStatus nobody answered to how the call ended.
var twilioDialEnds = map[string]string{"busy": BusyLine, "no-answer": Missed, "canceled": Missed, "failed": Failed}

// twilioMaxValue bounds a value: Twilio's longest (a recording URL) is far shorter.
const twilioMaxValue = 1000

// parseTwilioStatus reads one status callback into its signal.
func parseTwilioStatus(form url.Values) (Signal, error) {
	if err := twilioCommon(form, "CallStatus"); err != nil {
		return Signal{}, err
	}
	st, ok := twilioStatus[form.Get("CallStatus")]
	if !ok {
		return Signal{}, fault.Field("CallStatus", "oneof",
			"must be one of: queued initiated ringing in-progress completed busy no-answer canceled failed")
	}
	sig, err := twilioSignal(form)
	if err != nil {
		return Signal{}, err
	}
	sig.Event, sig.Step, sig.Disposition = "status:"+form.Get("CallStatus"), st.step, st.disposition
	switch {
	case form.Get("ParentCallSid") != "":
		twilioChildLeg(&sig, form)
	case sig.Direction == Inbound && sig.Step == Answer:
		// An inbound call is in-progress as soon as Twilio picks it up to run our
		// TwiML, before any phone at the desk rings: only a <Dial> leg answering, or
		// the dial action, says a person picked up.
		sig.Step = Note
	}
	return sig, nil
}

// twilioChildLeg reads a <Dial> leg's status as what it means for the parent call:
// the leg answering is someone at the clinic picking up (Extension: the number or
// client it rang); its ringing and ending change nothing, as the parent's own status
// and the dial action say how the call went. The leg's sid joins the event because
// every leg numbers its callbacks from zero: the parent's would collide.
func twilioChildLeg(sig *Signal, form url.Values) {
	sig.Event += "@" + form.Get("CallSid")
	sig.Direction, sig.From, sig.To, sig.Disposition = "", "", "", ""
	if sig.Step != Answer {
		sig.Step = Note
		return
	}
	sig.Extension = twilioParty(form.Get("To"))
}

// twilioParty strips a dialled party to what phone_extensions holds: "client:anna"
// is anna, "sip:101@clinic.sip.twilio.com" is 101, a number stays a number.
func twilioParty(to string) string {
	to = strings.TrimPrefix(strings.TrimPrefix(to, "client:"), "sip:")
	if at := strings.IndexByte(to, '@'); at >= 0 {
		to = to[:at]
	}
	return to
}

// twilioSignal reads what status callbacks share: the call (the parent's when this
// is a leg), the direction, the numbers, the time, the sequence and the recording.
func twilioSignal(form url.Values) (Signal, error) {
	dir, err := twilioDirection(form.Get("Direction"))
	if err != nil {
		return Signal{}, err
	}
	at, err := twilioTime(form.Get("Timestamp"))
	if err != nil {
		return Signal{}, err
	}
	seq, err := twilioSeq(form.Get("SequenceNumber"))
	if err != nil {
		return Signal{}, err
	}
	return Signal{CallID: firstOf(form.Get("ParentCallSid"), form.Get("CallSid")), Seq: seq, Direction: dir,
		From: form.Get("From"), To: form.Get("To"), Recording: form.Get("RecordingUrl"), At: at}, nil
}

// twilioCommon checks what every Twilio webhook must carry, naming the missing field.
func twilioCommon(form url.Values, status string) error {
	if err := required(form, "CallSid", status); err != nil {
		return err
	}
	return tooLong(form, twilioMaxValue)
}

func twilioDirection(d string) (string, error) {
	switch d {
	case "":
		return "", nil
	case "inbound":
		return Inbound, nil
	case "outbound-api", "outbound-dial":
		return Outbound, nil
	}
	return "", fault.Field("Direction", "oneof", "must be one of: inbound outbound-api outbound-dial")
}

// twilioTime reads Timestamp (RFC 1123, "Mon, 16 Aug 2010 03:45:01 +0000"); absent,
// the zero time lets Accept use the time it arrived.
func twilioTime(ts string) (time.Time, error) {
	if ts == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{time.RFC1123Z, time.RFC1123} {
		if t, err := time.Parse(layout, ts); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fault.Field("Timestamp", "format", "must be an RFC 1123 time")
}

// twilioSeq reads SequenceNumber: the order of one leg's callbacks, from 0.
func twilioSeq(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return 0, fault.Field("SequenceNumber", "integer", "must be a whole number from 0")
	}
	return n, nil
}

// parseTwilioDial reads the <Dial> action, posted when the dialled leg is over: an
// answered leg is the call answered (DialCallDuration seconds before now) and ended;
// any other status ends the call the way the status says. now is the arrival time:
// the action carries no Timestamp.
func parseTwilioDial(form url.Values, now time.Time) ([]Signal, error) {
	if err := twilioCommon(form, "DialCallStatus"); err != nil {
		return nil, err
	}
	status := form.Get("DialCallStatus")
	base := Signal{CallID: form.Get("CallSid"), Event: "dial:" + status, Step: End, At: now,
		Recording: form.Get("RecordingUrl")}
	if d, ok := twilioDialEnds[status]; ok {
		base.Disposition = d
		return []Signal{base}, nil
	}
	if status != "completed" && status != "answered" {
		return nil, fault.Field("DialCallStatus", "oneof", "must be one of: completed answered busy no-answer canceled failed")
	}
	talked, err := twilioDuration(form.Get("DialCallDuration"))
	if err != nil {
		return nil, err
	}
	answer := Signal{CallID: base.CallID, Event: "dial:answer", Step: Answer, At: now.Add(-talked)}
	base.Seq, base.Disposition = 1, Answered
	return []Signal{answer, base}, nil
}

func twilioDuration(s string) (time.Duration, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		return 0, fault.Field("DialCallDuration", "integer", "must be a whole number of seconds")
	}
	return time.Duration(n) * time.Second, nil
}
