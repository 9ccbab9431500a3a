package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// fullVersion is the release name, or for a development build the commit it was built from.
func fullVersion() string {
	if version != "dev" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return version
	}
	rev, dirty := "", ""
	for _, s := range info.Settings {
		switch {
		case s.Key == "vcs.revision" && len(s.Value) >= 12:
			rev = s.Value[:12]
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = "+dirty"
		}
	}
	if rev == "" {
		return version
	}
	return version + "-" + rev + dirty
}

func runVersion(_ context.Context, args []string, std stdio) error {
	if err := parseFlags(newFlags("version"), args, std.out); err != nil {
		return err
	}
	fmt.Fprintf(std.out, "frontdesk %s %s %s/%s\n", fullVersion(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	return nil
}
