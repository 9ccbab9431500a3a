package api_test

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/frontdeskhq/frontdesk/api"
)

// The contract keeps what Spectral's oas ruleset asks of it, so the lint stays at
// zero without the tool: every operation has a unique operationId, a summary and
// declared tags, and every declared tag is described and used.
func TestContractOperationsAreNamedAndTagged(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(api.OpenAPISpec())
	if err != nil {
		t.Fatal(err)
	}
	declared, used := map[string]bool{}, map[string]bool{}
	for _, tag := range doc.Tags {
		declared[tag.Name] = true
		if tag.Description == "" {
			t.Errorf("tag %s has no description", tag.Name)
		}
	}
	ids := map[string]string{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			where := method + " " + path
			checkOperation(t, where, op, declared, used)
			if prev, taken := ids[op.OperationID]; taken {
				t.Errorf("%s repeats operationId %q of %s", where, op.OperationID, prev)
			}
			ids[op.OperationID] = where
		}
	}
	for name := range declared {
		if !used[name] {
			t.Errorf("tag %s is declared but no operation uses it", name)
		}
	}
}

func checkOperation(t *testing.T, where string, op *openapi3.Operation, declared, used map[string]bool) {
	t.Helper()
	if op.OperationID == "" || op.Summary == "" || len(op.Tags) == 0 {
		t.Errorf("%s lacks an operationId, a summary or a tag", where)
	}
	for _, tag := range op.Tags {
		used[tag] = true
		if !declared[tag] {
			t.Errorf("%s uses tag %s, which is not declared", where, tag)
		}
	}
}
