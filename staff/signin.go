package staff

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/token"
	"github.com/frontdeskhq/frontdesk/internal/versioned"
)

// Login checks an e-mail and password and opens a session. Unknown e-mails, wrong
// passwords and inactive users get the same answer in about the same time; repeated
// failures of one e-mail or one IP are slowed down and then locked for a while.
func (s *Service) Login(ctx context.Context, email, password, ip string) (Session, error) {
	email = normalEmail(email)
	now := s.clock()
	if err := s.checkThrottle(ctx, email, ip, now); err != nil {
		s.opts.OnLogin("throttled")
		return Session{}, err
	}
	r, ok, err := s.verify(ctx, email, password)
	if err != nil {
		return Session{}, err
	}
	if !ok {
		s.opts.OnLogin("bad_credentials")
		return Session{}, s.failLogin(ctx, email, ip, r.ID, now)
	}
	s.opts.OnLogin("ok")
	return s.openSession(ctx, r, ip, now)
}

// verify reports whether password is right for an active user with this e-mail.
func (s *Service) verify(ctx context.Context, email, password string) (row, bool, error) {
	r, err := s.store.byEmail(ctx, s.db.R, email)
	if errors.Is(err, db.ErrNotFound) {
		_, _ = VerifyPassword(dummyHash(), password)
		return row{}, false, nil
	}
	if err != nil {
		return row{}, false, err
	}
	ok, err := VerifyPassword(r.PasswordHash, password)
	if err != nil {
		return row{}, false, err
	}
	return r, ok && r.Active, nil
}

func (s *Service) checkThrottle(ctx context.Context, email, ip string, now time.Time) error {
	t := s.opts.Throttle
	byEmail, byIP, err := s.store.failures(ctx, email, ip, now.Add(-t.Window))
	if err != nil {
		return err
	}
	if byEmail.N >= t.LockAccountAfter {
		return errThrottled(byEmail.Newest.Add(t.Window).Sub(now))
	}
	if byIP.N >= t.LockIPAfter {
		return errThrottled(byIP.Newest.Add(t.Window).Sub(now))
	}
	s.slowDown(ctx, max(byEmail.N, byIP.N))
	return nil
}

// slowDown delays the answer once failures pile up, to make guessing expensive before
// the lock even starts.
func (s *Service) slowDown(ctx context.Context, failures int) {
	t := s.opts.Throttle
	extra := failures - t.SlowAfter + 1
	if extra <= 0 {
		return
	}
	d := min(time.Duration(extra)*t.Delay, 2*time.Second)
	select {
	case <-time.After(d):
	case <-ctx.Done():
	}
}

func (s *Service) failLogin(ctx context.Context, email, ip, staffID string, now time.Time) error {
	err := s.db.InTx(ctx, func(tx db.Tx) error {
		if err := s.store.recordFailure(ctx, tx, email, ip, now); err != nil {
			return err
		}
		return s.audit.Record(ctx, tx, audit.Entry{Action: audit.LoginFailed, Entity: "staff", EntityID: staffID})
	})
	if err != nil {
		return err
	}
	return ErrBadCredentials
}

func (s *Service) openSession(ctx context.Context, r row, ip string, now time.Time) (Session, error) {
	tok := token.New()
	expires := now.Add(s.opts.TokenTTL)
	ctx = actor.With(ctx, actor.Actor{Kind: actor.Staff, StaffID: r.ID, Role: actor.Role(r.Role)})
	err := s.db.InTx(ctx, func(tx db.Tx) error {
		if err := s.store.insertToken(ctx, tx, token.Hash(tok), r.ID, ip, now, expires); err != nil {
			return err
		}
		if err := s.store.clearFailures(ctx, tx, r.Email); err != nil {
			return err
		}
		return s.audit.Record(ctx, tx, audit.Entry{Action: audit.Login, Entity: "staff", EntityID: r.ID})
	})
	if err != nil {
		return Session{}, err
	}
	st, err := s.Get(ctx, r.ID)
	return Session{Token: tok, ExpiresAt: expires, Staff: st}, err
}

// Authenticate returns the staff actor a live token belongs to.
func (s *Service) Authenticate(ctx context.Context, tok string) (actor.Actor, error) {
	if !token.Valid(tok) {
		return actor.Actor{}, ErrTokenInvalid
	}
	now := s.clock()
	t, err := s.liveToken(ctx, token.Hash(tok), now)
	if errors.Is(err, db.ErrNotFound) || (err == nil && !t.expires.After(now)) {
		return actor.Actor{}, ErrTokenInvalid
	}
	if err != nil {
		return actor.Actor{}, err
	}
	a := t.actor
	a.BranchIDs = slices.Clone(a.BranchIDs) // the kept actor is shared by every request
	return a, nil
}

// liveToken is who the token with hash stands for, kept under the access version:
// one short read per request where the token's join was, and a revoked token or a
// changed member is read again at once. Unknown tokens are never kept.
func (s *Service) liveToken(ctx context.Context, hash string, now time.Time) (liveToken, error) {
	v, err := s.store.versions(ctx)
	if err != nil {
		return liveToken{}, err
	}
	versioned.Offer(ctx, v.Schedule)
	return versioned.Read(&s.tokens, v.Access, hash, func() (liveToken, error) {
		return s.store.tokenActor(ctx, hash, now)
	})
}

// Logout revokes the token.
func (s *Service) Logout(ctx context.Context, tok string) error {
	return s.store.revokeToken(ctx, token.Hash(tok), s.clock())
}
