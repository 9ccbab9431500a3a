package app_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/frontdeskhq/frontdesk/"

// The architecture's layers (ARCHITECTURE.md, "Who may import whom").
var (
	// features never import one another; what they need of each other comes through
	// visit/ or a small interface internal/app fills in.
	features = []string{"booking", "documents", "reviews", "inventory", "telephony", "figures", "reminders"}
	// shared are what every feature may import.
	shared = []string{"visit", "clinic", "staff", "tasks", "messaging", "templates"}
	// roots may import anything: the composition root, what is built on it, and the
	// test kits only tests import.
	roots = []string{"internal/app", "api/apitest", "bench", "booking/bookingtest"}
)

// top is a package's first path element ("booking" for "booking/schedule").
func top(pkg string) string { first, _, _ := strings.Cut(pkg, "/"); return first }

func under(pkg, root string) bool { return pkg == root || strings.HasPrefix(pkg, root+"/") }

func anyUnder(pkg string, roots []string) bool {
	for _, r := range roots {
		if under(pkg, r) {
			return true
		}
	}
	return false
}

func isInternal(pkg string) bool { return top(pkg) == "internal" && !under(pkg, "internal/app") }

// forbidden says why pkg may not import dep ("" when it may). Both are paths inside
// the module.
func forbidden(pkg, dep string) string {
	switch {
	case anyUnder(pkg, roots):
		return ""
	case top(pkg) == "cmd":
		return allowIf(top(dep) == "internal" || anyUnder(dep, shared), "cmd/ reads flags and calls internal/app")
	case under(dep, "internal/app") || anyUnder(dep, roots):
		return "only cmd/ builds the app from internal/app"
	case top(pkg) == "api":
		return allowIf(isInternal(dep), "api/ is the JSON face: middleware and problem+json, no features")
	case pkg == "booking" && strings.HasPrefix(dep, "booking/"):
		return "the booking core imports none of its parts"
	case anyUnder(pkg, features):
		return allowIf(isInternal(dep) || anyUnder(dep, shared) || top(dep) == top(pkg),
			"a feature imports only visit, clinic, staff, tasks, messaging, templates, internal and its own parts")
	case anyUnder(pkg, shared):
		return allowIf(isInternal(dep) || anyUnder(dep, shared), "shared packages import no feature")
	case isInternal(pkg):
		return allowIf(isInternal(dep) || dep == "visit", "internal/ is the bottom layer (it may name the visit contract)")
	}
	return ""
}

func allowIf(ok bool, why string) string {
	if ok {
		return ""
	}
	return why
}

// fiberFiles may import fiber: HTTP handlers, the JSON face, the console, the root.
func fiberAllowed(pkg, file string) bool {
	return strings.HasPrefix(filepath.Base(file), "http") || top(pkg) == "api" || top(pkg) == "console" ||
		under(pkg, "internal/app")
}

// TestImportRules fails when a package imports across the architecture's layers, or
// a file other than an HTTP one imports fiber.
func TestImportRules(t *testing.T) {
	for _, f := range moduleFiles(t) {
		for _, dep := range f.imports {
			if strings.HasPrefix(dep, module) {
				if why := forbidden(f.pkg, strings.TrimPrefix(dep, module)); why != "" {
					t.Errorf("%s imports %s: %s", f.path, strings.TrimPrefix(dep, module), why)
				}
			}
			if strings.HasPrefix(dep, "github.com/gofiber/fiber") && !fiberAllowed(f.pkg, f.path) {
				t.Errorf("%s imports fiber: only http*.go files, api/ and console/ may", f.path)
			}
		}
	}
}

// TestImportRulesCatchForbiddenImports keeps the rules honest: each of these must be
// refused, each of the allowed ones accepted.
func TestImportRulesCatchForbiddenImports(t *testing.T) {
	for _, c := range [][2]string{{"documents", "booking"}, {"reminders", "booking/selfservice"}, {"booking", "booking/schedule"},
		{"messaging", "booking"}, {"visit", "booking"}, {"internal/db", "clinic"}, {"api", "booking"},
		{"cmd/frontdesk", "booking"}, {"booking", "internal/app"}, {"booking", "documents"}} {
		if forbidden(c[0], c[1]) == "" {
			t.Errorf("%s importing %s is allowed", c[0], c[1])
		}
	}
	for _, c := range [][2]string{{"booking/schedule", "booking"}, {"documents", "visit"}, {"messaging", "tasks"},
		{"internal/events", "visit"}, {"cmd/frontdesk", "internal/app"}, {"documents", "documents/pdf"}} {
		if why := forbidden(c[0], c[1]); why != "" {
			t.Errorf("%s importing %s is refused: %s", c[0], c[1], why)
		}
	}
	if fiberAllowed("booking", "booking/service.go") || !fiberAllowed("booking", "booking/http_visits.go") {
		t.Error("the fiber rule does not tell handlers from the rest")
	}
}

type goFile struct {
	path, pkg string
	imports   []string
}

// moduleFiles parses the imports of every non-test Go file of the module.
func moduleFiles(t *testing.T) []goFile {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	var out []goFile
	err = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() && strings.HasPrefix(e.Name(), ".") && path != root {
			return skipDir(e, err)
		}
		if e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parseImports(root, path)
		out = append(out, f)
		return err
	})
	if err != nil || len(out) < 100 {
		t.Fatalf("walking the module: %v (%d files)", err, len(out))
	}
	return out
}

func skipDir(e fs.DirEntry, err error) error {
	if err != nil {
		return err
	}
	return filepath.SkipDir
}

func parseImports(root, path string) (goFile, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return goFile{}, err
	}
	file, err := parser.ParseFile(token.NewFileSet(), path, src, parser.ImportsOnly)
	if err != nil {
		return goFile{}, err
	}
	rel, _ := filepath.Rel(root, path)
	f := goFile{path: filepath.ToSlash(rel), pkg: filepath.ToSlash(filepath.Dir(rel))}
	for _, spec := range file.Imports {
		dep, _ := strconv.Unquote(spec.Path.Value)
		f.imports = append(f.imports, dep)
	}
	return f, nil
}
