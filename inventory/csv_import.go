package inventory

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/fault"
)

// The import file: a header row naming the columns (any order; sku, name, category
// and unit are required), then one row per item, or per further lot, place or
// supplier of an item named on an earlier row by the same SKU. Comma or semicolon
// separated (spreadsheets in Poland, Russia and Sweden save with ';'), UTF-8, an
// optional byte-order mark. The rules, all checked before anything is stored:
//   - An import adds new items only: a SKU the catalogue has already is a bad row, so
//     importing the same file twice cannot double the opening stock.
//   - quantity is opening stock in the item's unit, received at location (a location
//     of the branch, by its exact name; unknown names are bad rows, never new places)
//     into lot_number / expires_on as the item's tracking asks. It is posted as a
//     receipt from the import.
//   - par_level, reorder_point and critical_level come together, for location.
//   - supplier names a supplier (one is added when none has this name) with its
//     pack_price_minor; currency defaults to the branch's.
//
// Any bad row fails the whole file: every bad cell is named "line N: column".

// ImportColumns are the columns an import file may carry.
var ImportColumns = []string{"sku", "name", "name_ru", "name_pl", "name_sv", "category", "unit", "pack_unit",
	"pack_size", "board", "lot_tracked", "expiry_tracked", "location", "par_level", "reorder_point",
	"critical_level", "lot_number", "expires_on", "quantity", "supplier", "catalogue_number", "pack_price_minor",
	"currency", "lead_days"}

// requiredColumns must be in the header.
var requiredColumns = []string{"sku", "name", "category", "unit"}

// MaxImportRows bounds one file; a bigger catalogue is imported in parts.
const MaxImportRows = 5000

// maxCell bounds any one cell, in characters.
const maxCell = 200

// ErrTooManyRows refuses a file with more than MaxImportRows rows.
var ErrTooManyRows = fault.New(fault.TooLarge, "too_many_rows", "an import holds at most 5000 rows; split the file")

// ImportResult tells what an import added; ImportID is the source id of its receipts.
type ImportResult struct {
	ImportID  string `json:"import_id"`
	Items     int    `json:"items"`
	Suppliers int    `json:"suppliers"`
	Levels    int    `json:"levels"`
	Receipts  int    `json:"receipts"`
	Units     int64  `json:"units"`
}

// csvRow is one data row: its line in the file, its cells by column and what is
// wrong with its text.
type csvRow struct {
	line  int
	cells map[string]string
	bad   []fault.FieldError
}

func (r csvRow) get(col string) string { return r.cells[col] }

// Import adds the items, levels, suppliers and opening stock of a CSV file to
// branchID in one transaction: all of it, or on any bad row nothing.
func (s *Service) Import(ctx context.Context, branchID string, body []byte) (ImportResult, error) {
	b, err := s.Branch(ctx, branchID)
	if err != nil {
		return ImportResult{}, err
	}
	rows, err := readImport(body)
	if err != nil {
		return ImportResult{}, err
	}
	var res ImportResult
	err = s.DB().InTx(ctx, func(tx db.Tx) error {
		p, err := s.planImport(ctx, tx, b, rows)
		if err != nil {
			return err
		}
		res, err = s.applyImport(ctx, tx, p)
		return err
	})
	return res, err
}

// readImport parses the file into rows, refusing broken CSV, hostile text, unknown
// columns and ragged rows; every such row is named.
func readImport(body []byte) ([]csvRow, error) {
	body = bytes.TrimPrefix(body, []byte("\uFEFF"))
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma, r.FieldsPerRecord = delimiter(body), -1
	header, err := r.Read()
	if err != nil {
		return nil, csvError(err, "the file is empty: a header row is required")
	}
	cols, err := readHeader(header)
	if err != nil {
		return nil, err
	}
	return readRows(r, cols)
}

// delimiter is ';' when the header line has semicolons and no commas, else ','.
func delimiter(body []byte) rune {
	first, _, _ := bytes.Cut(body, []byte("\n"))
	if bytes.ContainsRune(first, ';') && !bytes.ContainsRune(first, ',') {
		return ';'
	}
	return ','
}

func readHeader(header []string) ([]string, error) {
	var bad []fault.FieldError
	cols := make([]string, len(header))
	for i, h := range header {
		cols[i] = strings.ToLower(strings.TrimSpace(h))
		switch {
		case !slices.Contains(ImportColumns, cols[i]):
			bad = append(bad, cellError(1, h, "unknown_column", "is not a known column; the columns are: "+strings.Join(ImportColumns, ", ")))
		case slices.Contains(cols[:i], cols[i]):
			bad = append(bad, cellError(1, h, "duplicate_column", "is named twice"))
		}
	}
	for _, c := range requiredColumns {
		if !slices.Contains(cols, c) {
			bad = append(bad, cellError(1, c, "required", "the header must name this column"))
		}
	}
	if len(bad) > 0 {
		return nil, fault.Fields(bad...)
	}
	return cols, nil
}

func readRows(r *csv.Reader, cols []string) ([]csvRow, error) {
	var rows []csvRow
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		if err != nil {
			return nil, csvError(err, "")
		}
		line, _ := r.FieldPos(0)
		if len(rows) >= MaxImportRows {
			return nil, ErrTooManyRows
		}
		if row := toRow(line, cols, rec); !row.blank() {
			rows = append(rows, row)
		}
	}
}

// toRow checks a record's width and every cell's text: valid UTF-8, no control
// characters (PostgreSQL refuses NUL; the rest only ever smuggle), at most maxCell.
// What it finds stays with the row, so the file's errors are reported in line order.
func toRow(line int, cols, rec []string) csvRow {
	row := csvRow{line: line, cells: map[string]string{}}
	if len(rec) != len(cols) {
		row.bad = []fault.FieldError{cellError(line, "", "columns",
			"has "+itoa(int64(len(rec)))+" cells; the header has "+itoa(int64(len(cols))))}
		return row
	}
	for i, v := range rec {
		v = strings.TrimSpace(v)
		switch {
		case !utf8.ValidString(v):
			row.bad = append(row.bad, cellError(line, cols[i], "invalid_utf8", "must be valid UTF-8"))
		case strings.ContainsFunc(v, isControl):
			row.bad = append(row.bad, cellError(line, cols[i], "control_character", "must not contain control characters or line breaks"))
		case utf8.RuneCountInString(v) > maxCell:
			row.bad = append(row.bad, cellError(line, cols[i], "max", "must be at most 200 characters"))
		}
		row.cells[cols[i]] = v
	}
	return row
}

func (r csvRow) blank() bool {
	if len(r.bad) > 0 {
		return false
	}
	for _, v := range r.cells {
		if v != "" {
			return false
		}
	}
	return true
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

// cellError names a bad cell as "line N: column", or the whole line.
func cellError(line int, col, code, message string) fault.FieldError {
	f := "line " + itoa(int64(line))
	if col != "" {
		f += ": " + col
	}
	return fault.FieldError{Field: f, Code: code, Message: message}
}

// csvError names the line where the file stops being CSV (an unclosed quote, a stray
// quote in a bare cell); past it nothing can be read reliably, so it is reported alone.
func csvError(err error, empty string) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fault.Fields(cellError(pe.Line, "", "csv", "is not valid CSV: "+pe.Err.Error()))
	}
	if errors.Is(err, io.EOF) {
		return fault.Fields(cellError(1, "", "required", empty))
	}
	return err
}
