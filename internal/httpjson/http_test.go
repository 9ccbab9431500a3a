package httpjson

import (
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

type inner struct {
	Start Instant `json:"start" validate:"required"`
	Name  string  `json:"name" validate:"max=3"`
}

type outer struct {
	Visit inner `json:"visit"`
}

func TestDecodeNamesNestedFields(t *testing.T) {
	cases := map[string]string{
		`{"visit":{"start":"tomorrow"}}`:                                "visit.start",
		`{"visit":{"start":5}}`:                                         "visit.start",
		`{"visit":{"start":"2026-05-04T10:00:00+02:00","x":1}}`:         "x",
		`{"visit":{"start":"2026-05-04T10:00:00+02:00","name":"long"}}`: "visit.name",
		`{"visit":{"name":7}}`:                                          "visit.name",
		`{"visit":{}}`:                                                  "visit.start",
	}
	for body, field := range cases {
		var v outer
		err := decodeStrict([]byte(body), &v)
		if err == nil {
			err = Validate(v)
		}
		fe, ok := fault.As(err)
		if !ok || len(fe.Fields) != 1 || fe.Fields[0].Field != field {
			t.Errorf("%s: got %v, want an error naming %s", body, err, field)
		}
	}
}
