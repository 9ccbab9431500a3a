package main

import (
	"context"
	"fmt"
	"io"
	"path"
	"text/tabwriter"

	"github.com/frontdeskhq/frontdesk/internal/db"
)

// runMigrate applies (up) or lists (status) migrations without starting the server, so an
// operator can migrate before rolling out new instances.
func runMigrate(ctx context.Context, args []string, std stdio) error {
	if len(args) == 0 || (args[0] != "up" && args[0] != "status") {
		return usagef("migrate: want \"migrate up\" or \"migrate status\"")
	}
	cfg, err := dbConfig("migrate "+args[0], args[1:], std.out)
	if err != nil {
		return err
	}
	d, err := openDB(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	if args[0] == "up" {
		if err := d.Migrate(ctx); err != nil {
			return err
		}
	}
	return printStatus(ctx, d, std.out)
}

// dbConfig reads the settings of a command that only needs the database.
func dbConfig(name string, args []string, out io.Writer) (Config, error) {
	cfg, err := loadEnv()
	if err != nil {
		return cfg, err
	}
	fs := newFlags(name)
	bindDB(fs, &cfg)
	if err := parseFlags(fs, args, out); err != nil {
		return cfg, err
	}
	return cfg, cfg.validateDB()
}

func printStatus(ctx context.Context, d *db.DB, out io.Writer) error {
	states, err := d.MigrationStatus(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "VERSION\tNAME\tSTATE")
	for _, s := range states {
		state := "pending"
		if s.Applied {
			state = "applied"
		}
		fmt.Fprintf(w, "%05d\t%s\t%s\n", s.Version, path.Base(s.Name), state)
	}
	return w.Flush()
}
