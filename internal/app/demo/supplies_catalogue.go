package demo

import "strings"

// stockItem is one thing the demo clinic keeps, and its last month: what arrived 30
// days ago, what went out to the chairs, how often some was used, and its levels.
type stockItem struct {
	SKU      string
	Names    map[string]string
	Category string
	Unit     string
	PackUnit string
	PackSize int
	Lot      bool
	Expiry   bool
	// Home is where it is received, kept and (without PerChair) used: reception, the
	// household shelf or the clinical shelf.
	Home string
	Lots []stockLot
	// PerChair units go from the clinical shelf to each of the first Chairs chairs'
	// operatories on the first day; they are then used there.
	PerChair int64
	Chairs   int
	// Every Every days Use units are used (at each chair when PerChair is set).
	Every int
	Use   int64
	// Level and ChairLevel are par, reorder point and critical level.
	Level, ChairLevel [3]int64
	// PackPrice is the pack's price in pence; other currencies scale it.
	PackPrice int64
	Supplier  int
}

// stockLot is a lot received 30 days ago; ExpiresIn is days from today (0: none).
type stockLot struct {
	Number    string
	ExpiresIn int
	Units     int64
}

// The homes of stock.
const (
	atReception = "reception"
	onHousehold = "household"
	onClinical  = "clinical"
)

// suppliers are the demo's three: dental materials, implants, and the office.
var suppliers = []string{"DentaPro Supply (demo)", "ImplantLine (demo)", "OfficeBox (demo)"}

// currencyScale turns pence into each demo currency's minor units, roughly.
var currencyScale = map[string]int64{"GBP": 1, "PLN": 5, "SEK": 13, "RUB": 110}

// placeNames are the storage room, its two shelves and reception in each locale.
var placeNames = map[string][4]string{
	"en": {"Storage room", "Shelf A – household", "Shelf B – clinical", "Reception"},
	"pl": {"Magazyn", "Regał A – gospodarczy", "Regał B – kliniczny", "Recepcja"},
	"ru": {"Склад", "Стеллаж А – хозяйственный", "Стеллаж Б – клинический", "Ресепшн"},
	"sv": {"Förråd", "Hylla A – förbrukning", "Hylla B – kliniskt material", "Reception"},
}

