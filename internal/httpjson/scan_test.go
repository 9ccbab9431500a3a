package httpjson

import (
	"strings"
	"testing"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

type textItem struct {
	Note string `json:"note" text:"free"`
	Tag  string `json:"tag"`
}

type textBody struct {
	Name    string            `json:"name"`
	Notes   *string           `json:"notes" text:"free"`
	Items   []textItem        `json:"items"`
	Labels  map[string]string `json:"labels"`
	Patient *struct {
		FirstName string `json:"first_name"`
	} `json:"patient"`
}

// TestDecodeRefusesBadText: each body is refused naming the field and the reason.
func TestDecodeRefusesBadText(t *testing.T) {
	cases := []struct{ body, field, code string }{
		{`{"name":"a\u0000b"}`, "name", "control_character"},
		{`{"name":"a\u001Fb"}`, "name", "control_character"},
		{`{"notes":"x\u0007"}`, "notes", "control_character"},
		{"{\"name\":\"a\x00b\"}", "name", "control_character"},
		{`{"name":"\ud800"}`, "name", "lone_surrogate"},
		{`{"name":"\udc00x"}`, "name", "lone_surrogate"},
		{`{"name":"\ud800\u0041"}`, "name", "lone_surrogate"},
		{"{\"name\":\"a\xffb\"}", "name", "invalid_utf8"},
		{"{\"name\":\"\xed\xa0\x80\"}", "name", "invalid_utf8"}, // a surrogate in raw UTF-8
		{`{"name":"a","name":"b"}`, "name", "duplicate_key"},
		{`{"name":"a","NAME":"b"}`, "NAME", "duplicate_key"},
		{`{"patient":{"first_name":"a","first_name":"b"}}`, "patient.first_name", "duplicate_key"},
		{`{"items":[{},{},{"note":"\u0000"}]}`, "items[2].note", "control_character"},
		{`{"name":"a\nb"}`, "name", "control_character"},
		{`{"name":"a\tb"}`, "name", "control_character"},
		{`{"patient":{"first_name":"Ann\r"}}`, "patient.first_name", "control_character"},
		{`{"items":[{"tag":"a\nb"}]}`, "items[0].tag", "control_character"},
		{`{"labels":{"a\nb":"x"}}`, "labels.a\nb", "control_character"},
		{`{"labels":{"k":"\u0000"}}`, "labels.k", "control_character"},
	}
	for _, tc := range cases {
		var v textBody
		fe, ok := fault.As(decodeBody([]byte(tc.body), &v))
		if !ok || len(fe.Fields) != 1 || fe.Fields[0].Field != tc.field || fe.Fields[0].Code != tc.code {
			t.Errorf("%q: got %+v, want %s on %q", tc.body, fe, tc.code, tc.field)
		}
	}
}

// TestDecodeKeepsGoodText: free text keeps its line breaks, and non-ASCII text
// (escaped surrogate pairs included) arrives intact.
func TestDecodeKeepsGoodText(t *testing.T) {
	body := `{"name":"Zażółć \ud83d\ude00 😀 \u00e9","notes":"line 1\nline 2\r\n\ttab",` +
		`"items":[{"note":"a\nb","tag":"x"}],"labels":{"pl":"Łódź"}}`
	var v textBody
	if err := decodeBody([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
	if v.Name != "Zażółć 😀 😀 é" || *v.Notes != "line 1\nline 2\r\n\ttab" || v.Items[0].Note != "a\nb" {
		t.Fatalf("decoded %+v", v)
	}
	var w textBody
	if err := decodeBody([]byte(`{"name":"a\\u0000"}`), &w); err != nil || w.Name != `a\u0000` {
		t.Fatalf("an escaped backslash before u0000: %v %q", err, w.Name)
	}
}

// TestDecodeRefusesDeepNesting: a body of nothing but brackets is refused without
// walking it to the end.
func TestDecodeRefusesDeepNesting(t *testing.T) {
	var v textBody
	body := `{"labels":` + strings.Repeat("[", 1<<20)
	fe, ok := fault.As(decodeBody([]byte(body), &v))
	if !ok || fe.Fields[0].Code != "too_deep" {
		t.Fatalf("got %+v", fe)
	}
}

// TestDecodeStillMalformed: broken JSON is still malformed, not a named field.
func TestDecodeStillMalformed(t *testing.T) {
	for _, body := range []string{`{"name":`, `{"name":"a"} {}`, `{"name" "a"}`, `[1,]`} {
		var v textBody
		if err := decodeBody([]byte(body), &v); err != ErrMalformedJSON {
			t.Errorf("%s: got %v", body, err)
		}
	}
}
