package questionnaire

import (
	"context"
	"net/http"
	"testing"
	"time"
)

// BenchmarkRenderPage is the template alone: the whole default form with answers and
// two problems, no database.
func BenchmarkRenderPage(b *testing.B) {
	p := newPages(&Service{now: time.Now, defs: MustDefault()}, PageOptions{})
	def := p.s.Definition()
	f := Form{Definition: def, Locale: "pl"}
	st := formState{raw: Raw{"first_name": {"Zofia"}, "last_name": {"<b>Wiśniewska</b>"}, "allergies": {"latex", "other"},
		"medications": {"Metformin"}, "sex": {"female"}}, problems: []Problem{{LinkID: "birth_date", Code: "required"},
		{LinkID: "pain_level", Code: "max", Arg: 10}}}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if a := p.render(ctx, "token", f, http.StatusUnprocessableEntity, st); a.Status != http.StatusUnprocessableEntity {
			b.Fatal(string(a.HTML))
		}
	}
}
