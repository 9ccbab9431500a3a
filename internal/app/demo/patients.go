package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// patientCount is how many patient cards the demo clinic holds.
const patientCount = 40

// names are the local first and last names a demo country's patients are drawn from.
// Last names are in their masculine form; feminine turns them into the woman's form.
type names struct {
	Female, Male, Last []string
	// Patronymics pairs a father's name in the son's and the daughter's form (ru only).
	Patronymics [][2]string
}

var localNames = map[string]names{
	"pl": {
		Female: []string{"Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Magdalena", "Zofia", "Julia", "Aleksandra", "Natalia"},
		Male:   []string{"Jan", "Andrzej", "Piotr", "Krzysztof", "Tomasz", "Paweł", "Michał", "Marcin", "Jakub", "Kacper", "Łukasz", "Mateusz"},
		Last:   []string{"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk"},
	},
	"en": {
		Female: []string{"Olivia", "Amelia", "Isla", "Ava", "Emily", "Sophie", "Grace", "Charlotte", "Jessica", "Hannah", "Lucy", "Eleanor"},
		Male:   []string{"Oliver", "George", "Harry", "Jack", "Noah", "Thomas", "William", "James", "Oscar", "Samuel", "Daniel", "Henry"},
		Last:   []string{"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green"},
	},
	"ru": {
		Female: []string{"Анна", "Мария", "Елена", "Ольга", "Татьяна", "Наталья", "Екатерина", "Анастасия", "Ирина", "Светлана", "Дарья", "Юлия"},
		Male:   []string{"Александр", "Сергей", "Дмитрий", "Андрей", "Алексей", "Максим", "Иван", "Михаил", "Николай", "Владимир", "Артём", "Евгений"},
		Last:   []string{"Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Лебедев", "Козлов", "Павлов", "Семёнов"},
		Patronymics: [][2]string{
			{"Александрович", "Александровна"}, {"Сергеевич", "Сергеевна"}, {"Дмитриевич", "Дмитриевна"},
			{"Андреевич", "Андреевна"}, {"Игоревич", "Игоревна"}, {"Николаевич", "Николаевна"},
			{"Владимирович", "Владимировна"}, {"Михайлович", "Михайловна"}, {"Петрович", "Петровна"},
		},
	},
	"sv": {
		Female: []string{"Anna", "Eva", "Maria", "Karin", "Sara", "Kristina", "Lena", "Emma", "Elsa", "Maja", "Ingrid", "Astrid"},
		Male:   []string{"Lars", "Mikael", "Anders", "Johan", "Erik", "Per", "Karl", "Peter", "Nils", "Oskar", "Lucas", "Gustav"},
		Last:   []string{"Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindqvist", "Bergström", "Holm"},
	},
}

// feminine gives a Polish or Russian surname its woman's form.
func feminine(locale, last string) string {
	var endings [][2]string
	switch locale {
	case "pl":
		endings = [][2]string{{"ski", "ska"}, {"cki", "cka"}, {"dzki", "dzka"}}
	case "ru":
		endings = [][2]string{{"ский", "ская"}, {"ов", "ова"}, {"ёв", "ёва"}, {"ев", "ева"}, {"ин", "ина"}}
	}
	for _, e := range endings {
		if s, ok := strings.CutSuffix(last, e[0]); ok {
			return s + e[1]
		}
	}
	return last
}

// mobile formats a random local mobile number the way a receptionist would type it.
// The prefixes are ranges the numbering plans give to mobile networks.
func mobile(locale string, r *rand.Rand) string {
	d := func(n int) string { return fmt.Sprintf("%0*d", n, r.IntN(pow10(n))) }
	switch locale {
	case "pl":
		p := pick(r, []string{"501", "502", "512", "533", "600", "601", "660", "691", "724", "785", "790", "880"})
		s := d(6)
		return p + " " + s[:3] + " " + s[3:]
	case "en":
		p := pick(r, []string{"07712", "07723", "07745", "07766", "07824", "07903", "07958", "07411"})
		return p + " " + d(6)
	case "ru":
		p := pick(r, []string{"903", "905", "915", "916", "925", "926", "977", "985"})
		s := d(7)
		return "8 (" + p + ") " + s[:3] + "-" + s[3:5] + "-" + s[5:]
	default: // sv
		p := pick(r, []string{"070", "072", "073", "076", "079"})
		s := d(7)
		return p + "-" + s[:3] + " " + s[3:5] + " " + s[5:]
	}
}

func pow10(n int) int {
	p := 1
	for range n {
		p *= 10
	}
	return p
}

func pick[T any](r *rand.Rand, from []T) T { return from[r.IntN(len(from))] }

// latin spells a name in ASCII for a made-up e-mail address.
func latin(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		if t, ok := translit[c]; ok {
			b.WriteString(t)
		} else if c < 128 {
			b.WriteRune(c)
		}
	}
	return b.String()
}

var translit = map[rune]string{
	'ą': "a", 'ć': "c", 'ę': "e", 'ł': "l", 'ń': "n", 'ó': "o", 'ś': "s", 'ź': "z", 'ż': "z",
	'å': "a", 'ä': "a", 'ö': "o", 'é': "e",
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh",
	'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
}

// card is one demo patient as a receptionist would enter them.
type card struct {
	First, Last, Middle string
	BirthDate           string
	Sex                 string
	Phone               string
	Email               string
	Channel             string
	Marketing           bool
}

// cards draws the demo patients; the same locale always gives the same people, so a
// demo is reproducible, and no two share a phone, so none is taken for a duplicate.
func cards(locale string) []card {
	r := rand.New(rand.NewPCG(uint64(len(locale)), uint64(locale[0])<<8|uint64(locale[1])))
	n := localNames[locale]
	seen := map[string]bool{}
	out := make([]card, 0, patientCount)
	for len(out) < patientCount {
		c := newCard(locale, n, r)
		if !seen[c.Phone] {
			seen[c.Phone] = true
			out = append(out, c)
		}
	}
	return out
}

func newCard(locale string, n names, r *rand.Rand) card {
	female := r.IntN(2) == 0
	c := card{First: pick(r, n.Male), Last: pick(r, n.Last), Sex: "male", Channel: "sms"}
	if female {
		c.First, c.Last, c.Sex = pick(r, n.Female), feminine(locale, c.Last), "female"
	}
	if len(n.Patronymics) > 0 {
		p := pick(r, n.Patronymics)
		c.Middle = p[0]
		if female {
			c.Middle = p[1]
		}
	}
	born := time.Date(1948, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(70*365))
	c.BirthDate = born.Format(time.DateOnly)
	c.Phone = mobile(locale, r)
	if r.IntN(3) > 0 {
		c.Email = latin(c.First) + "." + latin(c.Last) + "@example.com"
	}
	switch k := r.IntN(6); {
	case k == 0 && c.Email != "":
		c.Channel = "email"
	case k == 1:
		c.Channel = "whatsapp"
	}
	c.Marketing = r.IntN(2) == 0
	return c
}
