package telephony

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// Zadarma posts its PBX notifications as forms: event, pbx_call_id (the call, kept
// across IVR and transfers), call_start ("YYYY-MM-DD HH:MM:SS" in the account's zone)
// and per event the fields below. Each is signed in the Signature header with
// base64(hex(HMAC-SHA1(data, API secret))) — PHP's base64_encode(hash_hmac('sha1',
// $data, $secret)) — where data joins the fields each event's getSignatureString()
// names in Zadarma's own library (github.com/zadarma/user-api-v1,
// lib/Webhook/Notify*.php). pbx_call_id is not signed: that is Zadarma's design; a
// line's allowed_ips narrows who can post.
var zadarmaSigned = map[string][]string{
	"NOTIFY_START":     {"caller_id", "called_did", "call_start"},
	"NOTIFY_INTERNAL":  {"caller_id", "called_did", "call_start"},
	"NOTIFY_ANSWER":    {"caller_id", "destination", "call_start"},
	"NOTIFY_END":       {"caller_id", "called_did", "call_start"},
	"NOTIFY_OUT_START": {"internal", "destination", "call_start"},
	"NOTIFY_OUT_END":   {"internal", "destination", "call_start"},
}

// zadarmaEnds maps NOTIFY_END's and NOTIFY_OUT_END's disposition to ours; "cancel" and
// "no answer" are left to the call's times, so a caller who hung up at once is a
// short abandon rather than a missed call. The rest are the line's own failures.
var zadarmaEnds = map[string]string{
	"answered": Answered, "busy": BusyLine, "failed": Failed, "no money": Failed,
	"unallocated number": Failed, "no limit": Failed, "no day limit": Failed,
	"line limit": Failed, "no money, no limit": Failed,
}

// zadarmaKnown says whether Frontdesk reads this event; others (NOTIFY_IVR,
// NOTIFY_RECORD, SMS…) are acknowledged and dropped.
func zadarmaKnown(event string) bool {
	_, ok := zadarmaSigned[event]
	return ok
}

// zadarmaSignature is what Zadarma puts in the Signature header for form.
func zadarmaSignature(form url.Values, secret string) string {
	var data strings.Builder
	for _, f := range zadarmaSigned[form.Get("event")] {
		data.WriteString(form.Get(f))
	}
	mac := hmac.New(sha1.New, []byte(secret))
	mac.Write([]byte(data.String()))
	return base64.StdEncoding.EncodeToString([]byte(hex.EncodeToString(mac.Sum(nil))))
}

// zadarmaVerify refuses a notification whose signature is not the line's.
func zadarmaVerify(form url.Values, header, secret string) error {
	want := zadarmaSignature(form, secret)
	if header == "" || !hmac.Equal([]byte(header), []byte(want)) {
		return ErrBadSignature
	}
	return nil
}

// parseZadarma reads one known notification; zone is the branch's, to read call_start.
func parseZadarma(form url.Values, zone *time.Location) (Signal, error) {
	if err := required(form, "pbx_call_id", "call_start"); err != nil {
		return Signal{}, err
	}
	if err := tooLong(form, 200); err != nil {
		return Signal{}, err
	}
	start, err := time.ParseInLocation(time.DateTime, form.Get("call_start"), zone)
	if err != nil {
		return Signal{}, fault.Field("call_start", "datetime", "must be YYYY-MM-DD HH:MM:SS")
	}
	event := form.Get("event")
	sig := Signal{CallID: form.Get("pbx_call_id"), Event: event}
	if strings.HasPrefix(event, "NOTIFY_OUT_") {
		zadarmaOutbound(&sig, form, start)
	} else {
		zadarmaInbound(&sig, form, start)
	}
	return sig, nil
}

// zadarmaInbound fills an incoming call's step. Only the start carries a time of its
// own (call_start is the call's start in every event); the others happen on arrival.
func zadarmaInbound(sig *Signal, form url.Values, start time.Time) {
	sig.Direction, sig.From, sig.To = Inbound, form.Get("caller_id"), form.Get("called_did")
	switch sig.Event {
	case "NOTIFY_START":
		sig.Step, sig.At = Ring, start
	case "NOTIFY_INTERNAL":
		// rung once per extension: each is its own event, kept apart from the others
		sig.Step, sig.Event, sig.Extension = Note, sig.Event+":"+form.Get("internal"), form.Get("internal")
	case "NOTIFY_ANSWER":
		sig.Step, sig.Extension = Answer, firstOf(form.Get("internal"), form.Get("destination"))
	case "NOTIFY_END":
		sig.Step, sig.Extension = End, form.Get("internal")
		zadarmaEnd(sig, form)
	}
}

// zadarmaOutbound fills a call an extension dialled out.
func zadarmaOutbound(sig *Signal, form url.Values, start time.Time) {
	sig.Direction, sig.From, sig.To = Outbound, form.Get("internal"), form.Get("destination")
	sig.Extension = form.Get("internal")
	if sig.Event == "NOTIFY_OUT_START" {
		sig.Step, sig.At = Ring, start
		return
	}
	sig.Step = End
	zadarmaEnd(sig, form)
}

// zadarmaEnd reads how the call ended and, when it was recorded, the recording's id
// (what Zadarma's API serves the file by).
func zadarmaEnd(sig *Signal, form url.Values) {
	sig.Disposition = zadarmaEnds[form.Get("disposition")]
	if form.Get("is_recorded") == "1" {
		sig.Recording = form.Get("call_id_with_rec")
	}
}
