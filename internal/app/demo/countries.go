package demo

import "github.com/frontdeskhq/frontdesk/clinic"

// person is a demo staff member: the login's name and, for doctors, the profile.
type person struct {
	Name        string
	DisplayName string
	Specialty   string
}

// country is one demo country set: the branch, the people working there and the words
// the clinic uses for its rooms. Addresses and phones are made up but well formed.
type country struct {
	Locale    string
	Country   string
	TimeZone  string
	Currency  string
	Branch    string
	Address   string
	Phone     string
	ChairName string // a printf pattern numbering the chairs
	Hours     clinic.OpeningHours
	// Legal is the made-up company behind the branch, numbered as its country numbers
	// it, so the demo's contracts read as a real clinic's would.
	Legal   clinic.BranchLegal
	Owner   person
	Admin   person
	Nurse   person
	Doctors [3]person
}

// countries holds a set per demo locale.
var countries = map[string]country{
	"pl": {
		Locale: "pl", Country: "PL", TimeZone: "Europe/Warsaw", Currency: "PLN",
		Branch:    "Klinika Stomatologiczna Mokotów (demo)",
		Address:   "ul. Puławska 145, 02-715 Warszawa",
		Phone:     "+48 22 345 67 89",
		ChairName: "Gabinet %d",
		Hours:     withSunday(week("08:00", "20:00", "09:00", "15:00"), "09:00", "15:00"),
		Legal: clinic.BranchLegal{LegalName: "Klinika Mokotów sp. z o.o.", TaxNumber: "NIP 521-000-00-00",
			CompanyNumber: "REGON 140000000, KRS 0000000000", MedicalRegisterNumber: "RPWDL 000000000000-0000",
			Email: "recepcja@mokotow.example", ContractPrefix: "MOK"},
		Owner: person{Name: "Katarzyna Wiśniewska"},
		Admin: person{Name: "Agnieszka Zielińska"},
		Nurse: person{Name: "Joanna Kamińska"},
		Doctors: [3]person{
			{Name: "Piotr Kowalczyk", DisplayName: "lek. dent. Piotr Kowalczyk", Specialty: "Stomatologia zachowawcza i endodoncja"},
			{Name: "Marta Lewandowska", DisplayName: "dr n. med. Marta Lewandowska", Specialty: "Chirurgia stomatologiczna i implantologia"},
			{Name: "Tomasz Wójcik", DisplayName: "lek. dent. Tomasz Wójcik", Specialty: "Stomatologia dziecięca i profilaktyka"},
		},
	},
	"en": {
		Locale: "en", Country: "GB", TimeZone: "Europe/London", Currency: "GBP",
		Branch:    "Marylebone Dental Practice (demo)",
		Address:   "48 Harley Street, London W1G 9PU",
		Phone:     "+44 20 7946 0123",
		ChairName: "Surgery %d",
		Hours:     withSunday(week("08:30", "18:00", "09:00", "15:00"), "09:00", "15:00"),
		Legal: clinic.BranchLegal{LegalName: "Marylebone Dental Practice Ltd", TaxNumber: "VAT GB 000 0000 00",
			CompanyNumber: "Company no. 00000000", MedicalRegisterNumber: "CQC provider 1-000000000",
			Email: "reception@marylebone.example", ContractPrefix: "MDP"},
		Owner: person{Name: "Sarah Thompson"},
		Admin: person{Name: "Emily Clarke"},
		Nurse: person{Name: "Chloe Roberts"},
		Doctors: [3]person{
			{Name: "James Patel", DisplayName: "Dr James Patel", Specialty: "General and restorative dentistry"},
			{Name: "Olivia Bennett", DisplayName: "Dr Olivia Bennett", Specialty: "Oral surgery and implants"},
			{Name: "Daniel Hughes", DisplayName: "Dr Daniel Hughes", Specialty: "Paediatric and preventive dentistry"},
		},
	},
	"ru": {
		Locale: "ru", Country: "RU", TimeZone: "Europe/Moscow", Currency: "RUB",
		Branch:    "Стоматологическая клиника на Тверской (демо)",
		Address:   "ул. Тверская, д. 12, стр. 1, Москва, 125009",
		Phone:     "+7 495 123-45-67",
		ChairName: "Кабинет %d",
		Hours:     withSunday(week("09:00", "21:00", "10:00", "18:00"), "10:00", "16:00"),
		Legal: clinic.BranchLegal{LegalName: "ООО «Клиника на Тверской»", TaxNumber: "ИНН 7700000000",
			CompanyNumber: "ОГРН 1007700000000", Licence: "лицензия № Л041-00000-77/00000000 от 01.02.2020",
			Email: "info@tverskaya.example", ContractPrefix: "TVR"},
		Owner: person{Name: "Елена Смирнова"},
		Admin: person{Name: "Ольга Кузнецова"},
		Nurse: person{Name: "Наталья Попова"},
		Doctors: [3]person{
			{Name: "Алексей Иванов", DisplayName: "Иванов Алексей Петрович", Specialty: "Стоматолог-терапевт, эндодонтист"},
			{Name: "Мария Соколова", DisplayName: "Соколова Мария Андреевна", Specialty: "Стоматолог-хирург, имплантолог"},
			{Name: "Дмитрий Морозов", DisplayName: "Морозов Дмитрий Игоревич", Specialty: "Детский стоматолог"},
		},
	},
	"sv": {
		Locale: "sv", Country: "SE", TimeZone: "Europe/Stockholm", Currency: "SEK",
		Branch:    "Tandkliniken Södermalm (demo)",
		Address:   "Götgatan 45, 118 26 Stockholm",
		Phone:     "+46 8 123 456 78",
		ChairName: "Behandlingsrum %d",
		Hours:     withSunday(week("07:30", "17:00", "09:00", "15:00"), "09:00", "15:00"),
		Legal: clinic.BranchLegal{LegalName: "Tandkliniken Södermalm AB", TaxNumber: "Momsreg.nr SE000000000001",
			CompanyNumber: "Org.nr 556000-0000", MedicalRegisterNumber: "IVO vårdgivarregistret 0000-0000",
			Email: "reception@sodermalm.example", ContractPrefix: "SOD"},
		Owner: person{Name: "Anna Lindqvist"},
		Admin: person{Name: "Maria Johansson"},
		Nurse: person{Name: "Sara Eriksson"},
		Doctors: [3]person{
			{Name: "Erik Andersson", DisplayName: "Tandläkare Erik Andersson", Specialty: "Allmäntandvård och endodonti"},
			{Name: "Karin Nilsson", DisplayName: "Övertandläkare Karin Nilsson", Specialty: "Käkkirurgi och implantat"},
			{Name: "Johan Berg", DisplayName: "Tandläkare Johan Berg", Specialty: "Barn- och ungdomstandvård"},
		},
	},
}

// chairs are the four demo chairs and what each can do: the surgery and X-ray
// capabilities decide which services a chair can host.
var chairs = [4][]string{
	{"xray"},
	{"surgery", "xray"},
	{"hygiene"},
	{"hygiene", "xray"},
}

// week opens Monday to Friday from open to close and on Saturday from satOpen to
// satClose (closed when empty).
func week(open, close, satOpen, satClose string) clinic.OpeningHours {
	h := clinic.OpeningHours{}
	for _, d := range []string{"mon", "tue", "wed", "thu", "fri"} {
		h[d] = []clinic.Interval{{Open: open, Close: close}}
	}
	if satOpen != "" {
		h["sat"] = []clinic.Interval{{Open: satOpen, Close: satClose}}
	}
	return h
}

// withSunday opens on Sunday too: the demo clinics work every day, so the demo is
// alive whatever day it is tried on.
func withSunday(h clinic.OpeningHours, open, close string) clinic.OpeningHours {
	h["sun"] = []clinic.Interval{{Open: open, Close: close}}
	return h
}
