package doctemplate

import "testing"

// BenchmarkLoad reads the 40 default templates, as a start does: each is parsed when
// first filled (BenchmarkFirstPack).
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFillContract fills one Russian contract, escaping the visit's data first.
func BenchmarkFillContract(b *testing.B) {
	s, d := mustLoad(b), richVisit("ru")
	for b.Loop() {
		if _, err := s.Fill(Contract, "ru", d); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFillAllKinds fills the ten kinds of a visit, as a full pack needs.
func BenchmarkFillAllKinds(b *testing.B) {
	s, d := mustLoad(b), richVisit("pl")
	for b.Loop() {
		for _, kind := range Kinds {
			if _, err := s.Fill(kind, "pl", d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkFirstPack loads the templates and fills the ten kinds once: a fresh
// process's first pack, which now parses the templates it needs.
func BenchmarkFirstPack(b *testing.B) {
	d := richVisit("pl")
	for b.Loop() {
		s := mustLoad(b)
		for _, kind := range Kinds {
			if _, err := s.Fill(kind, "pl", d); err != nil {
				b.Fatal(err)
			}
		}
	}
}
