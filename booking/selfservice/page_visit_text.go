package selfservice

import (
	"fmt"

	"github.com/frontdeskhq/frontdesk/visit"
)

// pageText is every string of the manage-visit page in one language. A struct rather
// than a map of keys, so a template that names a missing string fails to parse and a
// test can see that every language fills every field.
type pageText struct {
	Title, Service, Doctor, When, Where, Phone, Status string
	// ConfirmAsk and ConfirmBtn ask the patient to say they will come.
	ConfirmAsk, ConfirmBtn string
	// ChangeUntil (%s: the deadline) says until when the visit can be changed online;
	// TooLate that the phone is the way now, naming no deadline: a visit booked inside
	// the change window never had one to miss.
	ChangeUntil, TooLate string
	// CallBtn is the phone link's label (%s: the number).
	CallBtn                                          string
	CancelTitle, ReasonLabel, ReasonPick, DetailsLab string
	CancelBtn                                        string
	// MoveHint (%s: the doctor) heads the free times; NoTimes replaces them.
	MoveTitle, MoveHint, NoTimes, MoveBtn, Chosen string
	// Rebook closes a visit that is over or cancelled.
	Rebook                                       string
	FlashConfirmed, FlashCancelled, FlashMoved   string
	ErrNoReason, ErrTooLong, ErrNoTime           string
	ErrTaken, ErrTimeGone, ErrExpired, ErrClosed string
	ErrTooLate, ErrServer, ServerTitle           string
	NotFoundTitle, NotFoundText                  string
	// Statuses name each status; Reasons the cancellation reasons by cancelReasons key.
	Statuses map[visit.Status]string
	Reasons  map[string]string
}

func (t *pageText) errTooLong(n int) string { return fmt.Sprintf(t.ErrTooLong, n) }

// cancelReasons are the keys of the reasons a patient picks from, in the order shown.
var cancelReasons = []string{"better", "schedule", "elsewhere", "other"}

// pageLocales are the page's languages; the first is the fallback.
var pageLocales = []string{"en", "ru", "pl", "sv"}

// pageTexts holds the page in each of pageLocales.
var pageTexts = map[string]*pageText{"en": &textEN, "ru": &textRU, "pl": &textPL, "sv": &textSV}

// textFor is the page in locale, English when the page does not speak it.
func textFor(locale string) *pageText {
	if t, ok := pageTexts[locale]; ok {
		return t
	}
	return &textEN
}

var textEN = pageText{
	Title: "Your visit", Service: "Service", Doctor: "Doctor", When: "When", Where: "Where", Phone: "Phone", Status: "Status",
	ConfirmAsk:  "Will you come? Let us know with one tap.",
	ConfirmBtn:  "Yes, I will come",
	ChangeUntil: "You can move or cancel this visit online until %s.",
	TooLate:     "The visit is too close to change online. To move or cancel it, please call us.",
	CallBtn:     "Call us: %s",
	CancelTitle: "Cancel the visit", ReasonLabel: "Why are you cancelling?", ReasonPick: "Choose a reason",
	DetailsLab: "Anything you would like to add? (optional)", CancelBtn: "Cancel my visit",
	MoveTitle: "Move to another time", MoveHint: "Free times in the next 14 days (doctor: %s):",
	NoTimes: "This doctor has no free times in the next 14 days. Please call us and we will find one.",
	MoveBtn: "Move my visit", Chosen: "Your new time:",
	Rebook:         "To book another visit, please call us.",
	FlashConfirmed: "Thank you! Your visit is confirmed.",
	FlashCancelled: "Your visit is cancelled. We hope to see you another time.",
	FlashMoved:     "Done! Your visit has been moved to the new time shown below.",
	ErrNoReason:    "Please choose a reason.",
	ErrTooLong:     "Please write at most %d characters.",
	ErrNoTime:      "Please choose a time.",
	ErrTaken:       "Sorry, someone has just booked that time. Here are the times that are free now.",
	ErrTimeGone:    "That time can no longer be booked. Please choose another one.",
	ErrExpired:     "This page was open for a long time, so for your safety nothing was changed. Please try again.",
	ErrClosed:      "This visit can no longer be changed online.",
	ErrTooLate:     "It is now too late to change this visit online. Please call us.",
	ErrServer:      "Something went wrong on our side. Please try again in a moment or call the clinic.",
	ServerTitle:    "Something went wrong",
	NotFoundTitle:  "Link not found",
	NotFoundText:   "This link is unknown or has expired. If you need to change a visit, please call the clinic.",
	Statuses: map[visit.Status]string{visit.Held: "Awaiting confirmation", visit.Booked: "Booked", visit.Confirmed: "Confirmed",
		visit.Arrived: "Checked in", visit.Seated: "In progress", visit.Completed: "Completed", visit.Cancelled: "Cancelled",
		visit.NoShow: "Missed", visit.Released: "Time released", visit.Rescheduled: "Moved"},
	Reasons: map[string]string{"better": "I feel better", "schedule": "The time no longer suits me",
		"elsewhere": "I will go to another clinic", "other": "Another reason"},
}

