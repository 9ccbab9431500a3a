package staff

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/internal/token"
)

// BenchmarkAuthenticate answers a signed-in member's token as every staff request
// does: "kept" through Authenticate (the access version read, the actor from memory),
// "join" through the token's join read that every request made before, as the
// baseline of the same run.
//
//	go test ./staff -run '^$' -bench Authenticate -benchtime 20000x
func BenchmarkAuthenticate(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchAuthenticate(b, dbtest.New(b)) })
	if os.Getenv(dbtest.PostgresEnv) != "" {
		b.Run("postgres", func(b *testing.B) { benchAuthenticate(b, dbtest.NewPostgres(b)) })
	}
}

func benchAuthenticate(b *testing.B, d *db.DB) {
	ctx := context.Background()
	s := NewService(d, audit.New(d, time.Now), time.Now, Options{})
	if _, err := s.Create(ctx, NewStaff{Email: "bench@clinic.test", Name: "Bench", Role: actor.Admin,
		Password: "bench-password-123"}); err != nil {
		b.Fatal(err)
	}
	session, err := s.Login(ctx, "bench@clinic.test", "bench-password-123", "127.0.0.1")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("kept", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Authenticate(ctx, session.Token); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("join", func(b *testing.B) {
		hash := token.Hash(session.Token)
		for b.Loop() {
			if _, err := s.store.tokenActor(ctx, hash, s.clock()); err != nil {
				b.Fatal(err)
			}
		}
	})
}
