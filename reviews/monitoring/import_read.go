package monitoring

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// decodeRows reads each element of a JSON import strictly (no unknown fields, no wrong
// types), naming a bad one by its row: reviews[12].rating.
func decodeRows(raws []json.RawMessage) ([]ImportRow, error) {
	rows := make([]ImportRow, len(raws))
	var errs []fault.FieldError
	for i, raw := range raws {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rows[i]); err != nil {
			errs = append(errs, rowDecodeError(i, err))
		}
		if len(errs) >= maxRowErrors {
			break
		}
	}
	if len(errs) > 0 {
		return nil, badRows(errs)
	}
	return rows, nil
}

func rowDecodeError(i int, err error) fault.FieldError {
	at := fmt.Sprintf("reviews[%d]", i)
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		if typeErr.Field == "" {
			return fault.FieldError{Field: at, Code: "wrong_type", Message: "must be an object"}
		}
		return fault.FieldError{Field: at + "." + typeErr.Field, Code: "wrong_type", Message: "must be " + kindOf(typeErr.Field)}
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return fault.FieldError{Field: at + "." + strings.Trim(name, `"`), Code: "unknown_field", Message: "is not a known field"}
	}
	return fault.FieldError{Field: at, Code: "malformed", Message: "is not a review object"}
}

func kindOf(field string) string {
	if field == "rating" {
		return "an integer"
	}
	return "a string"
}

// ImportColumns are the columns of a CSV import, as the JSON rows' fields.
var ImportColumns = []string{"external_id", "author", "rating", "comment", "created_at", "updated_at", "reply", "replied_at"}

// requiredColumns must be in a CSV import's header.
var requiredColumns = []string{"external_id", "rating", "created_at"}

// readCSV reads a CSV import: UTF-8 (an optional byte-order mark), comma or semicolon
// separated (spreadsheets in Poland, Russia and Sweden save with ';'), a header row
// naming ImportColumns in any order, then one review per row. Quoted cells may span
// lines (a review's text often does).
func readCSV(body []byte) ([]ImportRow, error) {
	body = bytes.TrimPrefix(body, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = separator(body)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return nil, badRows([]fault.FieldError{{Field: "header", Code: "required", Message: "the file needs a header row naming its columns"}})
	}
	cols, err := columns(header)
	if err != nil {
		return nil, err
	}
	return records(r, cols)
}

// records reads the data rows after the header, each as wide as the header.
func records(r *csv.Reader, cols []string) ([]ImportRow, error) {
	var rows []ImportRow
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, badRows([]fault.FieldError{{Field: fmt.Sprintf("reviews[%d]", len(rows)), Code: "csv", Message: err.Error()}})
		}
		if len(rows) == MaxImportRows {
			return nil, ErrTooManyRows
		}
		if len(rec) != len(cols) {
			return nil, badRows([]fault.FieldError{{Field: fmt.Sprintf("reviews[%d]", len(rows)), Code: "cells",
				Message: fmt.Sprintf("has %d cells where the header names %d columns", len(rec), len(cols))}})
		}
		rows = append(rows, csvRow(cols, rec))
	}
}

// separator is ';' when the header line has semicolons and no commas, else ','.
func separator(body []byte) rune {
	line, _, _ := bytes.Cut(body, []byte("\n"))
	if bytes.Contains(line, []byte(";")) && !bytes.Contains(line, []byte(",")) {
		return ';'
	}
	return ','
}

// columns reads the header: known columns, each once, the required ones present.
func columns(header []string) ([]string, error) {
	cols := make([]string, len(header))
	for i, h := range header {
		cols[i] = strings.ToLower(strings.TrimSpace(h))
		switch {
		case !slices.Contains(ImportColumns, cols[i]):
			return nil, badHeader("unknown_column", fmt.Sprintf("%q is not a column; the columns are %s", h, strings.Join(ImportColumns, ", ")))
		case slices.Contains(cols[:i], cols[i]):
			return nil, badHeader("duplicate", fmt.Sprintf("%q appears twice", h))
		}
	}
	for _, want := range requiredColumns {
		if !slices.Contains(cols, want) {
			return nil, badHeader("required", "the header needs the column "+want)
		}
	}
	return cols, nil
}

func badHeader(code, msg string) error {
	return badRows([]fault.FieldError{{Field: "header", Code: code, Message: msg}})
}

// csvRow is one CSV record as a row; an empty optional cell is absent, and a rating
// that is not a number is out of range.
func csvRow(cols, rec []string) ImportRow {
	var r ImportRow
	for i, col := range cols {
		v := rec[i]
		if v == "" && col != "author" && col != "comment" {
			continue
		}
		switch col {
		case "rating":
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				n = 0
			}
			r.Rating = &n
		default:
			*cell(&r, col) = &v
		}
	}
	return r
}

// cell is the field a text column fills.
func cell(r *ImportRow, col string) **string {
	switch col {
	case "external_id":
		return &r.ExternalID
	case "author":
		return &r.Author
	case "comment":
		return &r.Comment
	case "created_at":
		return &r.CreatedAt
	case "updated_at":
		return &r.UpdatedAt
	case "reply":
		return &r.Reply
	}
	return &r.RepliedAt
}