var textRU = pageText{
	Title: "Ваш визит", Service: "Услуга", Doctor: "Врач", When: "Когда", Where: "Где", Phone: "Телефон", Status: "Статус",
	ConfirmAsk:  "Вы придёте? Подтвердите одним нажатием.",
	ConfirmBtn:  "Да, я приду",
	ChangeUntil: "Перенести или отменить визит онлайн можно до %s.",
	TooLate:     "До визита осталось слишком мало времени, чтобы изменить его онлайн. Чтобы перенести или отменить визит, позвоните нам.",
	CallBtn:     "Позвонить: %s",
	CancelTitle: "Отменить визит", ReasonLabel: "Почему вы отменяете визит?", ReasonPick: "Выберите причину",
	DetailsLab: "Хотите что-то добавить? (необязательно)", CancelBtn: "Отменить визит",
	MoveTitle: "Перенести на другое время", MoveHint: "Свободное время на ближайшие 14 дней (врач: %s):",
	NoTimes: "В ближайшие 14 дней у этого врача нет свободного времени. Позвоните нам — мы подберём удобное время.",
	MoveBtn: "Перенести визит", Chosen: "Новое время:",
	Rebook:         "Чтобы записаться снова, позвоните нам.",
	FlashConfirmed: "Спасибо! Ваш визит подтверждён.",
	FlashCancelled: "Ваш визит отменён. Будем рады видеть вас в другой раз.",
	FlashMoved:     "Готово! Визит перенесён на новое время, указанное ниже.",
	ErrNoReason:    "Пожалуйста, выберите причину.",
	ErrTooLong:     "Пожалуйста, уложитесь в %d символов.",
	ErrNoTime:      "Пожалуйста, выберите время.",
	ErrTaken:       "К сожалению, это время только что заняли. Вот время, которое свободно сейчас.",
	ErrTimeGone:    "На это время записаться уже нельзя. Пожалуйста, выберите другое.",
	ErrExpired:     "Страница была открыта слишком долго, поэтому ради вашей безопасности ничего не изменилось. Пожалуйста, попробуйте ещё раз.",
	ErrClosed:      "Этот визит больше нельзя изменить онлайн.",
	ErrTooLate:     "Изменить этот визит онлайн уже нельзя. Пожалуйста, позвоните нам.",
	ErrServer:      "У нас что-то пошло не так. Пожалуйста, попробуйте чуть позже или позвоните в клинику.",
	ServerTitle:    "Что-то пошло не так",
	NotFoundTitle:  "Ссылка не найдена",
	NotFoundText:   "Эта ссылка неизвестна или устарела. Если нужно изменить визит, позвоните в клинику.",
	Statuses: map[visit.Status]string{visit.Held: "Ожидает подтверждения", visit.Booked: "Запланирован", visit.Confirmed: "Подтверждён",
		visit.Arrived: "Вы в клинике", visit.Seated: "Идёт приём", visit.Completed: "Завершён", visit.Cancelled: "Отменён",
		visit.NoShow: "Пропущен", visit.Released: "Время освобождено", visit.Rescheduled: "Перенесён"},
	Reasons: map[string]string{"better": "Мне уже лучше", "schedule": "Мне больше не подходит это время",
		"elsewhere": "Я обращусь в другую клинику", "other": "Другая причина"},
}