// stock is the demo's month: with these numbers coffee and paper towels end below
// their reorder points, composite A3 at its critical level, and composite A2's
// older lot expires in 12 days with two syringes left.
var stock = []stockItem{
	{SKU: "HH-COFFEE-1KG", Names: inLocales("Coffee beans 1 kg", "Кофе в зёрнах 1 кг", "Kawa ziarnista 1 kg", "Kaffebönor 1 kg"),
		Category: "household", Unit: "bag", PackUnit: "bag", PackSize: 1, Home: atReception,
		Lots: []stockLot{{Units: 8}}, Every: 5, Use: 1, Level: [3]int64{6, 3, 1}, PackPrice: 18_00, Supplier: 2},
	{SKU: "HH-TOWEL-ROLL", Names: inLocales("Paper towels", "Бумажные полотенца", "Ręczniki papierowe", "Pappershanddukar"),
		Category: "household", Unit: "roll", PackUnit: "case", PackSize: 12, Home: onHousehold,
		Lots: []stockLot{{Units: 36}}, Every: 1, Use: 1, Level: [3]int64{36, 12, 4}, PackPrice: 15_00, Supplier: 2},
	{SKU: "DM-GLOVE-NIT-M", Names: inLocales("Nitrile gloves, size M", "Перчатки нитриловые, размер M", "Rękawice nitrylowe, rozmiar M", "Nitrilhandskar, storlek M"),
		Category: "dental_material", Unit: "glove", PackUnit: "box", PackSize: 100, Home: onClinical,
		Lots: []stockLot{{Units: 2000}}, PerChair: 400, Chairs: 4, Every: 1, Use: 9,
		Level: [3]int64{1000, 300, 100}, ChairLevel: [3]int64{400, 100, 50}, PackPrice: 6_50, Supplier: 0},
	{SKU: "DM-POUCH-90x230", Names: inLocales("Sterilization pouches 90×230 mm", "Пакеты для стерилизации 90×230 мм", "Rękawy do sterylizacji 90×230 mm", "Steriliseringspåsar 90×230 mm"),
		Category: "dental_material", Unit: "pouch", PackUnit: "box", PackSize: 200, Home: onClinical,
		Lots: []stockLot{{Units: 1000}}, Every: 1, Use: 25, Level: [3]int64{1000, 200, 100}, PackPrice: 12_00, Supplier: 0},
	{SKU: "DM-MASK-3PLY", Names: inLocales("Face masks, 3-ply", "Маски трёхслойные", "Maseczki trójwarstwowe", "Munskydd, 3-lagers"),
		Category: "dental_material", Unit: "mask", PackUnit: "box", PackSize: 50, Home: onClinical,
		Lots: []stockLot{{Units: 500}}, Every: 1, Use: 10, Level: [3]int64{500, 150, 50}, PackPrice: 5_00, Supplier: 0},
	{SKU: "DM-SALIVA-EJ", Names: inLocales("Saliva ejectors", "Слюноотсосы", "Ślinociągi", "Salivsugar"),
		Category: "dental_material", Unit: "piece", PackUnit: "bag", PackSize: 100, Home: onClinical,
		Lots: []stockLot{{Units: 1000}}, Every: 1, Use: 20, Level: [3]int64{1000, 300, 100}, PackPrice: 4_50, Supplier: 0},
	{SKU: "DM-COMP-A2", Names: inLocales("Composite, shade A2 (4 g)", "Композит, оттенок A2 (4 г)", "Kompozyt, kolor A2 (4 g)", "Komposit, färg A2 (4 g)"),
		Category: "dental_material", Unit: "syringe", PackUnit: "syringe", PackSize: 1, Lot: true, Expiry: true, Home: onClinical,
		Lots: []stockLot{{"A2-24117", 12, 5}, {"A2-25032", 400, 3}}, Every: 10, Use: 1, Level: [3]int64{6, 2, 1}, PackPrice: 35_00, Supplier: 0},
	{SKU: "DM-COMP-A3", Names: inLocales("Composite, shade A3 (4 g)", "Композит, оттенок A3 (4 г)", "Kompozyt, kolor A3 (4 g)", "Komposit, färg A3 (4 g)"),
		Category: "dental_material", Unit: "syringe", PackUnit: "syringe", PackSize: 1, Lot: true, Expiry: true, Home: onClinical,
		Lots: []stockLot{{"A3-25011", 300, 6}}, Every: 6, Use: 1, Level: [3]int64{6, 2, 1}, PackPrice: 35_00, Supplier: 0},
	{SKU: "DM-COMP-B1", Names: inLocales("Composite, shade B1 (4 g)", "Композит, оттенок B1 (4 г)", "Kompozyt, kolor B1 (4 g)", "Komposit, färg B1 (4 g)"),
		Category: "dental_material", Unit: "syringe", PackUnit: "syringe", PackSize: 1, Lot: true, Expiry: true, Home: onClinical,
		Lots: []stockLot{{"B1-25044", 500, 5}}, Every: 15, Use: 1, Level: [3]int64{5, 2, 1}, PackPrice: 35_00, Supplier: 0},
	{SKU: "MED-ARTICAINE-4", Names: inLocales("Articaine 4% with adrenaline 1:100 000, carpule 1.7 ml", "Артикаин 4% с адреналином 1:100 000, карпула 1,7 мл", "Artykaina 4% z adrenaliną 1:100 000, karpula 1,7 ml", "Artikain 4% med adrenalin 1:100 000, cylinderampull 1,7 ml"),
		Category: "medication", Unit: "carpule", PackUnit: "box", PackSize: 50, Lot: true, Expiry: true, Home: onClinical,
		Lots: []stockLot{{"ART-2409-118", 200, 200}}, PerChair: 50, Chairs: 2, Every: 1, Use: 1,
		Level: [3]int64{200, 50, 20}, ChairLevel: [3]int64{50, 15, 5}, PackPrice: 42_00, Supplier: 0},
	{SKU: "DM-BOND-5ML", Names: inLocales("Universal bonding agent 5 ml", "Универсальный адгезив 5 мл", "Uniwersalny system wiążący 5 ml", "Universellt bondingmedel 5 ml"),
		Category: "dental_material", Unit: "bottle", PackUnit: "bottle", PackSize: 1, Lot: true, Expiry: true, Home: onClinical,
		Lots: []stockLot{{"BD-5521", 240, 3}}, Every: 20, Use: 1, Level: [3]int64{3, 1, 0}, PackPrice: 65_00, Supplier: 0},
	implant("3.5x10", "3,5×10", "IM35-2207", 3, 30),
	implant("4.0x10", "4,0×10", "IM40-2211", 4, 15),
	implant("4.5x11.5", "4,5×11,5", "IM45-2302", 2, 0),
}

