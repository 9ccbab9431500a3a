package documents_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/visit"
)

// abroad is a branch outside Poland with its legal details as its country's registers
// know them, and what its papers must say about them.
type abroad struct {
	country, locale, zone, currency string
	branch, address, phone          string
	mobile                          string // a fmt pattern for the patients' numbers
	legal                           clinic.BranchLegal
	contract                        []string  // the contract prints these with every detail set
	number                          string    // the contract's number, a fmt pattern taking the year
	register                        []string  // phrases of the medical register number (Russia: the licence)
	party                           [2]string // the contract's clinic block lies between these
	mail                            string    // the e-mail label of that block
}

var (
	moscow = abroad{country: "RU", locale: "ru", zone: "Europe/Moscow", currency: "RUB", branch: "Тверская",
		address: "ул. Тверская, 1, Москва", phone: "+74951234567", mobile: "+7916100%04d",
		legal: clinic.BranchLegal{LegalName: "ООО «Улыбка»", TaxNumber: "7701234567", CompanyNumber: "1027700132195",
			Licence: "Л041-01137-77/00368421", Email: "info@ulybka.test", ContractPrefix: "TVR"},
		contract: []string{"ООО «Улыбка», ИНН 7701234567, ОГРН 1027700132195, адрес: ул. Тверская, 1, Москва",
			"на основании лицензии № Л041-01137-77/00368421", "лицензия № Л041-01137-77/00368421",
			"тел. +7 495 123-45-67, эл. почта info@ulybka.test"},
		number: "№ TVR/%d/000001", register: []string{"лицензии №", "лицензия №"},
		party: [2]string{"Исполнитель:", "Пациент:"}, mail: "эл. почта"}
	stockholm = abroad{country: "SE", locale: "sv", zone: "Europe/Stockholm", currency: "SEK", branch: "Södermalm",
		address: "Götgatan 1, Stockholm", phone: "+46812345678", mobile: "+4670100%04d",
		legal: clinic.BranchLegal{LegalName: "Tandläkarna Söder AB", TaxNumber: "SE556123456701", CompanyNumber: "556123-4567",
			MedicalRegisterNumber: "2024-012345", Email: "reception@soder.test", ContractPrefix: "SOD"},
		contract: []string{"Tandläkarna Söder AB, organisationsnummer 556123-4567, momsregistreringsnummer SE556123456701",
			"registrerad hos Inspektionen för vård och omsorg (IVO) under nummer 2024-012345",
			"IVO-registrering 2024-012345", "e-post reception@soder.test"},
		number: "Nr SOD/%d/000001", register: []string{"registrerad hos Inspektionen", "IVO-registrering"},
		party: [2]string{"Kliniken:", "Patienten:"}, mail: "e-post"}
	london = abroad{country: "GB", locale: "en", zone: "Europe/London", currency: "GBP", branch: "Harley Street",
		address: "1 Harley Street, London", phone: "+442071234567", mobile: "+447911100%03d",
		legal: clinic.BranchLegal{LegalName: "Harley Dental Ltd", TaxNumber: "GB123456789", CompanyNumber: "01234567",
			MedicalRegisterNumber: "1-123456789", Email: "hello@harley.test", ContractPrefix: "HST"},
		contract: []string{"Harley Dental Ltd, tax identification number GB123456789, company number 01234567, " +
			"registered with the Care Quality Commission (provider ID 1-123456789), registered office: 1 Harley Street",
			"CQC provider ID 1-123456789", "email hello@harley.test"},
		number: "No. HST/%d/000001", register: []string{"Care Quality Commission", "CQC provider ID"},
		party: [2]string{"Clinic:", "Patient:"}, mail: "email"}
	abroads = []abroad{moscow, stockholm, london}
)

// dangling is a label printed with nothing after it: "e-mail ," or "тел. ." and the like.
var dangling = regexp.MustCompile(`(?i)(e-?mail|e-post|эл\. почта|tel\.|тел\.|telefon|phone|nummer|provider ID|№|No\.|Nr|registrering)\s*([,.;:)]|$|\pL+:)`)

