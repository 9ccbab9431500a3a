// Command frontdesk runs the dental clinic back office: the API server, migrations,
// the demo clinic and staff accounts. It only wires config → db → services → api.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	_ "time/tzdata" // branch time zones must resolve on hosts without a zoneinfo database
)

// Exit codes: a usage or configuration mistake is told apart from a failure at run time
// so that scripts and supervisors can stop retrying a process that cannot start.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// stdio is where a command writes: results for people and scripts to stdout, logs to stderr.
type stdio struct {
	out, err io.Writer
}

// command is one subcommand.
type command struct {
	summary string
	run     func(ctx context.Context, args []string, std stdio) error
}

var commands = map[string]command{
	"serve":   {"run the API server", runServe},
	"migrate": {"apply (up) or list (status) database migrations", runMigrate},
	"demo":    {"seed the demo clinic into a database", runDemo},
	"user":    {"add a staff user: user add --email --name --role [--password] [--branch id]", runUser},
	"version": {"print the version", runVersion},
}

var order = []string{"serve", "migrate", "demo", "user", "version"}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command; SIGTERM and SIGINT cancel its context.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second signal ends the process at once instead of waiting for the shutdown
	}()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		return report(usagef("unknown command %q (try: %s)", args[0], strings.Join(order, ", ")), stderr)
	}
	return report(cmd.run(ctx, args[1:], stdio{stdout, stderr}), stderr)
}

// report turns a command's error into one line on stderr and an exit code.
func report(err error, stderr io.Writer) int {
	var ue usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "frontdesk: "+oneLine(err))
		return exitUsage
	default:
		fmt.Fprintln(stderr, "frontdesk: "+oneLine(err))
		return exitFail
	}
}

func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: frontdesk <command> [flags]   (frontdesk <command> -h for its flags)")
	for _, name := range order {
		fmt.Fprintf(w, "  %-8s %s\n", name, commands[name].summary)
	}
}
