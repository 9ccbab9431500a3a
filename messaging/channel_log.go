package messaging

import (
	"context"
	"log/slog"
	"time"
)

// LogChannel "sends" by writing a log line: the default channel, which the demo and
// development use (the text is also readable at GET /api/v1/dev/outbox).
type LogChannel struct{ log *slog.Logger }

// NewLogChannel returns a channel writing to log (nil: slog's default).
func NewLogChannel(log *slog.Logger) *LogChannel {
	if log == nil {
		log = slog.Default()
	}
	return &LogChannel{log: log}
}

// Name is "log".
func (c *LogChannel) Name() string { return "log" }

// Send writes the message to the log and answers with a provider id derived from the
// row, so a repeated send is recognisable in the log.
func (c *LogChannel) Send(ctx context.Context, m Outgoing) (string, error) {
	c.log.InfoContext(ctx, "message", "channel", m.Channel, "to", m.Recipient, "key", m.DedupeKey,
		"segments", m.Segments, "body", m.Body)
	return "log-" + m.ID, nil
}

// Lookup answers that a log "send" cut off by a crash did not happen: writing the
// line again is harmless.
func (c *LogChannel) Lookup(context.Context, Outgoing, time.Time) ([]string, bool, error) {
	return nil, true, nil
}