// moveTo makes the fixture's branch one in c's country: its chair, a doctor working
// there every day, its zone and a day a week ahead.
func (f *fixture) moveTo(c abroad) {
	f.t.Helper()
	ctx := context.Background()
	hours := clinic.OpeningHours{}
	for _, wd := range clinic.Weekdays {
		hours[wd] = []clinic.Interval{{Open: "07:00", Close: "21:00"}}
	}
	f.branch = must(f.env.Clinic.CreateBranch(ctx, clinic.BranchInput{Name: c.branch, Address: c.address, Phone: c.phone,
		Country: c.country, TimeZone: c.zone, Locale: c.locale, Currency: c.currency, Hours: hours, Legal: c.legal}))(f.t)
	f.loc = must(time.LoadLocation(c.zone))(f.t)
	must(f.env.Clinic.CreateChair(ctx, clinic.ChairInput{BranchID: f.branch.ID, Name: "Chair 1", Capabilities: []string{"general"}}))(f.t)
	f.doctor = f.extraDoctor(ctx, 1)
	f.day = f.env.OpenDay(f.branch.ID, f.env.Clock.Now().AddDate(0, 0, 7), f.loc)
}

// bookIn books a check-up at hh:00 for a new patient of c's language aged years on
// the visit's day.
func (f *fixture) bookIn(c abroad, hh int, first, last string, years int) visit.Visit {
	f.t.Helper()
	f.seq++
	born := f.day.AddDate(-years, 0, -1).Format(time.DateOnly)
	a, err := f.env.Booking.Book(context.Background(), booking.BookRequest{ServiceID: f.checkup.ID, DoctorID: f.doctor.ID,
		Start: f.at(hh, 0), Source: visit.SourceAdmin, Patient: &clinic.PatientInput{FirstName: first, LastName: last,
			Phone: fmt.Sprintf(c.mobile, f.seq), BirthDate: born, Locale: c.locale}})
	if err != nil {
		f.t.Fatalf("book in %s: %v", c.country, err)
	}
	return a
}

// papers prints the visit's pack and returns the flat text of its contract and of its
// general consent, each printed alone.
func (f *fixture) papers(c *apitest.Client, appointmentID string) (contract, consent string) {
	f.t.Helper()
	f.pack(c, appointmentID)
	ids := f.checklist(c, appointmentID).ids()
	return f.documentText(c, ids["contract"]), f.documentText(c, ids["consent_general"])
}

func (f *fixture) documentText(c *apitest.Client, id string) string {
	f.t.Helper()
	r := c.Do("GET", "/api/v1/documents/"+id+"/pdf", nil)
	expectStatus(f.t, r, 200, "")
	return flat(f.t, r.Body)
}

// between is the part of text from the first from up to the next to.
func between(text, from, to string) string {
	_, rest, _ := strings.Cut(text, from)
	part, _, _ := strings.Cut(rest, to)
	return part
}

// Point 5 abroad: a Russian, Swedish and British contract print the legal name, every
// number, the e-mail and the branch's contract number; the consent names the clinic once.
func TestPapersAbroadNameTheLegalDetails(t *testing.T) {
	for _, c := range abroads {
		t.Run(c.country, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				f := newFixture(t, d)
				f.moveTo(c)
				contract, consent := f.papers(f.env.As(actor.Admin), f.bookIn(c, 10, "Elena", "Berg", 40).ID)
				want := append([]string{fmt.Sprintf(c.number, f.env.Clock.Now().In(f.loc).Year())}, c.contract...)
				for _, w := range want {
					if !strings.Contains(contract, w) {
						t.Errorf("the contract lacks %q: %.3000s", w, contract)
					}
				}
				checkClinicOnce(t, c, consent)
			})
		})
	}
}

// checkClinicOnce fails when a consent lacks "legal name, branch, address" or names
// the legal person or the branch twice in a row.
func checkClinicOnce(t *testing.T, c abroad, consent string) {
	t.Helper()
	if want := c.legal.LegalName + ", " + c.branch + ", " + c.address; !strings.Contains(consent, want) {
		t.Errorf("the consent lacks %q: %.800s", want, consent)
	}
	for _, name := range []string{c.legal.LegalName, c.branch} {
		if strings.Contains(consent, name+", "+name) || strings.Contains(consent, name+" "+name) {
			t.Errorf("the consent names %q twice in a row: %.800s", name, consent)
		}
	}
}

// Point 5 abroad: with the register number, the licence and the e-mail left empty,
// the contract drops their phrases whole and no label is left with nothing after it.
func TestPapersAbroadLeaveOffEmptyDetails(t *testing.T) {
	for _, c := range abroads {
		t.Run(c.country, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				f := newFixture(t, d)
				f.moveTo(c)
				f.setLegal(f.env.As(actor.Owner), map[string]any{"medical_register_number": "", "licence": "", "email": ""})
				contract, consent := f.papers(f.env.As(actor.Admin), f.bookIn(c, 10, "Elena", "Berg", 40).ID)
				for _, phrase := range c.register {
					if strings.Contains(contract, phrase) {
						t.Errorf("the contract prints %q with no number: %.3000s", phrase, contract)
					}
				}
				party := between(contract, c.party[0], c.party[1])
				if party == "" || strings.Contains(party, c.mail) {
					t.Errorf("the clinic's block %q prints an e-mail label without an address", party)
				}
				for _, text := range []string{contract, consent} {
					if m := dangling.FindString(text); m != "" {
						t.Errorf("a label with nothing after it: %q in %.3000s", m, text)
					}
				}
			})
		})
	}
}

