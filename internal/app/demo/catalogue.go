package demo

// procedure is one entry of the demo price list: its names in every locale, a realistic
// chair time, the chair capability it needs and its price in each demo currency (minor
// units), roughly what a private clinic in that city asks.
type procedure struct {
	Code       string
	Minutes    int
	Capability string
	Names      map[string]string
	Price      map[string]int64
}

// catalogue is the demo price list.
var catalogue = []procedure{
	{Code: "checkup", Minutes: 30, Names: map[string]string{
		"pl": "Przegląd stomatologiczny z konsultacją", "en": "Check-up and consultation",
		"ru": "Профилактический осмотр и консультация", "sv": "Undersökning och konsultation",
	}, Price: prices(150_00, 75_00, 1_500_00, 950_00)},
	{Code: "hygiene", Minutes: 45, Capability: "hygiene", Names: map[string]string{
		"pl": "Higienizacja: skaling, piaskowanie, polerowanie", "en": "Hygiene visit: scale and polish",
		"ru": "Профессиональная гигиена полости рта", "sv": "Tandhygienistbehandling med tandstensborttagning",
	}, Price: prices(350_00, 95_00, 7_000_00, 1_100_00)},
	{Code: "filling", Minutes: 60, Names: map[string]string{
		"pl": "Wypełnienie kompozytowe", "en": "Composite (white) filling",
		"ru": "Композитная пломба", "sv": "Kompositfyllning",
	}, Price: prices(400_00, 180_00, 6_500_00, 1_400_00)},
	{Code: "extraction", Minutes: 30, Capability: "surgery", Names: map[string]string{
		"pl": "Ekstrakcja zęba", "en": "Tooth extraction",
		"ru": "Удаление зуба", "sv": "Tandutdragning",
	}, Price: prices(350_00, 200_00, 5_000_00, 1_600_00)},
	{Code: "wisdom-tooth", Minutes: 60, Capability: "surgery", Names: map[string]string{
		"pl": "Chirurgiczne usunięcie zęba mądrości", "en": "Surgical wisdom tooth removal",
		"ru": "Хирургическое удаление зуба мудрости", "sv": "Kirurgiskt avlägsnande av visdomstand",
	}, Price: prices(800_00, 450_00, 12_000_00, 3_800_00)},
	{Code: "root-canal", Minutes: 90, Capability: "xray", Names: map[string]string{
		"pl": "Leczenie kanałowe (endodontyczne)", "en": "Root canal treatment",
		"ru": "Лечение корневых каналов", "sv": "Rotbehandling",
	}, Price: prices(1_200_00, 650_00, 18_000_00, 5_500_00)},
	{Code: "implant-consult", Minutes: 30, Names: map[string]string{
		"pl": "Konsultacja implantologiczna", "en": "Implant consultation",
		"ru": "Консультация имплантолога", "sv": "Implantatkonsultation",
	}, Price: prices(200_00, 100_00, 1_500_00, 800_00)},
	{Code: "whitening", Minutes: 90, Capability: "hygiene", Names: map[string]string{
		"pl": "Wybielanie zębów w gabinecie", "en": "In-chair teeth whitening",
		"ru": "Профессиональное отбеливание зубов", "sv": "Tandblekning på klinik",
	}, Price: prices(1_500_00, 400_00, 25_000_00, 4_500_00)},
	{Code: "xray-pano", Minutes: 15, Capability: "xray", Names: map[string]string{
		"pl": "Zdjęcie pantomograficzne (RTG)", "en": "Panoramic X-ray (OPG)",
		"ru": "Ортопантомограмма (панорамный снимок)", "sv": "Panoramaröntgen",
	}, Price: prices(120_00, 60_00, 1_800_00, 900_00)},
	{Code: "child-checkup", Minutes: 30, Names: map[string]string{
		"pl": "Przegląd stomatologiczny dziecka", "en": "Children's check-up",
		"ru": "Детский профилактический осмотр", "sv": "Barnundersökning",
	}, Price: prices(120_00, 45_00, 1_200_00, 600_00)},
}

// doctorServices are the codes each demo doctor performs: a general dentist, a surgeon
// and implantologist, and a children's and preventive dentist.
var doctorServices = [3][]string{
	{"checkup", "filling", "root-canal", "whitening", "xray-pano"},
	{"checkup", "extraction", "wisdom-tooth", "implant-consult", "xray-pano"},
	{"checkup", "child-checkup", "hygiene", "filling", "whitening"},
}

func prices(pln, gbp, rub, sek int64) map[string]int64 {
	return map[string]int64{"PLN": pln, "GBP": gbp, "RUB": rub, "SEK": sek}
}