// implant is one implant size, tracked by lot, bought one at a time.
func implant(size, local, lot string, units int64, every int) stockItem {
	return stockItem{SKU: "IMP-" + size, Names: inLocales("Implant "+strings.Replace(size, "x", "×", 1)+" mm", "Имплантат "+local+" мм", "Implant "+local+" mm", "Implantat "+local+" mm"),
		Category: "dental_material", Unit: "implant", PackUnit: "implant", PackSize: 1, Lot: true, Expiry: true, Home: onClinical,
		Lots: []stockLot{{lot, 3 * 365, units}}, Every: every, Use: 1, Level: [3]int64{3, 1, 0}, PackPrice: 180_00, Supplier: 1}
}

func inLocales(en, ru, pl, sv string) map[string]string {
	return map[string]string{"en": en, "ru": ru, "pl": pl, "sv": sv}
}

// materials are the demo's bills of materials: what a service uses, by SKU.
var materials = map[string]map[string]int64{
	"checkup":         {"DM-GLOVE-NIT-M": 2, "DM-MASK-3PLY": 1, "DM-SALIVA-EJ": 1, "DM-POUCH-90x230": 1},
	"hygiene":         {"DM-GLOVE-NIT-M": 2, "DM-MASK-3PLY": 1, "DM-SALIVA-EJ": 2, "DM-POUCH-90x230": 2},
	"filling":         {"DM-GLOVE-NIT-M": 4, "DM-MASK-3PLY": 1, "DM-SALIVA-EJ": 1, "DM-POUCH-90x230": 2, "MED-ARTICAINE-4": 1},
	"extraction":      {"DM-GLOVE-NIT-M": 4, "DM-MASK-3PLY": 1, "DM-POUCH-90x230": 2, "MED-ARTICAINE-4": 2},
	"wisdom-tooth":    {"DM-GLOVE-NIT-M": 6, "DM-MASK-3PLY": 2, "DM-POUCH-90x230": 3, "MED-ARTICAINE-4": 3},
	"root-canal":      {"DM-GLOVE-NIT-M": 4, "DM-MASK-3PLY": 1, "DM-SALIVA-EJ": 1, "DM-POUCH-90x230": 3, "MED-ARTICAINE-4": 2},
	"implant-consult": {"DM-GLOVE-NIT-M": 2, "DM-MASK-3PLY": 1},
	"whitening":       {"DM-GLOVE-NIT-M": 2, "DM-SALIVA-EJ": 2},
	"xray-pano":       {"DM-GLOVE-NIT-M": 2},
	"child-checkup":   {"DM-GLOVE-NIT-M": 2, "DM-MASK-3PLY": 1, "DM-SALIVA-EJ": 1},
}
