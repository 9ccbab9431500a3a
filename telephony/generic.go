package telephony

import (
	"net/url"
	"slices"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// The generic adapter reads the shape Zammad's CTI API made common for "bring your
// own PBX": event newCall | answer | hangup, from, to, direction in | out, callId,
// user[] (who is rung), answeringNumber, cause (on hangup). It carries no time or
// sequence; each event happens once per call, so (callId, event) is its identity.

var genericSteps = map[string]Step{"newCall": Ring, "answer": Answer, "hangup": End}

// genericOrder is the sequence of each event within its call: the shape carries no
// times, so events posted in one instant are still applied ring, answer, hangup.
var genericOrder = map[Step]int64{Ring: 0, Answer: 1, End: 2}

// genericCauses maps a hangup cause to how the call ended; an unknown or
// normalClearing cause lets the call's times decide (answered or missed).
var genericCauses = map[string]string{
	"busy": BusyLine, "congestion": Failed, "notFound": Failed, "failed": Failed,
	"noAnswer": Missed, "cancel": Missed, "voicemail": Voicemail,
	// Asterisk's ${DIALSTATUS}, as the dialplan in the README posts it
	"BUSY": BusyLine, "NOANSWER": Missed, "CANCEL": Missed, "CONGESTION": Failed, "CHANUNAVAIL": Failed,
}

// parseGeneric reads one generic event.
func parseGeneric(form url.Values) (Signal, error) {
	if err := required(form, "event", "callId"); err != nil {
		return Signal{}, err
	}
	if err := tooLong(form, 200); err != nil {
		return Signal{}, err
	}
	step, ok := genericSteps[form.Get("event")]
	if !ok {
		return Signal{}, fault.Field("event", "oneof", "must be one of: newCall answer hangup")
	}
	dir, err := genericDirection(form.Get("direction"))
	if err != nil {
		return Signal{}, err
	}
	sig := Signal{CallID: form.Get("callId"), Event: form.Get("event"), Seq: genericOrder[step], Step: step, Direction: dir,
		From: form.Get("from"), To: form.Get("to")}
	switch step {
	case Answer:
		sig.Extension = firstOf(form.Get("answeringNumber"), form.Get("user[]"), form.Get("user"))
	case End:
		sig.Disposition = genericCauses[form.Get("cause")]
	}
	return sig, nil
}

func genericDirection(d string) (string, error) {
	switch {
	case d == "":
		return "", nil
	case slices.Contains([]string{"in", Inbound}, d):
		return Inbound, nil
	case slices.Contains([]string{"out", Outbound}, d):
		return Outbound, nil
	}
	return "", fault.Field("direction", "oneof", "must be one of: in out")
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
