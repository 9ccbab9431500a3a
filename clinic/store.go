package clinic

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
)

// The store files hold the directory's SQL: whole statements in named constants, each
// next to the function that runs it, with "?" placeholders that the db helpers rebind.
// They know tables, not rules.

// jsonText keeps a Go value as JSON in a TEXT column, so lists and maps are stored the
// same way on both databases.
type jsonText[T any] struct{ V T }

// Value implements driver.Valuer.
func (j jsonText[T]) Value() (driver.Value, error) {
	b, err := json.Marshal(j.V)
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// Scan implements sql.Scanner.
func (j *jsonText[T]) Scan(src any) error {
	switch v := src.(type) {
	case string:
		return json.Unmarshal([]byte(v), &j.V)
	case []byte:
		return json.Unmarshal(v, &j.V)
	case nil:
		var zero T
		j.V = zero
		return nil
	}
	return fmt.Errorf("clinic: cannot read %T as JSON text", src)
}

// scopeArgs turns a scope into the two arguments of "(? OR branch_id IN (?))". The list
// is never empty, because an empty IN list is not valid SQL: it holds a UUID that names
// no branch instead, which matches nothing (or nothing more, when the flag is set).
func scopeArgs(sc scope) (bool, []string) {
	if sc.all || len(sc.branches) == 0 {
		return sc.all, []string{minID}
	}
	return false, sc.branches
}

// activeArgs turns an optional active filter into the two arguments of "(? OR active = ?)".
func activeArgs(active *bool) (anyState, want bool) {
	if active == nil {
		return true, false
	}
	return false, *active
}

// orEmpty makes a missing list an empty one, so answers say [] rather than null.
func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
