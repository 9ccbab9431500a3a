package pdf

// sampleContract is a realistic 5-page contract with a table, used by tests and benchmarks.
func sampleContract() string {
	s := "" +
		"**City:** Warszawa  \n**Date:** 3 December 2026\n\n" +
		"The clinic, hereinafter the *Contractor*, and **Ёлкина Дарья**, hereinafter the *Patient*, Zażółć Gęślą and Åsa Öberg as witnesses, agree as follows.\n\n"
	clauses := []string{"Subject of the agreement", "Rights and duties of the parties", "Price and payment", "Warranty", "Liability", "Final provisions"}
	for i, c := range clauses {
		s += "## " + itoa(i+1) + ". " + c + "\n\n"
		for j := 1; j <= 5; j++ {
			s += itoa(i+1) + "." + itoa(j) + ". The Contractor provides paid dental services in accordance with the treatment plan agreed with the Patient, with the licence and the standards of care in force, informs the Patient about the diagnosis, the methods of treatment, possible risks and complications, and the expected results; the Patient follows the doctor's recommendations and pays for the services in the amounts and terms set out in this agreement.\n\n"
		}
		s += "- the Patient may refuse treatment at any stage;\n- the Contractor keeps *medical secrecy*;\n- **warranty** periods are set by the price list.\n\n"
		if i == 2 {
			s += "| No. | Service | Qty | Price | Sum |\n|---|---|:-:|--:|--:|\n"
			for k := 1; k <= 8; k++ {
				s += "| " + itoa(k) + " | Root canal treatment of a multi-rooted tooth with an operating microscope, including temporary filling | 1 | 12 500,00 ₽ | 12 500,00 ₽ |\n"
			}
			s += "| | **Total** | | | **100 000,00 ₽** |\n\n"
		}
	}
	s += "[signature: Patient]\n\n[signature: Contractor]\n"
	return s
}

// itoa avoids strconv in the sample.
func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// sampleLetterhead is a clinic's letterhead with Polish letters.
var sampleLetterhead = Letterhead{Name: "Klinika Uśmiech", Address: "ul. Długa 5, 00-001 Warszawa",
	Phone: "+48 22 123 45 67", Email: "info@usmiech.pl"}

// sampleDoc is the sample contract as a document in a locale.
func sampleDoc(id, locale string) Document {
	return Document{ID: id, Title: "Paid dental services agreement", Locale: locale,
		Markdown: sampleContract(), Letterhead: sampleLetterhead}
}
