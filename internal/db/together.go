package db

import (
	"errors"
	"sync"
)

// Together runs independent reads side by side (on PostgreSQL their round trips
// overlap; on SQLite they take separate reader connections) and joins their errors
// in the order given.
func Together(reads ...func() error) error {
	errs := make([]error, len(reads))
	var wg sync.WaitGroup
	for i, read := range reads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = read()
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}
