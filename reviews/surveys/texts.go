package surveys

import (
	"fmt"

	"github.com/frontdeskhq/frontdesk/reviews"
)

// Locales are the languages the page, the messages and the tasks speak.
var Locales = []string{"en", "pl", "ru", "sv"}

// pageText is the page's wording in one language. A struct, so that every language
// fills every text.
type pageText struct {
	Title, Intro, Overall, OverallHint, Care, CareOf, CareHint, Expectations, Recommend, RecommendHint string
	Comment, CommentHint, Submit, ErrorsTitle, Worse, AsExpected, Better                               string
	ThanksTitle, ThanksText, ReviewAsk, AnsweredTitle, AnsweredText                                    string
	NotFoundTitle, NotFoundText, GoneTitle, GoneText, ServerTitle, ServerText                          string
	ExpiredForm, TooLargeTitle, TooLargeText, Range5, Range10, Choose, TooLong, OtherSite              string
	// Recovery is the manager's task: scores %[1]d overall, %[2]d care, %[3]s expectations,
	// %[4]d recommend, %[5]s the comment. NoComment stands in for an empty one.
	Recovery, NoComment string
}

var pageTexts = map[string]*pageText{
	"en": {Title: "How was your visit?", Intro: "Thank you for visiting %s. Four quick questions, and a comment if you like.",
		Overall: "Your visit overall", OverallHint: "1 = very poor, 5 = excellent", Care: "The doctor's care",
		CareOf: "The care of %s", CareHint: "1 = very poor, 5 = excellent",
		Expectations: "Compared with what you expected, the visit was", Recommend: "How likely are you to recommend us to a friend or relative?",
		RecommendHint: "0 = not at all likely, 10 = extremely likely", Comment: "Anything you would like to tell us?",
		CommentHint: "Optional.", Submit: "Send", ErrorsTitle: "Please check these answers:", Worse: "Worse",
		AsExpected: "As expected", Better: "Better", ThanksTitle: "Thank you!",
		ThanksText: "Your answers have reached the clinic. They help us do better.",
		ReviewAsk:  "If you have a minute, you can also share your experience publicly:", AnsweredTitle: "Already answered",
		AnsweredText: "This survey has already been answered. Thank you!", NotFoundTitle: "Link not found",
		NotFoundText: "This link does not work. Please ask the clinic for a new one.", GoneTitle: "Link expired",
		GoneText: "This survey link has expired. Thank you all the same!", ServerTitle: "Something went wrong",
		ServerText: "Please try again in a minute.", ExpiredForm: "The page was open too long. Please send it again.",
		TooLargeTitle: "Too much text", TooLargeText: "The answers are too long. Please shorten them.",
		Range5: "Please choose from 1 to 5.", Range10: "Please choose from 0 to 10.", Choose: "Please choose one of the options.",
		TooLong: "Please keep it under 2000 characters.", OtherSite: "Reviews",
		Recovery:  "Service recovery: please call the patient about their visit (overall %[1]d/5, care %[2]d/5, expectations: %[3]s, would recommend %[4]d/10). Comment: %[5]s",
		NoComment: "(none)"},
	"pl": {Title: "Jak minęła wizyta?", Intro: "Dziękujemy za wizytę w %s. Cztery krótkie pytania i komentarz, jeśli ma Pan/Pani ochotę.",
		Overall: "Wizyta ogólnie", OverallHint: "1 = bardzo źle, 5 = znakomicie", Care: "Opieka lekarza",
		CareOf: "Opieka: %s", CareHint: "1 = bardzo źle, 5 = znakomicie",
		Expectations: "W porównaniu z oczekiwaniami wizyta była", Recommend: "Jak chętnie poleciłby nas Pan/Pani znajomym lub rodzinie?",
		RecommendHint: "0 = na pewno nie, 10 = na pewno tak", Comment: "Czy chce nam Pan/Pani coś przekazać?",
		CommentHint: "Nieobowiązkowe.", Submit: "Wyślij", ErrorsTitle: "Prosimy sprawdzić odpowiedzi:", Worse: "Gorsza",
		AsExpected: "Zgodna z oczekiwaniami", Better: "Lepsza", ThanksTitle: "Dziękujemy!",
		ThanksText: "Odpowiedzi trafiły do kliniki. Pomagają nam działać lepiej.",
		ReviewAsk:  "Jeśli ma Pan/Pani chwilę, można też podzielić się opinią publicznie:", AnsweredTitle: "Ankieta już wypełniona",
		AnsweredText: "Ta ankieta została już wypełniona. Dziękujemy!", NotFoundTitle: "Nie znaleziono linku",
		NotFoundText: "Ten link nie działa. Prosimy poprosić klinikę o nowy.", GoneTitle: "Link wygasł",
		GoneText: "Link do ankiety wygasł. Mimo to dziękujemy!", ServerTitle: "Coś poszło nie tak",
		ServerText: "Prosimy spróbować za minutę.", ExpiredForm: "Strona była otwarta zbyt długo. Prosimy wysłać ponownie.",
		TooLargeTitle: "Za dużo tekstu", TooLargeText: "Odpowiedzi są za długie. Prosimy je skrócić.",
		Range5: "Prosimy wybrać od 1 do 5.", Range10: "Prosimy wybrać od 0 do 10.", Choose: "Prosimy wybrać jedną z opcji.",
		TooLong: "Maksymalnie 2000 znaków.", OtherSite: "Opinie",
		Recovery:  "Odzyskanie zaufania: prosimy zadzwonić do pacjenta w sprawie wizyty (ogólnie %[1]d/5, opieka %[2]d/5, oczekiwania: %[3]s, polecenie %[4]d/10). Komentarz: %[5]s",
		NoComment: "(brak)"},
	"ru": {Title: "Как прошёл визит?", Intro: "Спасибо, что выбрали %s. Четыре коротких вопроса и комментарий, если захотите.",
		Overall: "Визит в целом", OverallHint: "1 = очень плохо, 5 = отлично", Care: "Забота врача",
		CareOf: "Забота врача: %s", CareHint: "1 = очень плохо, 5 = отлично",
		Expectations: "По сравнению с ожиданиями визит был", Recommend: "Насколько вероятно, что вы порекомендуете нас друзьям или близким?",
		RecommendHint: "0 = точно нет, 10 = точно да", Comment: "Хотите что-нибудь нам сказать?",
		CommentHint: "Необязательно.", Submit: "Отправить", ErrorsTitle: "Пожалуйста, проверьте ответы:", Worse: "Хуже",
		AsExpected: "Как ожидалось", Better: "Лучше", ThanksTitle: "Спасибо!",
		ThanksText: "Ваши ответы получены клиникой. Они помогают нам становиться лучше.",
		ReviewAsk:  "Если у вас есть минута, вы можете оставить отзыв публично:", AnsweredTitle: "Анкета уже заполнена",
		AnsweredText: "На эту анкету уже ответили. Спасибо!", NotFoundTitle: "Ссылка не найдена",
		NotFoundText: "Эта ссылка не работает. Попросите в клинике новую.", GoneTitle: "Срок действия ссылки истёк",
		GoneText: "Срок действия ссылки на анкету истёк. Всё равно спасибо!", ServerTitle: "Что-то пошло не так",
		ServerText: "Попробуйте ещё раз через минуту.", ExpiredForm: "Страница была открыта слишком долго. Отправьте ещё раз.",
		TooLargeTitle: "Слишком много текста", TooLargeText: "Ответы слишком длинные. Пожалуйста, сократите их.",
		Range5: "Выберите от 1 до 5.", Range10: "Выберите от 0 до 10.", Choose: "Выберите один из вариантов.",
		TooLong: "Не более 2000 символов.", OtherSite: "Отзывы",
		Recovery:  "Работа с недовольством: позвоните пациенту по поводу визита (в целом %[1]d/5, забота %[2]d/5, ожидания: %[3]s, рекомендация %[4]d/10). Комментарий: %[5]s",
		NoComment: "(нет)"},
	"sv": {Title: "Hur var ditt besök?", Intro: "Tack för ditt besök hos %s. Fyra korta frågor, och en kommentar om du vill.",
		Overall: "Besöket som helhet", OverallHint: "1 = mycket dåligt, 5 = utmärkt", Care: "Tandläkarens omsorg",
		CareOf: "Omsorgen från %s", CareHint: "1 = mycket dåligt, 5 = utmärkt",
		Expectations: "Jämfört med vad du väntade dig var besöket", Recommend: "Hur troligt är det att du rekommenderar oss till en vän eller anhörig?",
		RecommendHint: "0 = inte alls troligt, 10 = extremt troligt", Comment: "Något du vill berätta för oss?",
		CommentHint: "Frivilligt.", Submit: "Skicka", ErrorsTitle: "Kontrollera de här svaren:", Worse: "Sämre",
		AsExpected: "Som väntat", Better: "Bättre", ThanksTitle: "Tack!",
		ThanksText: "Dina svar har nått kliniken. De hjälper oss att bli bättre.",
		ReviewAsk:  "Har du en minut över kan du också dela din upplevelse offentligt:", AnsweredTitle: "Redan besvarad",
		AnsweredText: "Enkäten är redan besvarad. Tack!", NotFoundTitle: "Länken hittades inte",
		NotFoundText: "Länken fungerar inte. Be kliniken om en ny.", GoneTitle: "Länken har gått ut",
		GoneText: "Länken till enkäten har gått ut. Tack ändå!", ServerTitle: "Något gick fel",
		ServerText: "Försök igen om en minut.", ExpiredForm: "Sidan var öppen för länge. Skicka igen.",
		TooLargeTitle: "För mycket text", TooLargeText: "Svaren är för långa. Korta ner dem.",
		Range5: "Välj mellan 1 och 5.", Range10: "Välj mellan 0 och 10.", Choose: "Välj ett av alternativen.",
		TooLong: "Högst 2000 tecken.", OtherSite: "Omdömen",
		Recovery:  "Återvinna förtroende: ring patienten om besöket (helhet %[1]d/5, omsorg %[2]d/5, förväntningar: %[3]s, rekommendation %[4]d/10). Kommentar: %[5]s",
		NoComment: "(ingen)"},
}

