package inventory

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// The planner's readers of single cells; each names the cell it refuses.

// placed says whether the row names the location what needs one.
func (p *planner) placed(r csvRow, loc, what string) bool {
	if r.get("location") == "" {
		p.fail(r, "location", "required", "is required for "+what)
	}
	return loc != ""
}

// once says whether key is new to the file; a repeat is a bad row naming the first.
func (p *planner) once(r csvRow, col, key, what string) bool {
	if line, ok := p.seen[key]; ok {
		p.fail(r, col, "duplicate", what+" are given on line "+itoa(int64(line))+" already")
		return false
	}
	p.seen[key] = r.line
	return true
}

func (p *planner) required(r csvRow, col string) bool {
	if r.get(col) == "" {
		p.fail(r, col, "required", "is required")
		return false
	}
	return true
}

func (p *planner) oneOf(r csvRow, col string, allowed []string) {
	if v := r.get(col); v != "" && !slices.Contains(allowed, v) {
		p.fail(r, col, "oneof", "must be one of: "+strings.Join(allowed, ", "))
	}
}

// whole reads a whole number in [lo, hi]; an empty cell is def.
func (p *planner) whole(r csvRow, col string, def, lo, hi int64) int64 {
	v := r.get(col)
	if v == "" {
		return def
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < lo || n > hi {
		p.fail(r, col, "range", "must be a whole number from "+itoa(lo)+" to "+itoa(hi))
		return def
	}
	return n
}

// yes reads a yes/no cell: true, yes, 1 or false, no, 0, empty.
func (p *planner) yes(r csvRow, col string) bool {
	switch v := r.get(col); v {
	case "true", "TRUE", "yes", "1":
		return true
	case "", "false", "FALSE", "no", "0":
		return false
	}
	p.fail(r, col, "boolean", "must be true or false")
	return false
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
