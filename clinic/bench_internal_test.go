package clinic

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
)

var (
	benchFirst = []string{"Jan", "Anna", "Piotr", "Maria", "Krzysztof", "Katarzyna", "Tomasz", "Agnieszka",
		"Paweł", "Małgorzata", "Michał", "Ewa", "Marcin", "Joanna", "Łukasz", "Zofia", "Erik", "Ingrid",
		"Olga", "Dmitri", "Sven", "Astrid", "Ivan", "Natalia"}
	benchLast = []string{"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski",
		"Zieliński", "Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski",
		"Krawczyk", "Piotrowski", "Grabowski", "Nowakowski", "Pawłowski", "Michalski", "Andersson",
		"Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Ivanov", "Smirnov", "Kuznetsov",
		"Popov", "Sokolov", "Lebedev", "Kozlov", "Novikov", "Morozov", "Petrov", "Volkov", "Solovyov"}
)

// BenchmarkPatientSearch measures name-prefix and phone-fragment search over 100 000
// patients, reporting p50 and p95 per search. "query" is the index walk alone; "service"
// is what the API runs, including the audit row written for each card shown.
func BenchmarkPatientSearch(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchSearch(b, dbtest.New(b)) })
	if os.Getenv(dbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { benchSearch(b, dbtest.NewPostgres(b)) })
	}
}

func benchSearch(b *testing.B, d *db.DB) {
	ctx := context.Background()
	s := NewService(d, audit.New(d, time.Now), time.Now)
	phones := seedPatients(b, s, 100_000)
	rng := rand.New(rand.NewPCG(7, 7))
	var names, fragments []string
	for range 1000 {
		last := []rune(normalizeName(benchLast[rng.IntN(len(benchLast))]))
		names = append(names, string(last[:2+rng.IntN(len(last)-2)]))
		p := phones[rng.IntN(len(phones))]
		fragments = append(fragments, p[len(p)-4-rng.IntN(4):])
	}
	for _, kind := range []struct {
		name    string
		queries []string
	}{{"name-prefix", names}, {"phone-fragment", fragments}} {
		b.Run("query/"+kind.name, func(b *testing.B) {
			measure(b, kind.queries, func(q string) error {
				_, err := s.findPatients(ctx, scope{all: true}, PatientFilter{Q: q}, 20)
				return err
			})
		})
		b.Run("service/"+kind.name, func(b *testing.B) {
			measure(b, kind.queries, func(q string) error {
				_, err := s.Patients(ctx, PatientFilter{Q: q, Limit: 20})
				return err
			})
		})
	}
}

// measure runs search b.N times over queries and reports the latency percentiles.
func measure(b *testing.B, queries []string, search func(string) error) {
	durations := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		if err := search(queries[i%len(queries)]); err != nil {
			b.Fatal(err)
		}
		durations = append(durations, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(durations)
	at := func(p float64) float64 {
		return float64(durations[int(p*float64(len(durations)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
}

// seedPatients inserts n patients in one transaction and returns their phones.
func seedPatients(b testing.TB, s *Service, n int) []string {
	ctx := context.Background()
	br, err := s.CreateBranch(ctx, BranchInput{Name: "Bench", Country: "PL", TimeZone: "Europe/Warsaw", Locale: "pl", Currency: "PLN"})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	phones := make([]string, 0, n)
	start, now := time.Now(), s.clock()
	err = s.db.InTx(ctx, func(tx db.Tx) error {
		for i := range n {
			p := benchPatient(rng, br.ID, now.Add(time.Duration(i)*time.Microsecond))
			if _, err := insertPatient(ctx, tx, p); err != nil {
				return err
			}
			phones = append(phones, p.Phone)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if s.db.Dialect == db.Postgres {
		// Autovacuum would analyze the freshly loaded table within a minute; until then
		// the planner's statistics say it is empty. Measure the steady state.
		if err := db.Exec(ctx, s.db.W, `ANALYZE patients`); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("seeded %d patients in %v", n, time.Since(start).Round(time.Millisecond))
	return phones
}

// benchPatient makes a random Polish patient card, already normalised.
func benchPatient(rng *rand.Rand, branchID string, at time.Time) Patient {
	return Patient{
		ID:               newID(),
		FirstName:        benchFirst[rng.IntN(len(benchFirst))],
		LastName:         benchLast[rng.IntN(len(benchLast))],
		Phone:            fmt.Sprintf("+4860%07d", rng.IntN(10_000_000)),
		BirthDate:        fmt.Sprintf("%d-%02d-%02d", 1940+rng.IntN(80), 1+rng.IntN(12), 1+rng.IntN(28)),
		Locale:           "pl",
		PreferredChannel: "sms",
		Consents:         map[string]Consent{},
		MedicalAlerts:    []string{},
		HomeBranchID:     branchID,
		CreatedAt:        at,
		UpdatedAt:        at,
	}
}
