package figures

import (
	"math"
	"time"
)

// callFigures are the calls, follow-ups and reviews figures, in the dashboard's order.
// Their definitions follow telephony's, reviews' and monitoring's own figures, read
// here from the stored rows (figures imports none of them).
var callFigures = []Definition{
	{Name: "calls_offered", Group: "calls", Unit: Count, Sum: Add, Subject: "call",
		Text: "Inbound calls that rang the branch's lines and ended, counted on the day they rang; callers who hung up within the branch's short-abandon seconds are left out."},
	{Name: "calls_answered", Group: "calls", Unit: Ratio, Sum: Add, HigherIsBetter: true, Subject: "call",
		Text: "Offered calls someone picked up (a ring group answered by anyone counts once) ÷ offered calls."},
	{Name: "abandon_rate", Group: "calls", Unit: Ratio, Sum: Add, Subject: "call",
		Text: "Offered calls nobody answered (the caller hung up after the short-abandon seconds, or the call was missed, busy, failed or went to voicemail) ÷ offered calls."},
	{Name: "service_level_20s", Group: "calls", Unit: Ratio, Sum: Add, HigherIsBetter: true, Subject: "call",
		Text: "Offered calls answered within 20 s of ringing ÷ offered calls."},
	{Name: "speed_of_answer", Group: "calls", Unit: Seconds, Sum: Add, Subject: "call",
		Text: "Seconds from ring to answer (each call to the whole second) summed over answered calls ÷ answered calls."},
	{Name: "callback_time", Group: "calls", Unit: Minutes, Sum: Median, PerPerson: true, Subject: "callback",
		Text: "Median of the minutes from a missed call to the desk returning it (an answered call back, or the callback task closed by hand), over the callbacks returned for the day's missed calls; a person's part is the callbacks they returned."},
	{Name: "callback_within_target", Group: "calls", Unit: Ratio, Sum: Add, HigherIsBetter: true, Subject: "callback",
		Text: "Callbacks returned (an answered call back, or the task closed by hand) by their due time, the branch's callback target counted in opening hours ÷ callbacks owed for the day's missed calls (one per number; a caller who rang again and got through is owed and not returned)."},
	{Name: "recovered_share", Group: "calls", Unit: Ratio, Sum: Add, HigherIsBetter: true, Subject: "callback",
		Text: "Missed callers reached again (their call back was answered, or they rang again and were answered) ÷ missed callers owed a callback for the day's missed calls (one per number)."},
	{Name: "new_caller_conversion", Group: "calls", Unit: Ratio, Sum: Add, HigherIsBetter: true, Subject: "call",
		Text: "New callers (an offered call from a number on no patient card made before it and heard on no earlier offered call) for whom a visit was booked within 7 days of the call, for a patient with that phone or whose guardian has it ÷ new callers."},

	{Name: "follow_up_first_reach", Group: "follow_ups", Unit: Ratio, Sum: Add, HigherIsBetter: true, Subject: "follow_up",
		Text: "Follow-ups closed that day whose first call reached the patient ÷ follow-ups closed that day (reached, declined, wrong number, survey link sent or unreached; cancelled ones left out)."},
	{Name: "follow_up_reach", Group: "follow_ups", Unit: Ratio, Sum: Add, HigherIsBetter: true, Subject: "follow_up",
		Text: "Follow-ups closed that day that reached the patient on any call ÷ follow-ups closed that day (cancelled ones left out)."},
	{Name: "follow_up_completion", Group: "follow_ups", Unit: Ratio, Sum: Add, HigherIsBetter: true, PerPerson: true, Subject: "follow_up",
		Text: "Follow-up calls due that day that were made (an attempt logged) by the day's end ÷ follow-up calls due that day; a person's part is the calls they made and the calls still owed on tasks assigned to them (the queue's owed calls count in the branch's whole only)."},
	{Name: "nps", Group: "follow_ups", Unit: Score, Sum: Add, HigherIsBetter: true, Subject: "survey",
		Text: "Surveys answered that day, each promoter (9–10) +1, passive (7–8) 0 and detractor (0–6) −1, summed ÷ answers × 100; fewer than 30 answers is a small sample to read with care."},

	{Name: "review_reply_time", Group: "reviews", Unit: Minutes, Sum: Median, Subject: "review",
		Text: "Median of the minutes from a review's writing (the site's time) to its first posted reply (a draft does not count), over the reviews written that day that have one."},
	{Name: "review_replied_share", Group: "reviews", Unit: Ratio, Sum: Add, HigherIsBetter: true, Subject: "review",
		Text: "Reviews written that day (the site's time) that have a posted reply ÷ reviews written that day."},
}

// callCollectors count the calls, follow-ups and reviews figures.
func (s *Service) callCollectors() []Collector {
	return []Collector{
		{Name: "calls", Figures: []string{"calls_offered", "calls_answered", "abandon_rate", "service_level_20s",
			"speed_of_answer"}, Collect: collectCalls},
		{Name: "callbacks", Figures: []string{"callback_time", "callback_within_target", "recovered_share"},
			Collect: collectCallbacks},
		{Name: "new_callers", Figures: []string{"new_caller_conversion"}, Collect: collectNewCallers},
		{Name: "follow_ups", Figures: []string{"follow_up_first_reach", "follow_up_reach"}, Collect: collectFollowUpsClosed},
		{Name: "follow_up_calls", Figures: []string{"follow_up_completion"}, Collect: collectFollowUpCalls},
		{Name: "surveys", Figures: []string{"nps"}, Collect: collectSurveys},
		{Name: "reviews", Figures: []string{"review_reply_time", "review_replied_share"}, Collect: collectReviews},
	}
}

// oneIf is a row's part of a numerator: 1 when it counts, else 0.
func oneIf(counts bool) int64 {
	if counts {
		return 1
	}
	return 0
}

// wholeMinutes is a span in whole minutes (rounded; a reply stamped before its review is 0).
func wholeMinutes(from, to time.Time) int64 {
	return int64(math.Round(max(0, to.Sub(from).Minutes())))
}

// textOf reads an optional text column.
func textOf(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// utcAt is an instant for a fact's At, in UTC.
func utcAt(t time.Time) *time.Time {
	u := t.UTC()
	return &u
}
