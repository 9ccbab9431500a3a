package messaging_test

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeTwilio speaks the part of Twilio's Messages API the SMS channel uses.
type fakeTwilio struct {
	srv   *httptest.Server
	sid   string
	token string

	mu       sync.Mutex
	messages []url.Values
	sids     []string
	made     []time.Time
	// refuse answers these recipients with a status code instead of sending.
	refuse map[string]int
	// lost is how many of the next sends are answered but kept nowhere, as a request
	// cut off on its way would look to a later list of the messages.
	lost int
	// now is Twilio's clock: the test's, which the app's agrees with as the real ones do.
	now func() time.Time
}

func newFakeTwilio(t testing.TB) *fakeTwilio {
	f := &fakeTwilio{sid: "AC0123456789", token: "twilio-auth-token-1", refuse: map[string]int{}, now: time.Now}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeTwilio) serve(w http.ResponseWriter, r *http.Request) {
	user, pass, ok := r.BasicAuth()
	if !ok || user != f.sid || pass != f.token || r.URL.Path != "/2010-04-01/Accounts/"+f.sid+"/Messages.json" {
		http.Error(w, `{"code":20003,"message":"Authenticate"}`, http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if r.Method == http.MethodGet {
		f.list(w, r.URL.Query().Get("To"))
		return
	}
	if err := r.ParseForm(); err != nil || r.PostForm.Get("To") == "" || r.PostForm.Get("Body") == "" {
		http.Error(w, `{"code":21602,"message":"Message body is required."}`, http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if code := f.refuse[r.PostForm.Get("To")]; code != 0 {
		w.WriteHeader(code)
		_, _ = io.WriteString(w, `{"code":21211,"message":"Invalid 'To' Phone Number"}`)
		return
	}
	sid := fmt.Sprintf("SM%032d", len(f.messages)+1+1000*f.lost)
	if f.lost > 0 {
		f.lost--
	} else {
		f.messages = append(f.messages, r.PostForm)
		f.sids = append(f.sids, sid)
		f.made = append(f.made, f.now())
	}
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]string{"sid": sid, "status": "queued", "to": r.PostForm.Get("To"),
		"body": r.PostForm.Get("Body")})
}

func (f *fakeTwilio) list(w http.ResponseWriter, to string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := []map[string]string{}
	for i, m := range f.messages {
		if m.Get("To") == to {
			out = append(out, map[string]string{"sid": f.sids[i], "to": to, "body": m.Get("Body"),
				"date_created": f.made[i].UTC().Format(time.RFC1123Z)})
		}
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"messages": out})
}

// perOutbox counts the requests per outbox row, read from the StatusCallback's ?o=.
func (f *fakeTwilio) perOutbox() map[string]int {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string]int{}
	for _, m := range f.messages {
		cb, _ := url.Parse(m.Get("StatusCallback"))
		out[cb.Query().Get("o")]++
	}
	return out
}

// lose makes the next n sends answered but never listed.
func (f *fakeTwilio) lose(n int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lost = n
}

func (f *fakeTwilio) sent() []url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]url.Values{}, f.messages...)
}

// fakeWhatsApp speaks the Cloud API's send endpoint.
type fakeWhatsApp struct {
	srv *httptest.Server

	mu       sync.Mutex
	payloads []map[string]any
	refuse   map[string]bool
}

func newFakeWhatsApp(t testing.TB) *fakeWhatsApp {
	f := &fakeWhatsApp{refuse: map[string]bool{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeWhatsApp) serve(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer wa-token" || r.URL.Path != "/v21.0/1234567890/messages" {
		http.Error(w, `{"error":{"code":190}}`, http.StatusUnauthorized)
		return
	}
	var p map[string]any
	if err := json.NewDecoder(r.Body).Decode(&p); err != nil || p["messaging_product"] != "whatsapp" {
		http.Error(w, `{"error":{"code":100}}`, http.StatusBadRequest)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.refuse[fmt.Sprint(p["to"])] {
		http.Error(w, `{"error":{"code":131026,"message":"Message undeliverable"}}`, http.StatusBadRequest)
		return
	}
	f.payloads = append(f.payloads, p)
	w.Header().Set("Content-Type", "application/json")
	_, _ = fmt.Fprintf(w, `{"messaging_product":"whatsapp","contacts":[{"input":"%s"}],"messages":[{"id":"wamid.%d"}]}`,
		p["to"], len(f.payloads))
}

func (f *fakeWhatsApp) sent() []map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]map[string]any{}, f.payloads...)
}

// fakeSMTP is an SMTP server on loopback that offers STARTTLS with a self-signed
// certificate and refuses mail before TLS.
type fakeSMTP struct {
	ln    net.Listener
	tls   *tls.Config
	roots *x509.CertPool

	mu   sync.Mutex
	mail []string
}

func newFakeSMTP(t testing.TB) *fakeSMTP {
	cert, roots := selfSigned(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f := &fakeSMTP{ln: ln, tls: &tls.Config{Certificates: []tls.Certificate{cert}}, roots: roots}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go f.session(conn)
		}
	}()
	return f
}

func (f *fakeSMTP) port() int { return f.ln.Addr().(*net.TCPAddr).Port }

func (f *fakeSMTP) session(conn net.Conn) {
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	rw := bufio.NewReadWriter(bufio.NewReader(conn), bufio.NewWriter(conn))
	say := func(s string) { _, _ = rw.WriteString(s + "\r\n"); _ = rw.Flush() }
	say("220 fake ESMTP")
	secure := false
	for {
		line, err := rw.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"):
			if secure {
				say("250-fake\r\n250 8BITMIME")
			} else {
				say("250-fake\r\n250-STARTTLS\r\n250 8BITMIME")
			}
		case cmd == "STARTTLS":
			say("220 ready")
			tc := tls.Server(conn, f.tls)
			if tc.Handshake() != nil {
				return
			}
			conn, secure = tc, true
			rw = bufio.NewReadWriter(bufio.NewReader(tc), bufio.NewWriter(tc))
		case !secure && (strings.HasPrefix(cmd, "MAIL") || strings.HasPrefix(cmd, "RCPT")):
			say("530 5.7.0 Must issue a STARTTLS command first")
		case strings.HasPrefix(cmd, "RCPT") && strings.Contains(cmd, "NOBODY@"):
			say("550 5.1.1 No such user")
		case strings.HasPrefix(cmd, "MAIL"), strings.HasPrefix(cmd, "RCPT"):
			say("250 ok")
		case cmd == "DATA":
			say("354 go ahead")
			f.readData(rw.Reader)
			say("250 queued")
		case cmd == "QUIT":
			say("221 bye")
			return
		default:
			say("250 ok")
		}
	}
}

func (f *fakeSMTP) readData(r *bufio.Reader) {
	var b strings.Builder
	for {
		line, err := r.ReadString('\n')
		if err != nil || line == ".\r\n" {
			break
		}
		b.WriteString(line)
	}
	f.mu.Lock()
	f.mail = append(f.mail, b.String())
	f.mu.Unlock()
}

func (f *fakeSMTP) received() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string{}, f.mail...)
}

// selfSigned makes a certificate for 127.0.0.1 and the pool that trusts it.
func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "fake smtp"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, BasicConstraintsValid: true, IsCA: true}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}, roots
}
