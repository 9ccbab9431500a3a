package messaging

import (
	"strings"
	"unicode"
)

// Intent is what a patient's reply means.
type Intent string

// The intents a reply can carry.
const (
	IntentConfirm Intent = "confirm"
	IntentDecline Intent = "decline"
	IntentStop    Intent = "stop"
	IntentStart   Intent = "start"
	IntentUnknown Intent = "unknown"
)

// replyWords maps a reply's first word (upper-cased, in four languages) to its intent.
// Our messages print 1/2 (or C): YES and START are Twilio's own keywords. CONFIRM and
// DECLINE are the payloads of our WhatsApp quick-reply buttons.
var replyWords = map[string]Intent{
	"1": IntentConfirm, "C": IntentConfirm, "YES": IntentConfirm, "Y": IntentConfirm, "OK": IntentConfirm,
	"OKAY": IntentConfirm, "TAK": IntentConfirm, "T": IntentConfirm, "ДА": IntentConfirm, "Д": IntentConfirm,
	"JA": IntentConfirm, "J": IntentConfirm, "CONFIRM": IntentConfirm,
	"2": IntentDecline, "NO": IntentDecline, "N": IntentDecline, "NIE": IntentDecline, "НЕТ": IntentDecline,
	"NEJ": IntentDecline, "DECLINE": IntentDecline,
	"STOP": IntentStop, "STOPP": IntentStop, "СТОП": IntentStop, "UNSUBSCRIBE": IntentStop,
	"START": IntentStart, "UNSTOP": IntentStart,
}

// ParseReply reads what a patient meant: the first word decides, whatever its case,
// punctuation or emoji and whatever words follow ("Tak, będę", "нет, не смогу").
// Anything else is IntentUnknown, for a person to read. It never panics.
func ParseReply(text string) Intent {
	word := firstWord(text)
	if intent, ok := replyWords[word]; ok {
		return intent
	}
	return IntentUnknown
}

// firstWord is the first run of letters or digits in text, upper-cased; emoji and
// punctuation around it are skipped.
func firstWord(text string) string {
	if len(text) > 1024 {
		text = text[:1024]
	}
	start := strings.IndexFunc(text, isWordRune)
	if start < 0 {
		return ""
	}
	rest := text[start:]
	if end := strings.IndexFunc(rest, func(r rune) bool { return !isWordRune(r) }); end >= 0 {
		rest = rest[:end]
	}
	return strings.ToUpper(rest)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
