package console_test

import (
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/clinic"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/app"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/staff"
)

// kit is the whole app over a test database, listening on a real port, as a browser
// at a front desk reaches it.
type kit struct {
	t    *testing.T
	e    *apitest.Env
	base string
	seq  int
}

func newKit(t *testing.T, d *db.DB, opts ...apitest.Option) *kit {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	opts = append(opts, func(c *app.Config) { c.PublicURL = base })
	e := apitest.NewEnv(t, d, opts...)
	go func() { _ = e.HTTP.Listener(ln) }()
	t.Cleanup(func() { _ = e.HTTP.ShutdownWithTimeout(2 * time.Second) })
	return &kit{t: t, e: e, base: base}
}

// branch makes an active branch with language locale.
func (k *kit) branch(locale string) clinic.Branch {
	k.t.Helper()
	b, err := k.e.Clinic.CreateBranch(k.t.Context(), clinic.BranchInput{Name: "Branch " + locale, Address: "1 Main St",
		Phone: "+48221234567", Country: "PL", TimeZone: "Europe/Warsaw", Locale: locale, Currency: "PLN"})
	if err != nil {
		k.t.Fatal(err)
	}
	return b
}

// staffMember makes a staff account; its e-mail is returned, the password is apitest's.
func (k *kit) staffMember(role actor.Role, branches ...string) string {
	k.t.Helper()
	k.seq++
	email := string(role) + itoa(k.seq) + "@console.test"
	if _, err := k.e.Staff.Create(k.t.Context(), staff.NewStaff{Email: email, Name: "Ola " + string(role),
		Role: role, Password: apitest.Password, BranchIDs: branches}); err != nil {
		k.t.Fatal(err)
	}
	return email
}

func itoa(n int) string { return strconv.Itoa(n) }

// desk is one browser: a cookie jar and no automatic redirects, so a test sees each
// answer as it came.
type desk struct {
	k      *kit
	client *http.Client
}

func (k *kit) desk() *desk {
	jar, _ := cookiejar.New(nil)
	return &desk{k: k, client: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// page is one answer as a browser got it.
type page struct {
	Status   int
	Header   http.Header
	Body     string
	Location string
}

func (d *desk) do(req *http.Request) page {
	d.k.t.Helper()
	res, err := d.client.Do(req)
	if err != nil {
		d.k.t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return page{Status: res.StatusCode, Header: res.Header, Body: string(body), Location: res.Header.Get("Location")}
}

func (d *desk) get(path string) page {
	d.k.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, d.k.base+path, nil)
	return d.do(req)
}

// post sends a form as a browser does; the form's CSRF token is the caller's to add.
func (d *desk) post(path string, form url.Values) page {
	d.k.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, d.k.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return d.do(req)
}

var csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// csrf is the first CSRF token a page's forms carry.
func (p page) csrf(t *testing.T) string {
	t.Helper()
	m := csrfInput.FindStringSubmatch(p.Body)
	if m == nil {
		t.Fatalf("no CSRF token on the page:\n%s", p.Body)
	}
	return m[1]
}

// signIn signs the desk in through the sign-in form and returns where it landed.
func (d *desk) signIn(email string) page {
	d.k.t.Helper()
	form := d.get("/console/login")
	r := d.post("/console/login", url.Values{"_csrf": {form.csrf(d.k.t)}, "email": {email},
		"password": {apitest.Password}, "next": {"/console"}})
	if r.Status != http.StatusSeeOther {
		d.k.t.Fatalf("sign in %s: %d\n%s", email, r.Status, r.Body)
	}
	return r
}

// postFrom posts form from the page at path, with the CSRF token that page carries.
func (d *desk) postFrom(path, action string, form url.Values) page {
	d.k.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("_csrf", d.get(path).csrf(d.k.t))
	return d.post(action, form)
}
