package messaging

import "testing"

func TestParseReplyReadsEveryPhraseOfTheIssue(t *testing.T) {
	cases := map[string]Intent{
		"1": IntentConfirm, "C": IntentConfirm, "c": IntentConfirm, "YES": IntentConfirm, "yes": IntentConfirm,
		"Y": IntentConfirm, "OK": IntentConfirm, "ok!": IntentConfirm, "TAK": IntentConfirm, "tak": IntentConfirm,
		"T": IntentConfirm, "ДА": IntentConfirm, "да": IntentConfirm, "Д": IntentConfirm, "JA": IntentConfirm,
		"J": IntentConfirm, "Tak, będę": IntentConfirm, "да, приду": IntentConfirm, "Ja tack!": IntentConfirm,
		"👍 yes": IntentConfirm, "  1.": IntentConfirm, "\"Ok\" 🙂": IntentConfirm, "Yes please, see you": IntentConfirm,
		"2": IntentDecline, "NO": IntentDecline, "no": IntentDecline, "N": IntentDecline, "NIE": IntentDecline,
		"Nie": IntentDecline, "НЕТ": IntentDecline, "нет": IntentDecline, "NEJ": IntentDecline, "nej": IntentDecline,
		"nie dam rady": IntentDecline, "нет, не смогу": IntentDecline, "No, sorry": IntentDecline, "2!": IntentDecline,
		"STOP": IntentStop, "stop": IntentStop, "STOPP": IntentStop, "Stopp": IntentStop, "СТОП": IntentStop,
		"стоп": IntentStop, "START": IntentStart, "start": IntentStart, "CONFIRM": IntentConfirm, "DECLINE": IntentDecline,
		"": IntentUnknown, "maybe": IntentUnknown, "Can I come at 5?": IntentUnknown, "12": IntentUnknown,
		"🙂": IntentUnknown, "invalid": IntentUnknown, "Nothing": IntentUnknown, "Tack": IntentUnknown,
	}
	for text, want := range cases {
		if got := ParseReply(text); got != want {
			t.Errorf("ParseReply(%q) = %s, want %s", text, got, want)
		}
	}
}

func FuzzParseReply(f *testing.F) {
	for _, s := range []string{"1", "Tak, będę", "нет, не смогу", "Ja tack!", "\xff\xfe", "🙂🙂", "STOPP"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		switch ParseReply(text) {
		case IntentConfirm, IntentDecline, IntentStop, IntentStart, IntentUnknown:
		default:
			t.Fatalf("ParseReply(%q): unknown intent", text)
		}
	})
}
