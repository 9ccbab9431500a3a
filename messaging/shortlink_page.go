package messaging

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/patientpage"
)

// linkPage is the page a patient sees when a short link leads nowhere: a patient
// taps it in a text message, so it is a page in their language, never JSON.
var linkPage = patientpage.NewPage("short link", patientpage.MessageStyle, "")

// linkPageLocales are the languages of the page, the patient's best one first.
var linkPageLocales = []string{"en", "pl", "ru", "sv"}

// brokenLinkText is the page of a code that leads nowhere, by language.
var brokenLinkText = map[string]patientpage.Message{
	"en": {Title: "This link does not work",
		Text: "It may have been typed with a mistake or is no longer valid. Open the link in the clinic's latest message, or call the clinic."},
	"pl": {Title: "Ten link nie działa",
		Text: "Mógł zostać źle przepisany albo stracił ważność. Otwórz link z najnowszej wiadomości przychodni lub zadzwoń do przychodni."},
	"ru": {Title: "Эта ссылка не работает",
		Text: "Возможно, в ней ошибка или она больше не действует. Откройте ссылку из последнего сообщения клиники или позвоните в клинику."},
	"sv": {Title: "Länken fungerar inte",
		Text: "Den kan vara felskriven eller inte längre giltig. Öppna länken i klinikens senaste meddelande eller ring kliniken."},
}

// failedLinkText is the page when the link could not be looked up (the cause is logged).
var failedLinkText = map[string]patientpage.Message{
	"en": {Title: "Something went wrong", Text: "Please try the link again in a minute."},
	"pl": {Title: "Coś poszło nie tak", Text: "Spróbuj otworzyć link ponownie za minutę."},
	"ru": {Title: "Что-то пошло не так", Text: "Попробуйте открыть ссылку ещё раз через минуту."},
	"sv": {Title: "Något gick fel", Text: "Försök öppna länken igen om en minut."},
}

// brokenLink is the page answering a short link that failed with err: 404 for a code
// that leads nowhere, 500 for anything else.
func brokenLink(ctx context.Context, acceptLang string, err error) patientpage.Answer {
	lang := patientpage.AcceptLocale(acceptLang, linkPageLocales)
	status, texts := http.StatusNotFound, brokenLinkText
	if !errors.Is(err, ErrLinkNotFound) {
		slog.ErrorContext(ctx, "short link failed", "request_id", actor.RequestFrom(ctx).ID, "error", err.Error())
		status, texts = http.StatusInternalServerError, failedLinkText
	}
	return linkPage.Message(ctx, slog.Default(), lang, linkPageLocales, status,
		func(l string) patientpage.Message { return texts[l] })
}
