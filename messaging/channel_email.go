package messaging

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"
)

// EmailConfig is an SMTP relay that offers STARTTLS.
type EmailConfig struct {
	Host     string
	Port     int
	Username string
	Password string
	// From is the sender address (clinic@example.com).
	From string
	// TLS configures STARTTLS (RootCAs for a private relay); nil verifies against the
	// system roots with Host as the server name.
	TLS *tls.Config
	// Timeout bounds the whole conversation (default 20 s).
	Timeout time.Duration
}

// EmailChannel sends e-mail over SMTP, always upgraded with STARTTLS: a relay that
// does not offer it is refused rather than sent patient data in the clear.
type EmailChannel struct{ cfg EmailConfig }

// NewEmailChannel returns an e-mail channel over cfg.
func NewEmailChannel(cfg EmailConfig) *EmailChannel {
	if cfg.Port == 0 {
		cfg.Port = 587
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 20 * time.Second
	}
	return &EmailChannel{cfg: cfg}
}

// Name is "smtp".
func (c *EmailChannel) Name() string { return "smtp" }

// errNoStartTLS: the relay does not offer STARTTLS.
var errNoStartTLS = Permanent(errors.New("smtp: the server does not offer STARTTLS"))

// Send delivers one message; its Message-ID is <outbox key@frontdesk>, so a relay or
// mailbox that sees it twice can tell, and it is the provider id we keep.
func (c *EmailChannel) Send(ctx context.Context, m Outgoing) (string, error) {
	addr := net.JoinHostPort(c.cfg.Host, strconv.Itoa(c.cfg.Port))
	conn, err := (&net.Dialer{Timeout: c.cfg.Timeout}).DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", err
	}
	_ = conn.SetDeadline(time.Now().Add(c.cfg.Timeout))
	client, err := smtp.NewClient(conn, c.cfg.Host)
	if err != nil {
		conn.Close()
		return "", err
	}
	defer client.Close()
	id := messageID(m.DedupeKey)
	if err := c.converse(client, m, id); err != nil {
		return "", smtpFailure(err)
	}
	return id, nil
}

func (c *EmailChannel) converse(client *smtp.Client, m Outgoing, id string) error {
	if ok, _ := client.Extension("STARTTLS"); !ok {
		return errNoStartTLS
	}
	if err := client.StartTLS(c.tlsConfig()); err != nil {
		return err
	}
	if c.cfg.Username != "" {
		if err := client.Auth(smtp.PlainAuth("", c.cfg.Username, c.cfg.Password, c.cfg.Host)); err != nil {
			return err
		}
	}
	if err := client.Mail(c.cfg.From); err != nil {
		return err
	}
	if err := client.Rcpt(m.Recipient); err != nil {
		return err
	}
	w, err := client.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(c.compose(m, id)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return client.Quit()
}

func (c *EmailChannel) tlsConfig() *tls.Config {
	cfg := &tls.Config{ServerName: c.cfg.Host, MinVersion: tls.VersionTLS12}
	if c.cfg.TLS != nil {
		cfg = c.cfg.TLS.Clone()
		if cfg.ServerName == "" {
			cfg.ServerName = c.cfg.Host
		}
	}
	return cfg
}

// compose writes the message: UTF-8 text, quoted-printable, the subject encoded; with
// attachments, a multipart/mixed message whose first part is that text.
func (c *EmailChannel) compose(m Outgoing, id string) []byte {
	var b bytes.Buffer
	subject := m.Subject
	if subject == "" {
		subject = firstLine(m.Body, 70)
	}
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nMessage-ID: %s\r\nDate: %s\r\nMIME-Version: 1.0\r\n",
		c.cfg.From, m.Recipient, mime.QEncoding.Encode("utf-8", subject), id, time.Now().UTC().Format(time.RFC1123Z))
	if len(m.Attachments) == 0 {
		b.WriteString(textHeader + "\r\n")
		writeText(&b, m.Body)
		return b.Bytes()
	}
	mw := multipart.NewWriter(&b)
	fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=%s\r\n\r\n", mw.Boundary())
	part, _ := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"text/plain; charset=utf-8"},
		"Content-Transfer-Encoding": {"quoted-printable"}})
	writeText(part, m.Body)
	for _, a := range m.Attachments {
		writeAttachment(mw, a)
	}
	_ = mw.Close()
	return b.Bytes()
}

const textHeader = "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n"

func writeText(w io.Writer, body string) {
	qp := quotedprintable.NewWriter(w)
	_, _ = qp.Write([]byte(strings.ReplaceAll(body, "\n", "\r\n")))
	_ = qp.Close()
}

// writeAttachment adds a file as base64 in lines of 76 characters (RFC 2045).
func writeAttachment(mw *multipart.Writer, a Attachment) {
	part, _ := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {mime.FormatMediaType(a.ContentType, map[string]string{"name": a.Filename})},
		"Content-Transfer-Encoding": {"base64"},
		"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": a.Filename})}})
	enc := base64.StdEncoding.EncodeToString(a.Content)
	for len(enc) > 76 {
		_, _ = io.WriteString(part, enc[:76]+"\r\n")
		enc = enc[76:]
	}
	_, _ = io.WriteString(part, enc+"\r\n")
}

// messageID makes a Message-ID from an outbox key: characters an id may not hold
// become dots.
func messageID(key string) string {
	clean := strings.Map(func(r rune) rune {
		if r < 128 && (r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return r
		}
		return '.'
	}, key)
	return "<" + strings.Trim(clean, ".") + "@frontdesk>"
}

func firstLine(s string, max int) string {
	line, _, _ := strings.Cut(s, "\n")
	if r := []rune(line); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return line
}

// smtpFailure marks a 5xx answer (unknown mailbox, refused sender) as permanent; 4xx
// and broken connections are retried.
func smtpFailure(err error) error {
	var tp *textproto.Error
	if errors.As(err, &tp) && tp.Code >= 500 {
		return Permanent(err)
	}
	return err
}