// minor is a child under a country's age of consent and what the papers must say.
type minor struct {
	abroad
	age                      int
	child, parent, grown     [2]string // first and last names
	contract, consent        []string  // phrases naming the guardian
	childSpeaks, adultSpeaks string    // the declaration when the patient signs alone
}

var minors = []minor{
	{abroad: moscow, age: 14, child: [2]string{"Иван", "Смирнов"}, parent: [2]string{"Анна", "Смирнова"},
		grown: [2]string{"Пётр", "Смирнов"},
		contract: []string{"в лице законного представителя (Ф. И. О.: Смирнова Анна, кем приходится Пациенту: мать",
			"Законный представитель: Смирнова Анна, мать"},
		consent:     []string{"Я, Смирнова Анна, являясь законным представителем (мать) пациента: Смирнов Иван"},
		childSpeaks: "Я, Смирнов Иван,", adultSpeaks: "Я, Смирнов Пётр, подтверждаю"},
	{abroad: london, age: 15, child: [2]string{"Tom", "Smith"}, parent: [2]string{"Jane", "Smith"},
		grown:       [2]string{"Peter", "Smith"},
		contract:    []string{"represented by the legal guardian Jane Smith (mother", "Guardian: Jane Smith, mother"},
		consent:     []string{"I, Jane Smith, legal guardian (mother) of the patient Tom Smith, confirm"},
		childSpeaks: "I, Tom Smith,", adultSpeaks: "I, Peter Smith, confirm"},
}

// linkGuardian makes a parent's card and links it to the child's as mother
// (clinic.Service.AddGuardian).
func (f *fixture) linkGuardian(m minor, childID string) {
	f.t.Helper()
	ctx := context.Background()
	parent, _ := must2(f.env.Clinic.CreatePatient(ctx, clinic.PatientInput{BranchID: f.branch.ID, FirstName: m.parent[0],
		LastName: m.parent[1], Phone: fmt.Sprintf(m.mobile, 999), BirthDate: "1985-02-03", IDDocument: "AB 123456"}))(f.t)
	if err := f.env.Clinic.AddGuardian(ctx, childID, parent.ID, "mother"); err != nil {
		f.t.Fatalf("add guardian: %v", err)
	}
}

func must2[T, U any](v T, u U, err error) func(testing.TB) (T, U) {
	return func(t testing.TB) (T, U) {
		t.Helper()
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
		return v, u
	}
}

// Point 7 abroad: under the country's age of consent (RU 15, GB 16) the contract and
// consent name the guardian from the card, who speaks for the child; at that age the
// patient speaks alone.
func TestMinorsAbroadAreRepresentedByTheGuardian(t *testing.T) {
	for _, m := range minors {
		t.Run(m.country, func(t *testing.T) {
			dbtest.Each(t, func(t *testing.T, d *db.DB) {
				f := newFixture(t, d)
				f.moveTo(m.abroad)
				admin := f.env.As(actor.Admin)
				child := f.bookIn(m.abroad, 10, m.child[0], m.child[1], m.age)
				f.linkGuardian(m, *child.PatientID)
				contract, consent := f.papers(admin, child.ID)
				checkGuardianNamed(t, m, contract, consent)
				grown := f.bookIn(m.abroad, 11, m.grown[0], m.grown[1], m.age+1)
				if _, consent := f.papers(admin, grown.ID); !strings.Contains(consent, m.adultSpeaks) {
					t.Errorf("at %d the patient does not sign alone: %.2000s", m.age+1, consent)
				}
			})
		})
	}
}

// checkGuardianNamed fails when the child's papers lack the guardian's phrases or let
// the child declare.
func checkGuardianNamed(t *testing.T, m minor, contract, consent string) {
	t.Helper()
	for _, w := range m.contract {
		if !strings.Contains(contract, w) {
			t.Errorf("the child's contract lacks %q: %.3000s", w, contract)
		}
	}
	for _, w := range m.consent {
		if !strings.Contains(consent, w) {
			t.Errorf("the child's consent lacks %q: %.3000s", w, consent)
		}
	}
	if strings.Contains(contract, m.childSpeaks) || strings.Contains(consent, m.childSpeaks) {
		t.Errorf("a %d-year-old declares for themself (%q)", m.age, m.childSpeaks)
	}
}
