package documents

import "testing"

func TestCityOf(t *testing.T) {
	for address, want := range map[string]string{
		"ul. Puławska 145, 02-715 Warszawa":           "Warszawa",
		"48 Harley Street, London W1G 9PU":            "London",
		"ул. Тверская, д. 12, стр. 1, Москва, 125009": "Москва",
		"Götgatan 45, 118 26 Stockholm":               "Stockholm",
		"ul. Marszałkowska 1, Warszawa":               "Warszawa",
		"Main Street 1":                               "",
	} {
		if got := cityOf(address); got != want {
			t.Errorf("cityOf(%q) = %q, want %q", address, got, want)
		}
	}
}