var textPL = pageText{
	Title: "Twoja wizyta", Service: "Usługa", Doctor: "Lekarz", When: "Kiedy", Where: "Gdzie", Phone: "Telefon", Status: "Status",
	ConfirmAsk:  "Przyjdziesz? Daj nam znać jednym kliknięciem.",
	ConfirmBtn:  "Tak, przyjdę",
	ChangeUntil: "Możesz przełożyć lub odwołać tę wizytę online do %s.",
	TooLate:     "Do wizyty zostało zbyt mało czasu, aby zmienić ją online. Aby ją przełożyć lub odwołać, zadzwoń do nas.",
	CallBtn:     "Zadzwoń: %s",
	CancelTitle: "Odwołaj wizytę", ReasonLabel: "Dlaczego odwołujesz wizytę?", ReasonPick: "Wybierz powód",
	DetailsLab: "Chcesz coś dodać? (opcjonalnie)", CancelBtn: "Odwołaj wizytę",
	MoveTitle: "Przełóż na inny termin", MoveHint: "Wolne terminy w ciągu najbliższych 14 dni (lekarz: %s):",
	NoTimes: "Ten lekarz nie ma wolnych terminów w ciągu najbliższych 14 dni. Zadzwoń do nas, a znajdziemy dogodny termin.",
	MoveBtn: "Przełóż wizytę", Chosen: "Nowy termin:",
	Rebook:         "Aby umówić się ponownie, zadzwoń do nas.",
	FlashConfirmed: "Dziękujemy! Twoja wizyta jest potwierdzona.",
	FlashCancelled: "Twoja wizyta została odwołana. Mamy nadzieję, że zobaczymy się innym razem.",
	FlashMoved:     "Gotowe! Wizyta została przełożona na nowy termin podany poniżej.",
	ErrNoReason:    "Wybierz powód.",
	ErrTooLong:     "Wpisz najwyżej %d znaków.",
	ErrNoTime:      "Wybierz termin.",
	ErrTaken:       "Przepraszamy, ktoś właśnie zarezerwował ten termin. Oto terminy, które są teraz wolne.",
	ErrTimeGone:    "Tego terminu nie można już zarezerwować. Wybierz inny.",
	ErrExpired:     "Strona była otwarta zbyt długo, więc dla Twojego bezpieczeństwa nic nie zostało zmienione. Spróbuj ponownie.",
	ErrClosed:      "Tej wizyty nie można już zmienić online.",
	ErrTooLate:     "Na zmianę tej wizyty online jest już za późno. Zadzwoń do nas.",
	ErrServer:      "Coś poszło nie tak po naszej stronie. Spróbuj ponownie za chwilę lub zadzwoń do przychodni.",
	ServerTitle:    "Coś poszło nie tak",
	NotFoundTitle:  "Nie znaleziono linku",
	NotFoundText:   "Ten link jest nieznany lub wygasł. Jeśli chcesz zmienić wizytę, zadzwoń do przychodni.",
	Statuses: map[visit.Status]string{visit.Held: "Oczekuje na potwierdzenie", visit.Booked: "Umówiona", visit.Confirmed: "Potwierdzona",
		visit.Arrived: "Jesteś na miejscu", visit.Seated: "W trakcie", visit.Completed: "Zakończona", visit.Cancelled: "Odwołana",
		visit.NoShow: "Nieobecność", visit.Released: "Termin zwolniony", visit.Rescheduled: "Przełożona"},
	Reasons: map[string]string{"better": "Czuję się lepiej", "schedule": "Ten termin już mi nie odpowiada",
		"elsewhere": "Pójdę do innej przychodni", "other": "Inny powód"},
}

var textSV = pageText{
	Title: "Ditt besök", Service: "Behandling", Doctor: "Behandlare", When: "När", Where: "Var", Phone: "Telefon", Status: "Status",
	ConfirmAsk:  "Kommer du? Bekräfta med ett tryck.",
	ConfirmBtn:  "Ja, jag kommer",
	ChangeUntil: "Du kan boka om eller avboka besöket här fram till %s.",
	TooLate:     "Besöket är för nära för att ändras här. Ring oss om du vill boka om eller avboka.",
	CallBtn:     "Ring oss: %s",
	CancelTitle: "Avboka besöket", ReasonLabel: "Varför avbokar du?", ReasonPick: "Välj en anledning",
	DetailsLab: "Vill du lägga till något? (valfritt)", CancelBtn: "Avboka mitt besök",
	MoveTitle: "Boka om till en annan tid", MoveHint: "Lediga tider de närmaste 14 dagarna (behandlare: %s):",
	NoTimes: "Behandlaren har inga lediga tider de närmaste 14 dagarna. Ring oss så hittar vi en tid.",
	MoveBtn: "Boka om mitt besök", Chosen: "Din nya tid:",
	Rebook:         "Ring oss om du vill boka ett nytt besök.",
	FlashConfirmed: "Tack! Ditt besök är bekräftat.",
	FlashCancelled: "Ditt besök är avbokat. Vi hoppas att vi ses en annan gång.",
	FlashMoved:     "Klart! Ditt besök är flyttat till den nya tiden nedan.",
	ErrNoReason:    "Välj en anledning.",
	ErrTooLong:     "Skriv högst %d tecken.",
	ErrNoTime:      "Välj en tid.",
	ErrTaken:       "Tyvärr har någon precis bokat den tiden. Här är tiderna som är lediga nu.",
	ErrTimeGone:    "Den tiden går inte längre att boka. Välj en annan.",
	ErrExpired:     "Sidan var öppen länge, så för din säkerhet ändrades ingenting. Försök igen.",
	ErrClosed:      "Det här besöket kan inte längre ändras här.",
	ErrTooLate:     "Det är för sent att ändra besöket här. Ring oss.",
	ErrServer:      "Något gick fel hos oss. Försök igen om en stund eller ring kliniken.",
	ServerTitle:    "Något gick fel",
	NotFoundTitle:  "Länken hittades inte",
	NotFoundText:   "Länken är okänd eller har gått ut. Ring kliniken om du behöver ändra ett besök.",
	Statuses: map[visit.Status]string{visit.Held: "Väntar på bekräftelse", visit.Booked: "Bokad", visit.Confirmed: "Bekräftad",
		visit.Arrived: "Incheckad", visit.Seated: "Pågår", visit.Completed: "Genomförd", visit.Cancelled: "Avbokad",
		visit.NoShow: "Uteblev", visit.Released: "Tiden släppt", visit.Rescheduled: "Flyttad"},
	Reasons: map[string]string{"better": "Jag mår bättre", "schedule": "Tiden passar mig inte längre",
		"elsewhere": "Jag går till en annan klinik", "other": "Annan anledning"},
}
