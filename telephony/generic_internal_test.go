package telephony

import (
	"net/url"
	"testing"
)

// The dialplan in docs/telephony posts Asterisk's ${DIALSTATUS} as the hangup cause.
func TestAsteriskDialStatusesAreHangupCauses(t *testing.T) {
	cases := map[string]string{"ANSWER": "", "BUSY": BusyLine, "NOANSWER": Missed, "CANCEL": Missed,
		"CONGESTION": Failed, "CHANUNAVAIL": Failed, "normalClearing": "", "voicemail": Voicemail}
	for cause, want := range cases {
		sig, err := parseGeneric(url.Values{"event": {"hangup"}, "callId": {"1733.4"}, "cause": {cause}})
		if err != nil || sig.Step != End || sig.Disposition != want || sig.Seq != 2 {
			t.Errorf("cause %s: %+v %v, want disposition %q", cause, sig, err, want)
		}
	}
}
