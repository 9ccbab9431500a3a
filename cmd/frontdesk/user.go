package main

import (
	"context"
	"fmt"
	"io"
	"net/mail"
	"strings"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/staff"
)

// minPassword matches the staff API's rule for passwords set by hand.
const minPassword = 10

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// runUser adds a staff user from the command line: the way in to a fresh install,
// before anyone can sign in to the API.
func runUser(ctx context.Context, args []string, std stdio) error {
	if len(args) == 0 || args[0] != "add" {
		return usagef("user: want \"user add --email … --name … --role owner|admin|doctor|nurse\"")
	}
	cfg, n, err := userConfig(args[1:], std.out)
	if err != nil {
		return err
	}
	generated := n.Password == ""
	if generated {
		n.Password = staff.GeneratePassword()
	}
	d, err := openMigrated(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	s, err := staff.NewService(d, audit.New(d, time.Now), time.Now, staff.Options{}).Create(ctx, n)
	if err != nil {
		return userError(err)
	}
	fmt.Fprintf(std.out, "added %s %s <%s> id %s\n", s.Role, s.Name, s.Email, s.ID)
	if generated {
		fmt.Fprintf(std.out, "password: %s\n", n.Password)
	}
	return nil
}

// userConfig reads the flags of user add and checks them before the database is touched.
func userConfig(args []string, out io.Writer) (Config, staff.NewStaff, error) {
	var n staff.NewStaff
	cfg, err := loadEnv()
	if err != nil {
		return cfg, n, err
	}
	fs := newFlags("user add")
	bindDB(fs, &cfg)
	var role string
	var branches listFlag
	fs.StringVar(&n.Email, "email", "", "sign-in e-mail (required)")
	fs.StringVar(&n.Name, "name", "", "full name (required)")
	fs.StringVar(&role, "role", "", "owner, admin, doctor or nurse (required)")
	fs.StringVar(&n.Password, "password", "", "password; when empty one is generated and printed")
	fs.Var(&branches, "branch", "id of a branch the user works at (repeatable)")
	if err := parseFlags(fs, args, out); err != nil {
		return cfg, n, err
	}
	n.Role, n.BranchIDs = actor.Role(role), branches
	if err := checkNewStaff(n); err != nil {
		return cfg, n, err
	}
	return cfg, n, cfg.validateDB()
}

func checkNewStaff(n staff.NewStaff) error {
	if a, err := mail.ParseAddress(n.Email); err != nil || a.Address != n.Email {
		return usagef("user add: --email %q is not an e-mail address", n.Email)
	}
	if strings.TrimSpace(n.Name) == "" || len(n.Name) > 200 {
		return usagef("user add: --name is required (at most 200 characters)")
	}
	if !n.Role.Valid() {
		return usagef("user add: --role %q: want owner, admin, doctor or nurse", n.Role)
	}
	if n.Password != "" && len(n.Password) < minPassword {
		return usagef("user add: --password must have at least %d characters", minPassword)
	}
	return nil
}

// userError makes a rejected input (unknown branch) a usage error and keeps the rest
// (a taken e-mail, a database failure) as failures.
func userError(err error) error {
	if fe, ok := fault.As(err); ok && fe.Kind == fault.Invalid {
		return usagef("user add: %v", err)
	}
	return err
}