// textFor is the wording in locale, else English.
func textFor(locale string) *pageText {
	if t, ok := pageTexts[locale]; ok {
		return t
	}
	return pageTexts["en"]
}

// pageLocale is the first of locales the surveys speak, else English.
func pageLocale(locales ...string) string {
	for _, l := range locales {
		if _, ok := pageTexts[l]; ok {
			return l
		}
	}
	return "en"
}

// expectation is an expectations answer in words.
func (t *pageText) expectation(code string) string {
	switch code {
	case reviews.Worse:
		return t.Worse
	case reviews.Better:
		return t.Better
	}
	return t.AsExpected
}

// recoveryText is the manager's task in the branch's language: the scores and the comment.
func recoveryText(locale string, a reviews.Answers) string {
	t := textFor(locale)
	comment := a.Comment
	if comment == "" {
		comment = t.NoComment
	}
	return fmt.Sprintf(t.Recovery, a.Overall, a.Care, t.expectation(a.Expectations), a.Recommend, comment)
}

// siteNames are the review sites as patients know them, where the name differs by language.
var siteNames = map[string]string{Google: "Google", Yandex: "Yandex Maps", TwoGIS: "2GIS", ProDoctorov: "ProDoctorov",
	ZnanyLekarz: "ZnanyLekarz", Reco: "Reco.se", Trustpilot: "Trustpilot"}

var siteNamesRu = map[string]string{Yandex: "Яндекс Карты", TwoGIS: "2ГИС", ProDoctorov: "ПроДокторов"}

// siteName is a review site's name in locale.
func siteName(site, locale string) string {
	if n, ok := siteNamesRu[site]; ok && locale == "ru" {
		return n
	}
	if n, ok := siteNames[site]; ok {
		return n
	}
	return textFor(locale).OtherSite
}
