package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
)

// Config is everything an operator can set. Each field reads a FRONTDESK_* variable
// first; a command-line flag, when given, wins over it.
type Config struct {
	Addr         string        `env:"FRONTDESK_ADDR" envDefault:":8080"`
	DB           string        `env:"FRONTDESK_DB" envDefault:"./frontdesk.db"`
	Demo         bool          `env:"FRONTDESK_DEMO"`
	DemoLocale   string        `env:"FRONTDESK_DEMO_LOCALE" envDefault:"pl"`
	TemplatesDir string        `env:"FRONTDESK_TEMPLATES_DIR"`
	LogLevel     string        `env:"FRONTDESK_LOG_LEVEL" envDefault:"info"`
	TokenTTL     time.Duration `env:"FRONTDESK_TOKEN_TTL" envDefault:"12h"`
	// PublicURL is where patients open the links sent to them; empty means the
	// listening address (fine for the demo, wrong behind a proxy).
	PublicURL string `env:"FRONTDESK_PUBLIC_URL"`
	// PageSecret keys the nonces of the patient pages' forms; instances behind one load
	// balancer must share it, or a form rendered by one is refused by another.
	PageSecret string `env:"FRONTDESK_PAGE_SECRET"`
	// WebhookSecret keys the generic inbound webhook's HMAC-SHA256 signature
	// (X-Frontdesk-Signature); empty refuses every generic webhook.
	WebhookSecret string `env:"FRONTDESK_WEBHOOK_SECRET"`
}

// minPageSecret keeps a shared form key out of guessing range.
const minPageSecret = 32

// demoLocales are the country sets the demo clinic comes in.
var demoLocales = []string{"en", "ru", "pl", "sv"}

// usageError is a configuration or command-line mistake: the process stops with one
// line and exit code 2, before it touches anything.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// loadEnv reads the FRONTDESK_* variables over the defaults.
func loadEnv() (Config, error) {
	cfg, err := env.ParseAs[Config]()
	if err != nil {
		return cfg, usagef("environment: %v", err)
	}
	return cfg, nil
}

// newFlags returns a flag set that reports its own mistakes as one usageError line
// instead of printing the whole usage text.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses args; -h prints the usage to out and returns flag.ErrHelp.
func parseFlags(fs *flag.FlagSet, args []string, out io.Writer) error {
	err := fs.Parse(args)
	if errors.Is(err, flag.ErrHelp) {
		fs.SetOutput(out)
		fmt.Fprintf(out, "usage: frontdesk %s [flags]\n", fs.Name())
		fs.PrintDefaults()
		return err
	}
	if err != nil {
		return usagef("%s: %v", fs.Name(), err)
	}
	if fs.NArg() > 0 {
		return usagef("%s: unexpected argument %q", fs.Name(), fs.Arg(0))
	}
	return nil
}

// bindDB registers the flags every command that opens the database shares.
func bindDB(fs *flag.FlagSet, c *Config) {
	fs.StringVar(&c.DB, "db", c.DB, "database: a file path or :memory: (SQLite), or postgres://… (env FRONTDESK_DB)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "debug, info, warn or error (env FRONTDESK_LOG_LEVEL)")
}

// bindServe registers the flags of serve.
func bindServe(fs *flag.FlagSet, c *Config) {
	bindDB(fs, c)
	fs.StringVar(&c.Addr, "addr", c.Addr, "host:port to listen on (env FRONTDESK_ADDR)")
	fs.BoolVar(&c.Demo, "demo", c.Demo, "seed the demo clinic into an empty database (env FRONTDESK_DEMO)")
	bindDemoLocale(fs, c)
	fs.StringVar(&c.TemplatesDir, "templates-dir", c.TemplatesDir, "folder overriding the built-in templates (env FRONTDESK_TEMPLATES_DIR)")
	fs.DurationVar(&c.TokenTTL, "token-ttl", c.TokenTTL, "lifetime of a staff sign-in token (env FRONTDESK_TOKEN_TTL)")
	fs.StringVar(&c.PublicURL, "public-url", c.PublicURL, "base URL patients open links at, e.g. https://book.clinic.pl (env FRONTDESK_PUBLIC_URL)")
	fs.StringVar(&c.PageSecret, "page-secret", c.PageSecret, "secret shared by all instances for patient page forms, at least 32 characters (env FRONTDESK_PAGE_SECRET)")
	fs.StringVar(&c.WebhookSecret, "webhook-secret", c.WebhookSecret, "HMAC-SHA256 key of the generic inbound webhook (env FRONTDESK_WEBHOOK_SECRET)")
}

// bindDemoLocale registers --demo-locale.
func bindDemoLocale(fs *flag.FlagSet, c *Config) {
	fs.StringVar(&c.DemoLocale, "demo-locale", c.DemoLocale, "demo country set: en, ru, pl or sv (env FRONTDESK_DEMO_LOCALE)")
}

// validateServe checks what serve needs that can be checked without opening anything;
// the database address is checked by db.Open.
func (c Config) validateServe() error {
	if err := c.validateDemo(); err != nil {
		return err
	}
	if c.PageSecret != "" && len(c.PageSecret) < minPageSecret {
		return usagef("--page-secret: at least %d characters", minPageSecret)
	}
	if c.TokenTTL <= 0 {
		return usagef("--token-ttl %s: must be positive", c.TokenTTL)
	}
	if err := checkAddr(c.Addr); err != nil {
		return err
	}
	return checkDir(c.TemplatesDir)
}

// validateDemo checks the settings of the demo command.
func (c Config) validateDemo() error {
	if err := c.validateDB(); err != nil {
		return err
	}
	if !slices.Contains(demoLocales, c.DemoLocale) {
		return usagef("--demo-locale %q: want one of %s", c.DemoLocale, strings.Join(demoLocales, ", "))
	}
	return nil
}

// validateDB checks the settings every command that opens the database shares.
func (c Config) validateDB() error {
	_, err := logLevel(c.LogLevel)
	return err
}

// checkAddr accepts host:port with a port from 0 to 65535.
func checkAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return usagef("--addr %q: want host:port, e.g. :8080 or 127.0.0.1:8080", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return usagef("--addr %q: port must be a number from 0 to 65535", addr)
	}
	return nil
}

// checkDir accepts an empty path (use the built-in templates) or a readable folder.
func checkDir(dir string) error {
	if dir == "" {
		return nil
	}
	st, err := os.Stat(dir)
	if err != nil {
		return usagef("--templates-dir %q: %v", dir, unwrapPath(err))
	}
	if !st.IsDir() {
		return usagef("--templates-dir %q: not a folder", dir)
	}
	if _, err := os.ReadDir(dir); err != nil {
		return usagef("--templates-dir %q: %v", dir, unwrapPath(err))
	}
	return nil
}

// unwrapPath drops the path an os error repeats, since the message already names it.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// logLevel parses a slog level name.
func logLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return l, usagef("--log-level %q: want debug, info, warn or error", s)
	}
	return l, nil
}

// newLogger writes JSON lines to w at the configured level.
func newLogger(c Config, w io.Writer) *slog.Logger {
	l, _ := logLevel(c.LogLevel)
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: l}))
}
