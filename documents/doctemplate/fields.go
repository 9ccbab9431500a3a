package doctemplate

import (
	"reflect"
	"strings"
	"text/template/parse"
)

// fields follows a chain like .Patient.BirthDate.Year from t, refusing a name the
// type has neither as an exported field nor as a method, and an answer id the
// questionnaire does not ask.
func (c *checker) fields(n parse.Node, t reflect.Type, from string, names []string) (reflect.Type, error) {
	path := strings.TrimSuffix(from, ".")
	for _, name := range names {
		path += "." + name
		if t == nil {
			return nil, nil
		}
		next, ok := member(t, name)
		if t == answersType && !answerIDSet[name] {
			return nil, c.errorAt(n, "%s: %q is not a question of the dental-intake questionnaire", path, name)
		}
		if !ok {
			return nil, c.errorAt(n, "%s: %s has no field %s", path, typeName(t), name)
		}
		t = next
	}
	return t, nil
}

// member is the type of t.name as text/template would evaluate it: a method
// (on the value or its pointer), a struct field, or a map key.
func member(t reflect.Type, name string) (reflect.Type, bool) {
	if m, ok := reflect.PointerTo(deref(t)).MethodByName(name); ok {
		if m.Type.NumOut() == 0 {
			return nil, false
		}
		return m.Type.Out(0), true
	}
	t = deref(t)
	switch t.Kind() {
	case reflect.Struct:
		f, ok := t.FieldByName(name)
		if !ok || !f.IsExported() {
			return nil, false
		}
		return f.Type, true
	case reflect.Map:
		return t.Elem(), t.Key().Kind() == reflect.String
	case reflect.Interface:
		return nil, true
	}
	return nil, false
}

func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func typeName(t reflect.Type) string {
	if t == answersType {
		return "Answers"
	}
	return deref(t).Name()
}
