package messaging

import (
	"testing"
	"time"
)

// The crash lookup passes over a message Twilio made before the attempt began (less a
// minute for the clocks), and keeps one made after it or with a date it cannot read,
// leaving that one to the dispatcher's check of ids other rows hold.
func TestTwilioMessageMadeBeforeTheAttempt(t *testing.T) {
	since := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	cases := map[string]bool{
		"Sun, 06 Dec 2026 09:58:00 +0000": true,
		"Sun, 06 Dec 2026 09:59:30 +0000": false,
		"Sun, 06 Dec 2026 11:00:00 +0100": false, // 10:00 UTC: the attempt's own second
		"":                                false,
	}
	for made, want := range cases {
		if got := (twilioMessage{DateCreated: made}).before(since.Add(-time.Minute)); got != want {
			t.Errorf("made %q: before = %v, want %v", made, got, want)
		}
	}
}
