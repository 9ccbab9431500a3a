package db

import (
	"context"
	"database/sql"
	"time"
)

// SQLite's own checkpoints run inside the COMMIT that pushes the WAL past 1,000 pages:
// that commit copies the pages back into the database file and syncs both files while
// it still holds the one writer, so every few dozen bookings one write transaction took
// tens of milliseconds and everyone queued behind it. The writer connection therefore
// never checkpoints (wal_autocheckpoint(0)); a connection of its own copies the WAL back
// in the background with PASSIVE checkpoints, which never block the writer or readers.

// checkpointEvery is how often the background checkpoint runs; one with nothing to copy
// costs a few microseconds.
const checkpointEvery = 100 * time.Millisecond

// checkpointer runs PASSIVE checkpoints on its own connection until stopped.
type checkpointer struct {
	conn *sql.DB
	stop chan struct{}
	done chan struct{}
}

// startCheckpointer opens a connection to the database at dsn and checkpoints it every
// checkpointEvery.
func startCheckpointer(dsn string) (*checkpointer, error) {
	conn, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, err
	}
	conn.SetMaxOpenConns(1)
	c := &checkpointer{conn: conn, stop: make(chan struct{}), done: make(chan struct{})}
	go c.loop()
	return c, nil
}

func (c *checkpointer) loop() {
	defer close(c.done)
	tick := time.NewTicker(checkpointEvery)
	defer tick.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-tick.C:
			// A failed checkpoint is tried again on the next tick; the WAL only grows meanwhile.
			_, _ = c.conn.ExecContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)")
		}
	}
}

// Close stops the checkpoints and closes the connection.
func (c *checkpointer) Close() error {
	close(c.stop)
	<-c.done
	return c.conn.Close()
}
