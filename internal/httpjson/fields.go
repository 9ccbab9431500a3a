package httpjson

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// TagFreeText marks a DTO field whose strings may hold tabs and line breaks, written
// `text:"free"`: notes, complaints, reasons, messages. Every other string is a single
// line, so a name or an e-mail with a line break (a header or log injection waiting to
// happen) is refused.
const TagFreeText = "free"

// checkLines walks the decoded value and refuses tabs and line breaks outside free
// text. It runs after decoding because only the Go type knows which field is which.
func checkLines(v reflect.Value, path string, free bool) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return checkLines(v.Elem(), path, free)
	case reflect.String:
		if !free && strings.ContainsAny(v.String(), "\t\r\n") {
			return fault.Field(path, "control_character", msgLineBreak)
		}
	case reflect.Struct:
		return checkStruct(v, path)
	case reflect.Slice, reflect.Array:
		return checkElems(v, path, free)
	case reflect.Map:
		return checkMap(v, path, free)
	}
	return nil
}

func checkStruct(v reflect.Value, path string) error {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if (!f.IsExported() && !f.Anonymous) || name == "-" {
			continue
		}
		field := path // an embedded struct's fields are the parent's, as in JSON
		if !f.Anonymous || name != "" {
			field = joinKey(path, jsonName(f, name))
		}
		if err := checkLines(v.Field(i), field, f.Tag.Get("text") == TagFreeText); err != nil {
			return err
		}
	}
	return nil
}

func jsonName(f reflect.StructField, tagged string) string {
	if tagged != "" {
		return tagged
	}
	return f.Name
}

func checkElems(v reflect.Value, path string, free bool) error {
	if v.Type().Elem().Kind() == reflect.Uint8 {
		return nil // bytes (json.RawMessage, base64) are not text
	}
	for i := 0; i < v.Len(); i++ {
		if err := checkLines(v.Index(i), path+"["+strconv.Itoa(i)+"]", free); err != nil {
			return err
		}
	}
	return nil
}

// checkMap judges keys as single lines always: they name things.
func checkMap(v reflect.Value, path string, free bool) error {
	iter := v.MapRange()
	for iter.Next() {
		field := joinKey(path, fmt.Sprint(iter.Key()))
		if err := checkLines(iter.Key(), field, false); err != nil {
			return err
		}
		if err := checkLines(iter.Value(), field, free); err != nil {
			return err
		}
	}
	return nil
}
