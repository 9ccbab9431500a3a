package documents

import (
	"context"
	"sync"

	"github.com/frontdeskhq/frontdesk/clinic"
)

// memo is the clinic directory remembered for one day's packs: forty visits share a
// branch, a few services and a few doctors. Patient cards are read (and audited) each.
type memo struct {
	Directory
	mu         sync.Mutex
	branches   map[string]clinic.Branch
	procedures map[string]clinic.Procedure
	doctors    map[string]clinic.Doctor
}

func newMemo(d Directory) *memo {
	return &memo{Directory: d, branches: map[string]clinic.Branch{}, procedures: map[string]clinic.Procedure{},
		doctors: map[string]clinic.Doctor{}}
}

// Branch reads a branch once.
func (m *memo) Branch(ctx context.Context, id string) (clinic.Branch, error) {
	return remember(m, m.branches, id, func() (clinic.Branch, error) { return m.Directory.Branch(ctx, id) })
}

// Procedure reads a service once.
func (m *memo) Procedure(ctx context.Context, id string) (clinic.Procedure, error) {
	return remember(m, m.procedures, id, func() (clinic.Procedure, error) { return m.Directory.Procedure(ctx, id) })
}

// Doctor reads a doctor once.
func (m *memo) Doctor(ctx context.Context, id string) (clinic.Doctor, error) {
	return remember(m, m.doctors, id, func() (clinic.Doctor, error) { return m.Directory.Doctor(ctx, id) })
}

// remember answers from seen or reads and keeps the answer; two workers asking at
// once may both read, which is harmless.
func remember[T any](m *memo, seen map[string]T, id string, read func() (T, error)) (T, error) {
	m.mu.Lock()
	v, ok := seen[id]
	m.mu.Unlock()
	if ok {
		return v, nil
	}
	v, err := read()
	if err == nil {
		m.mu.Lock()
		seen[id] = v
		m.mu.Unlock()
	}
	return v, err
}
