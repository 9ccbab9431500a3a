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
//
// A PASSIVE checkpoint never lets the WAL start over, though: the writer starts it over
// only when no reader is still reading from it, and under steady load some reader always
// is. The WAL then grew without end (2.5 GB in a one-minute load run), and every frame
// was appended to a new part of the file, which the kernel zeroed first: a fifth of the
// process's CPU, all of it on the one writer. Once the WAL passes restartFrames, the
// checkpoint is a RESTART instead: it holds off the writer while the readers still in
// the WAL finish, so the next write transaction starts the file over, overwriting pages
// already there. It waits at most checkpointWait for them (a long report must not stall
// bookings) and tries again on a later tick when that was not enough.

// checkpointEvery is how often the background checkpoint runs; one with nothing to copy
// costs a few microseconds.
const checkpointEvery = 100 * time.Millisecond

// restartFrames is the WAL length, in pages, past which a checkpoint starts it over:
// 16 MB of 4 KB pages.
const restartFrames = 4096

// walSizeLimit is what a WAL file that once grew larger is cut back to when it starts
// over (journal_size_limit), so a burst does not keep its disk space for good.
const walSizeLimit = "67108864"

// checkpointPragmas are the checkpoint connection's settings: its busy timeout is how
// long a RESTART waits for the writer and the readers (checkpointWait).
const checkpointPragmas = "_pragma=busy_timeout(20)&_pragma=synchronous(NORMAL)"

const (
	passiveCheckpoint = "PRAGMA wal_checkpoint(PASSIVE)"
	restartCheckpoint = "PRAGMA wal_checkpoint(RESTART)"
)

// checkpointer runs the background checkpoints on its own connection until stopped.
type checkpointer struct {
	conn *sql.DB
	stop chan struct{}
	done chan struct{}
	// frames is the WAL's length as the last checkpoint found it.
	frames int
}

// startCheckpointer opens a connection to the database at path and checkpoints it
// every checkpointEvery.
func startCheckpointer(path string) (*checkpointer, error) {
	conn, err := sql.Open("sqlite", "file:"+path+"?"+checkpointPragmas)
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
			c.checkpoint()
		}
	}
}

// checkpoint copies the WAL back, starting it over once it has grown past restartFrames.
// A failed or busy checkpoint is tried again on the next tick; the WAL only grows
// meanwhile.
func (c *checkpointer) checkpoint() {
	query := passiveCheckpoint
	if c.frames >= restartFrames {
		query = restartCheckpoint
	}
	var busy, frames, copied int
	err := c.conn.QueryRowContext(context.Background(), query).Scan(&busy, &frames, &copied)
	if err != nil {
		return
	}
	c.frames = frames
	if query == restartCheckpoint && busy == 0 {
		c.frames = 0
	}
}

// Close stops the checkpoints and closes the connection.
func (c *checkpointer) Close() error {
	close(c.stop)
	<-c.done
	return c.conn.Close()
}
