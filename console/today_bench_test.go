package console_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/booking"
	"github.com/frontdeskhq/frontdesk/booking/bookingtest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/staff"
	"github.com/frontdeskhq/frontdesk/visit"
)

// busyDay is a branch with 20 chairs, 13 doctors and 200 visits on the clinic's day,
// the clock at noon, and a desk signed in: the Today page's benchmark load.
func busyDay(b *testing.B) (*dayKit, *http.Client) {
	k := newDayKit(b, dbtest.New(b))
	ctx := context.Background()
	for i := 3; i < 20; i++ { // bookingtest has 3 chairs
		bookingtest.Must(k.f.Env.Clinic.CreateChair(ctx, clinic.ChairInput{BranchID: k.f.Branch.ID,
			Name: fmt.Sprintf("Chair %02d", i+1), Capabilities: []string{"general"}}))(b)
	}
	for i := len(k.f.Doctors); i < 13; i++ {
		k.f.AddDoctor(ctx, i)
	}
	n := 0
	for doctor := range 13 {
		for slot := range 16 {
			if n == 200 {
				break
			}
			start := k.f.At(8, 0).Add(time.Duration(slot) * 45 * time.Minute)
			_, err := k.e.Booking.Book(system(), booking.BookRequest{ServiceID: k.f.Checkup.ID, DoctorID: k.f.Doctors[doctor].ID,
				Start: start, Source: visit.SourcePhone, Patient: &clinic.PatientInput{FirstName: fmt.Sprintf("Jan%d", n),
					LastName: "Kowalski", Phone: fmt.Sprintf("+48601%06d", n), BirthDate: "1980-01-02"}})
			if err != nil {
				b.Fatalf("visit %d: %v", n, err)
			}
			n++
		}
	}
	k.morning(12, 0)
	return k, signedIn(b, k)
}

// signedIn is a browser of an admin of the branch, signed in through the form.
func signedIn(b *testing.B, k *dayKit) *http.Client {
	return signedInAs(b, k, staff.NewStaff{Email: "bench-admin@console.test", Name: "Bench", Role: actor.Admin,
		Password: apitest.Password, BranchIDs: []string{k.f.Branch.ID}})
}

// signedInAs makes the account and signs it in through the form, as a browser would.
func signedInAs(b *testing.B, k *dayKit, account staff.NewStaff) *http.Client {
	if _, err := k.e.Staff.Create(context.Background(), account); err != nil {
		b.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(k.base + "/console/login")
	if err != nil {
		b.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	token := csrfInput.FindStringSubmatch(string(body))[1]
	res, err = c.PostForm(k.base+"/console/login", url.Values{"_csrf": {token}, "email": {account.Email}, "password": {account.Password}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		b.Fatalf("sign in: %v %v", err, res.Status)
	}
	res.Body.Close()
	return c
}

// timed runs one request per iteration and reports the p50 and p95 in milliseconds
// and the CPU time per request.
func timed(b *testing.B, c *http.Client, req func() *http.Request, want int) {
	var took []time.Duration
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		res, err := c.Do(req())
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		took = append(took, time.Since(start))
		if res.StatusCode != want {
			b.Fatalf("status %d, want %d", res.StatusCode, want)
		}
	}
	cpu := cpuTime() - cpu0
	slices.Sort(took)
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(len(took)), "cpu-ms/op")
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
}

// BenchmarkTodayPage draws the Today page of 20 chairs and 200 visits (target: p95
// ≤ 15 ms), measured as the whole round trip on the loopback.
func BenchmarkTodayPage(b *testing.B) {
	k, c := busyDay(b)
	path := k.base + k.dayPath()
	timed(b, c, func() *http.Request { r, _ := http.NewRequest(http.MethodGet, path, nil); return r }, http.StatusOK)
}

// BenchmarkTodayUnchangedPoll is a desk's poll while nothing changed (target: ≤ 1 ms):
// the session, one cursor query and a 304.
func BenchmarkTodayUnchangedPoll(b *testing.B) {
	k, c := busyDay(b)
	path := k.base + "/console/today/changes?branch=" + k.f.Branch.ID + "&date=" + k.f.Day.Format(time.DateOnly)
	res, err := c.Get(path)
	if err != nil {
		b.Fatal(err)
	}
	res.Body.Close()
	etag := res.Header.Get("ETag")
	if !strings.HasPrefix(etag, `W/"`) {
		b.Fatalf("no ETag: %q", etag)
	}
	timed(b, c, func() *http.Request {
		r, _ := http.NewRequest(http.MethodGet, path, nil)
		r.Header.Set("If-None-Match", etag)
		return r
	}, http.StatusNotModified)
}

// cpuTime is the process's CPU time so far (server and client share the process; the
// client's part is reading the answer): on a loaded machine it says more than the
// wall-clock figures.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
