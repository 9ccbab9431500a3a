package messaging_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/messaging"
)

// BenchmarkDispatchSMS sends b.N queued reminders to the local fake Twilio through the
// whole dispatcher (claim in chunks, routing with the patient's preference and consent,
// attempt rows, concurrent provider calls, one status commit per chunk), on SQLite and
// PostgreSQL, next to a bare-HTTP baseline: the same number of requests to the same
// fake with no database, from 8 goroutines (SQLite's one lane of 8 workers) and from 64
// (PostgreSQL's 8 lanes of 8): the fake's own ceiling on this machine. msgs/s is the
// figure; the ratio to the matching baseline is what the database costs.
//
//	go test ./messaging -run '^$' -bench BenchmarkDispatchSMS -benchtime 3000x
func BenchmarkDispatchSMS(b *testing.B) {
	b.Run("baseline-http-8", func(b *testing.B) { benchBareHTTP(b, 8) })
	b.Run("baseline-http-64", func(b *testing.B) { benchBareHTTP(b, 64) })
	b.Run("sqlite", func(b *testing.B) { benchDispatch(b, dbtest.New(b)) })
	b.Run("postgres", func(b *testing.B) { benchDispatch(b, dbtest.NewPostgres(b)) })
}

func benchDispatch(b *testing.B, d *db.DB) {
	k := newKit(b, d)
	k.useFakes(nil)
	patients := make([]string, 0, 50)
	for range 50 {
		p := k.patient("sms", "")
		patients = append(patients, p.ID+"|"+p.Phone)
	}
	queue(b, k, patients, b.N)
	disp := k.dispatcher()
	b.ResetTimer()
	start := time.Now()
	sent := 0
	for sent < b.N {
		n, err := disp.RunOnce(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		sent += n
	}
	b.ReportMetric(float64(sent)/time.Since(start).Seconds(), "msgs/s")
}

// queue writes n reminders, a thousand per transaction.
func queue(b *testing.B, k *kit, patients []string, n int) {
	b.Helper()
	for from := 0; from < n; from += 1000 {
		err := k.db.InTx(context.Background(), func(tx db.Tx) error {
			for i := from; i < min(from+1000, n); i++ {
				id, phone, _ := strings.Cut(patients[i%len(patients)], "|")
				err := k.env.Messages.Enqueue(context.Background(), tx, messaging.Message{DedupeKey: fmt.Sprintf("bench:%d", i),
					Channel: messaging.SMS, Recipient: phone, PatientID: id, BranchID: k.branch.ID, Locale: "pl",
					Template: messaging.TemplateFreeText, Data: map[string]any{"Text": "Przypomnienie: jutro 9:00. Odpowiedz 1 lub 2."}})
				if err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

func benchBareHTTP(b *testing.B, workers int) {
	f := newFakeTwilio(b)
	client := &http.Client{Timeout: 15 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	endpoint := f.srv.URL + "/2010-04-01/Accounts/" + f.sid + "/Messages.json"
	next := make(chan int)
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for range workers {
		wg.Go(func() {
			for i := range next {
				form := url.Values{"To": {fmt.Sprintf("+4860%07d", i%50)}, "From": {"+48500000000"}, "Body": {"Przypomnienie"}}
				req, _ := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(form.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.SetBasicAuth(f.sid, f.token)
				resp, err := client.Do(req)
				if err != nil {
					b.Error(err)
					continue
				}
				resp.Body.Close()
			}
		})
	}
	for i := range b.N {
		next <- i
	}
	close(next)
	wg.Wait()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "msgs/s")
}
