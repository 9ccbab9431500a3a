package questionnaire

import (
	"fmt"
	"strings"
)

// pageText is the page's own wording in one language (the questions come from the
// definition).
type pageText struct {
	Intro, SaveDraft, Submit, Saved, Submitted, ErrorsTitle, Yes, No, Choose  string
	NotFoundTitle, NotFoundText, GoneTitle, GoneText, ServerTitle, ServerText string
	ExpiredForm, TooLargeTitle, TooLargeText                                  string
	// problems by Problem.Code; %d takes Problem.Arg.
	problems map[string]string
	// kinds label alert lines by kind.
	kinds map[string]string
}

var pageTexts = map[string]*pageText{
	"en": {TooLargeTitle: "Too much text", TooLargeText: "The answers are too long to save. Please shorten them.", Intro: "Please answer before your visit. You can save and come back later.", SaveDraft: "Save and finish later",
		Submit: "Send", Saved: "Saved. You can come back to this page with the same link.",
		Submitted: "Thank you! Your answers have been sent to the clinic.", ErrorsTitle: "Please check these answers:",
		Yes: "Yes", No: "No", Choose: "Choose…", NotFoundTitle: "Link not found",
		NotFoundText: "This link does not work. Please ask the clinic for a new one.", GoneTitle: "Link expired",
		GoneText: "This questionnaire link has expired. Please ask the clinic for a new one.", ServerTitle: "Something went wrong",
		ServerText: "Please try again in a minute.", ExpiredForm: "The page was open too long. Please send it again.",
		problems: map[string]string{"required": "Please answer this question.", "accept": "Please tick to agree.",
			"too_long": "Please keep it under %d characters.", "too_many": "Too many answers (at most %d).",
			"single": "Please give one answer.", "option": "Please choose one of the options.",
			"boolean": "Please answer yes or no.", "integer": "Please enter a whole number.", "decimal": "Please enter a number.",
			"min": "The number must be at least %d.", "max": "The number must be at most %d.",
			"date": "Please enter a date (YYYY-MM-DD).", "birth_date": "Please enter your real date of birth.",
			"email": "Please enter an e-mail address like name@example.com.", "phone": "Please enter a phone number, e.g. +44 20 7946 0000."},
		kinds: map[string]string{AlertAllergy: "Allergy", AlertMedication: "Medication", AlertCondition: "Condition",
			AlertAnaesthesia: "Reaction to anaesthesia", AlertPregnancy: "Pregnancy"}},
	"ru": {TooLargeTitle: "Слишком много текста", TooLargeText: "Ответы слишком длинные. Пожалуйста, сократите их.", Intro: "Пожалуйста, ответьте до визита. Можно сохранить и вернуться позже.", SaveDraft: "Сохранить и закончить позже",
		Submit: "Отправить", Saved: "Сохранено. Вы можете вернуться на эту страницу по той же ссылке.",
		Submitted: "Спасибо! Ваши ответы отправлены в клинику.", ErrorsTitle: "Пожалуйста, проверьте ответы:",
		Yes: "Да", No: "Нет", Choose: "Выберите…", NotFoundTitle: "Ссылка не найдена",
		NotFoundText: "Эта ссылка не работает. Попросите в клинике новую.", GoneTitle: "Срок действия ссылки истёк",
		GoneText: "Срок действия ссылки на анкету истёк. Попросите в клинике новую.", ServerTitle: "Что-то пошло не так",
		ServerText: "Попробуйте ещё раз через минуту.", ExpiredForm: "Страница была открыта слишком долго. Отправьте ещё раз.",
		problems: map[string]string{"required": "Пожалуйста, ответьте на этот вопрос.", "accept": "Отметьте, чтобы дать согласие.",
			"too_long": "Не более %d символов.", "too_many": "Слишком много ответов (не более %d).",
			"single": "Укажите один ответ.", "option": "Выберите один из вариантов.",
			"boolean": "Ответьте «да» или «нет».", "integer": "Введите целое число.", "decimal": "Введите число.",
			"min": "Число должно быть не меньше %d.", "max": "Число должно быть не больше %d.",
			"date": "Введите дату (ГГГГ-ММ-ДД).", "birth_date": "Введите настоящую дату рождения.",
			"email": "Введите адрес электронной почты, например name@example.com.", "phone": "Введите номер телефона, например +7 912 345-67-89."},
		kinds: map[string]string{AlertAllergy: "Аллергия", AlertMedication: "Лекарства", AlertCondition: "Заболевание",
			AlertAnaesthesia: "Реакция на анестезию", AlertPregnancy: "Беременность"}},
	"pl": {TooLargeTitle: "Za dużo tekstu", TooLargeText: "Odpowiedzi są za długie. Prosimy je skrócić.", Intro: "Prosimy o odpowiedzi przed wizytą. Można zapisać i wrócić później.", SaveDraft: "Zapisz i dokończ później",
		Submit: "Wyślij", Saved: "Zapisano. Można wrócić na tę stronę tym samym linkiem.",
		Submitted: "Dziękujemy! Odpowiedzi zostały wysłane do kliniki.", ErrorsTitle: "Prosimy sprawdzić odpowiedzi:",
		Yes: "Tak", No: "Nie", Choose: "Wybierz…", NotFoundTitle: "Nie znaleziono linku",
		NotFoundText: "Ten link nie działa. Prosimy poprosić klinikę o nowy.", GoneTitle: "Link wygasł",
		GoneText: "Link do ankiety wygasł. Prosimy poprosić klinikę o nowy.", ServerTitle: "Coś poszło nie tak",
		ServerText: "Prosimy spróbować za minutę.", ExpiredForm: "Strona była otwarta zbyt długo. Prosimy wysłać ponownie.",
		problems: map[string]string{"required": "Prosimy odpowiedzieć na to pytanie.", "accept": "Prosimy zaznaczyć zgodę.",
			"too_long": "Maksymalnie %d znaków.", "too_many": "Za dużo odpowiedzi (maksymalnie %d).",
			"single": "Prosimy podać jedną odpowiedź.", "option": "Prosimy wybrać jedną z opcji.",
			"boolean": "Prosimy odpowiedzieć tak lub nie.", "integer": "Prosimy podać liczbę całkowitą.", "decimal": "Prosimy podać liczbę.",
			"min": "Liczba musi wynosić co najmniej %d.", "max": "Liczba może wynosić najwyżej %d.",
			"date": "Prosimy podać datę (RRRR-MM-DD).", "birth_date": "Prosimy podać prawdziwą datę urodzenia.",
			"email": "Prosimy podać adres e-mail, np. imie@example.com.", "phone": "Prosimy podać numer telefonu, np. +48 512 345 678."},
		kinds: map[string]string{AlertAllergy: "Alergia", AlertMedication: "Leki", AlertCondition: "Choroba",
			AlertAnaesthesia: "Reakcja na znieczulenie", AlertPregnancy: "Ciąża"}},
	"sv": {TooLargeTitle: "För mycket text", TooLargeText: "Svaren är för långa. Korta ner dem.", Intro: "Svara gärna före besöket. Du kan spara och fortsätta senare.", SaveDraft: "Spara och fortsätt senare",
		Submit: "Skicka", Saved: "Sparat. Du kan komma tillbaka hit med samma länk.",
		Submitted: "Tack! Dina svar har skickats till kliniken.", ErrorsTitle: "Kontrollera de här svaren:",
		Yes: "Ja", No: "Nej", Choose: "Välj…", NotFoundTitle: "Länken hittades inte",
		NotFoundText: "Länken fungerar inte. Be kliniken om en ny.", GoneTitle: "Länken har gått ut",
		GoneText: "Länken till formuläret har gått ut. Be kliniken om en ny.", ServerTitle: "Något gick fel",
		ServerText: "Försök igen om en minut.", ExpiredForm: "Sidan var öppen för länge. Skicka igen.",
		problems: map[string]string{"required": "Svara på frågan.", "accept": "Kryssa i för att samtycka.",
			"too_long": "Högst %d tecken.", "too_many": "För många svar (högst %d).",
			"single": "Ge ett svar.", "option": "Välj ett av alternativen.",
			"boolean": "Svara ja eller nej.", "integer": "Ange ett heltal.", "decimal": "Ange ett tal.",
			"min": "Talet måste vara minst %d.", "max": "Talet får vara högst %d.",
			"date": "Ange ett datum (ÅÅÅÅ-MM-DD).", "birth_date": "Ange ditt riktiga födelsedatum.",
			"email": "Ange en e-postadress, t.ex. namn@example.com.", "phone": "Ange ett telefonnummer, t.ex. +46 70 123 45 67."},
		kinds: map[string]string{AlertAllergy: "Allergi", AlertMedication: "Läkemedel", AlertCondition: "Sjukdom",
			AlertAnaesthesia: "Reaktion på bedövning", AlertPregnancy: "Graviditet"}},
}

// textFor is the page's wording in locale, else English.
func textFor(locale string) *pageText {
	if t, ok := pageTexts[locale]; ok {
		return t
	}
	return pageTexts["en"]
}

// Message is the problem in locale.
func (p Problem) Message(locale string) string {
	f := textFor(locale).problems[p.Code]
	if f == "" {
		f = textFor("en").problems[p.Code]
	}
	if strings.Contains(f, "%d") {
		return fmt.Sprintf(f, p.Arg)
	}
	return f
}

// pageLocale is the first of locales the page speaks, else English.
func pageLocale(locales ...string) string {
	for _, l := range locales {
		if _, ok := pageTexts[l]; ok {
			return l
		}
	}
	return "en"
}
