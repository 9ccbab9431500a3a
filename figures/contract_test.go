package figures_test

import (
	"os"
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/figures"
)

// The API documentation lists every figure with its definition word for word, so the
// definitions a client reads are the ones the dashboard shows.
func TestContractDefinesEveryFigure(t *testing.T) {
	doc, err := os.ReadFile("../api/openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s := figures.NewService(figures.Deps{})
	for _, d := range s.Catalog() {
		line := "- `" + d.Name + "` (" + d.Group + ", " + string(d.Unit) + "): " + d.Text
		if !strings.Contains(string(doc), line) {
			t.Errorf("openapi.yaml does not define %s as the catalog does:\n%s", d.Name, line)
		}
	}
}
