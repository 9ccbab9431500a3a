package schedule

import (
	"encoding/json"
	"slices"
	"strconv"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// The availability answers are written by hand: a big clinic's month is thousands of
// slots, and reflection, an RFC 3339 string allocated per instant and escaping every
// id cost more than finding the slots. Ids and dates are ours (UUIDs, YYYY-MM-DD) and
// need no escaping; names and addresses go through encoding/json.

// appendFull writes the full answer: every slot with its end and its doctors' ids.
func appendFull(b []byte, r Result) []byte {
	b = appendHead(b, r)
	b = append(b, `,"days":[`...)
	for i, d := range r.Days {
		b = appendComma(b, i)
		b = append(b, `{"date":"`...)
		b = append(b, d.Date...)
		b = append(b, `","slots":[`...)
		for j, s := range d.Slots {
			b = appendFullSlot(appendComma(b, j), s)
		}
		b = append(b, "]}"...)
	}
	b = append(b, `],"next_available":`...)
	if r.NextAvailable == nil {
		b = append(b, "null"...)
	} else {
		b = appendFullSlot(b, *r.NextAvailable)
	}
	return append(b, '}')
}

// appendFullSlot writes {"start","end","doctors":[ids]}.
func appendFullSlot(b []byte, s Slot) []byte {
	b = append(b, `{"start":"`...)
	b = s.Start.AppendFormat(b, time.RFC3339)
	b = append(b, `","end":"`...)
	b = s.End.AppendFormat(b, time.RFC3339)
	b = append(b, `","doctors":[`...)
	for i, id := range s.Doctors {
		b = append(appendComma(b, i), '"')
		b = append(append(b, id...), '"')
	}
	return append(b, "]}"...)
}

// errDayOutsideRange answers a lean question whose day is not one of its days.
var errDayOutsideRange = &fault.Error{Kind: fault.Unprocessable, Code: "day_outside_range",
	Detail: "day must be one of the days asked for", Fields: []fault.FieldError{{Field: "day", Code: "range",
		Message: "must be one of the days from from"}}}

// appendLean writes the lean answer: each day's number of free times, and the times
// of day (when asked: a date of the range) with doctors by their place in "doctors".
func appendLean(b []byte, r Result, day string) ([]byte, error) {
	at := slices.IndexFunc(r.Days, func(d Day) bool { return d.Date == day })
	if day != "" && at < 0 {
		return nil, errDayOutsideRange
	}
	place := make(map[string]int, len(r.Doctors))
	for i, d := range r.Doctors {
		place[d.ID] = i
	}
	b = appendHead(b, r)
	b = append(b, `,"days":[`...)
	for i, d := range r.Days {
		b = append(appendComma(b, i), `{"date":"`...)
		b = append(b, d.Date...)
		b = append(b, `","free":`...)
		b = append(strconv.AppendInt(b, int64(len(d.Slots)), 10), '}')
	}
	b = append(b, `],"day":`...)
	if at < 0 {
		b = append(b, "null"...)
	} else {
		b = append(b, `{"date":"`...)
		b = append(b, day...)
		b = append(b, `","times":[`...)
		for j, s := range r.Days[at].Slots {
			b = appendLeanTime(appendComma(b, j), s, place)
		}
		b = append(b, "]}"...)
	}
	b = append(b, `,"next_available":`...)
	if r.NextAvailable == nil {
		b = append(b, "null"...)
	} else {
		b = appendLeanTime(b, *r.NextAvailable, place)
	}
	return append(b, '}'), nil
}

// appendLeanTime writes {"start","doctors":[places]}: the end is the start plus the
// service's duration, which the client knows.
func appendLeanTime(b []byte, s Slot, place map[string]int) []byte {
	b = append(b, `{"start":"`...)
	b = s.Start.AppendFormat(b, time.RFC3339)
	b = append(b, `","doctors":[`...)
	for i, id := range s.Doctors {
		b = strconv.AppendInt(appendComma(b, i), int64(place[id]), 10)
	}
	return append(b, "]}"...)
}

// appendHead writes the opening of both shapes: the ids, the zone and the doctors.
func appendHead(b []byte, r Result) []byte {
	b = append(b, `{"branch_id":"`...)
	b = append(b, r.BranchID...)
	b = append(b, `","service_id":"`...)
	b = append(b, r.ServiceID...)
	b = append(b, `","time_zone":`...)
	b = appendString(b, r.TimeZone)
	b = append(b, `,"doctors":[`...)
	for i, d := range r.Doctors {
		b = append(appendComma(b, i), `{"id":"`...)
		b = append(b, d.ID...)
		b = append(b, `","display_name":`...)
		b = appendString(b, d.DisplayName)
		b = append(b, `,"photo_url":`...)
		if d.PhotoURL == "" {
			b = append(b, "null"...)
		} else {
			b = appendString(b, d.PhotoURL)
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendString writes s as a JSON string, escaped exactly as encoding/json does.
// Most names need no escaping and are copied as they are; the rest go through
// encoding/json (a call and an allocation each, for a doctor's name twice an answer).
func appendString(b []byte, s string) []byte {
	if plainJSON(s) {
		b = append(b, '"')
		return append(append(b, s...), '"')
	}
	q, _ := json.Marshal(s) // a string always marshals
	return append(b, q...)
}

// plainJSON tells whether encoding/json writes s unchanged between quotes: printable
// ASCII without the quote, the backslash and the HTML characters it escapes.
func plainJSON(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c >= 0x7f, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		}
	}
	return true
}

func appendComma(b []byte, i int) []byte {
	if i > 0 {
		return append(b, ',')
	}
	return b
}
