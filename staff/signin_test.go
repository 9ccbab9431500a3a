package staff_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/frontdeskhq/frontdesk/api/apitest"
	"github.com/frontdeskhq/frontdesk/internal/actor"
	"github.com/frontdeskhq/frontdesk/internal/audit"
	"github.com/frontdeskhq/frontdesk/internal/db"
	"github.com/frontdeskhq/frontdesk/internal/db/dbtest"
	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/staff"
)

func createStaff(t *testing.T, e *apitest.Env, email string, role actor.Role) staff.Staff {
	t.Helper()
	st, err := e.Staff.Create(context.Background(), staff.NewStaff{Email: email, Name: "Anna Nowak", Role: role, Password: apitest.Password})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return st
}

func login(e *apitest.Env, email, password string) *apitest.Response {
	return e.Anonymous().Do(http.MethodPost, "/api/v1/auth/login", map[string]string{"email": email, "password": password})
}

func TestLoginMeLogout(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apitest.NewEnv(t, d)
		createStaff(t, e, "Anna@Clinic.test", actor.Admin)
		token := e.Login("anna@clinic.TEST", apitest.Password)
		c := e.Anonymous().As(token)
		var me staff.Staff
		r := c.Do(http.MethodGet, "/api/v1/me", nil)
		r.Decode(t, &me)
		if r.Status != http.StatusOK || me.Email != "anna@clinic.test" || me.Role != actor.Admin {
			t.Fatalf("me: %d %+v", r.Status, me)
		}
		if r := c.Do(http.MethodPost, "/api/v1/auth/logout", nil); r.Status != http.StatusNoContent {
			t.Fatalf("logout: %d %s", r.Status, r.Body)
		}
		r = c.Do(http.MethodGet, "/api/v1/me", nil)
		if r.Status != http.StatusUnauthorized || r.Problem(t).Code != "token_invalid" {
			t.Fatalf("after logout: %d %s", r.Status, r.Body)
		}
	})
}

func TestTokenIsStoredOnlyAsHash(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apitest.NewEnv(t, d)
		createStaff(t, e, "a@clinic.test", actor.Nurse)
		token := e.Login("a@clinic.test", apitest.Password)
		var hashes []string
		if err := d.R.Select(&hashes, "SELECT token_hash FROM staff_tokens"); err != nil {
			t.Fatal(err)
		}
		if len(hashes) != 1 || hashes[0] == token || strings.Contains(hashes[0], token) || len(hashes[0]) != 64 {
			t.Fatalf("stored %v for token %s", hashes, token)
		}
	})
}

func TestWrongPasswordAndUnknownEmailLookAlike(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apitest.NewEnv(t, d)
		createStaff(t, e, "a@clinic.test", actor.Admin)
		wrong := login(e, "a@clinic.test", "not-the-password")
		unknown := login(e, "nobody@clinic.test", "not-the-password")
		pw, pu := wrong.Problem(t), unknown.Problem(t)
		if wrong.Status != http.StatusUnauthorized || unknown.Status != wrong.Status || pw.Code != pu.Code || pw.Detail != pu.Detail {
			t.Fatalf("wrong password %d %+v vs unknown e-mail %d %+v", wrong.Status, pw, unknown.Status, pu)
		}
	})
}

func TestRepeatedFailuresLockTheAccountForAWhile(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apitest.NewEnv(t, d)
		createStaff(t, e, "a@clinic.test", actor.Admin)
		for _, email := range []string{"a@clinic.test", "ghost@clinic.test"} {
			for range 5 {
				if r := login(e, email, "wrong-password"); r.Status != http.StatusUnauthorized {
					t.Fatalf("%s: failure answered %d", email, r.Status)
				}
			}
			r := login(e, email, apitest.Password)
			if r.Status != http.StatusTooManyRequests || r.Header.Get("Retry-After") == "" || r.Problem(t).Code != "too_many_attempts" {
				t.Fatalf("%s: locked account answered %d %v %s", email, r.Status, r.Header, r.Body)
			}
		}
		e.Clock.Advance(16 * time.Minute)
		if r := login(e, "a@clinic.test", apitest.Password); r.Status != http.StatusOK {
			t.Fatalf("after the lock: %d %s", r.Status, r.Body)
		}
	})
}

func TestRepeatedFailuresFromOneIPAreLocked(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := time.Now()
		svc := staff.NewService(d, audit.New(d, time.Now), func() time.Time { return now },
			staff.Options{Throttle: staff.Throttle{LockIPAfter: 6, LockAccountAfter: 100, Delay: time.Millisecond}})
		if _, err := svc.Create(ctx, staff.NewStaff{Email: "a@clinic.test", Name: "A", Role: actor.Owner, Password: apitest.Password}); err != nil {
			t.Fatal(err)
		}
		for i := range 6 {
			_, err := svc.Login(ctx, "user"+string(rune('a'+i))+"@x.test", "wrong", "10.0.0.1")
			if !errors.Is(err, staff.ErrBadCredentials) {
				t.Fatalf("attempt %d: %v", i, err)
			}
		}
		_, err := svc.Login(ctx, "a@clinic.test", apitest.Password, "10.0.0.1")
		if fe, ok := fault.As(err); !ok || fe.Kind != fault.TooManyRequests {
			t.Fatalf("from the locked IP: %v", err)
		}
		if _, err := svc.Login(ctx, "a@clinic.test", apitest.Password, "10.0.0.2"); err != nil {
			t.Fatalf("from another IP: %v", err)
		}
	})
}

func TestTokensExpireAndDieWithDeactivation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apitest.NewEnv(t, d)
		nurse := createStaff(t, e, "n@clinic.test", actor.Nurse)
		c := e.Anonymous().As(e.Login("n@clinic.test", apitest.Password))
		// Answered once, the token is kept in memory; its expiry still holds.
		if r := c.Do(http.MethodGet, "/api/v1/me", nil); r.Status != http.StatusOK {
			t.Fatalf("fresh token: %d", r.Status)
		}
		e.Clock.Advance(13 * time.Hour)
		if r := c.Do(http.MethodGet, "/api/v1/me", nil); r.Status != http.StatusUnauthorized {
			t.Fatalf("expired token: %d", r.Status)
		}
		c = e.Anonymous().As(e.Login("n@clinic.test", apitest.Password))
		r := e.As(actor.Owner).Do(http.MethodPatch, "/api/v1/staff/"+nurse.ID, map[string]any{"active": false})
		if r.Status != http.StatusOK {
			t.Fatalf("deactivate: %d %s", r.Status, r.Body)
		}
		if r := c.Do(http.MethodGet, "/api/v1/me", nil); r.Status != http.StatusUnauthorized {
			t.Fatalf("token of a deactivated user: %d", r.Status)
		}
		if r := login(e, "n@clinic.test", apitest.Password); r.Status != http.StatusUnauthorized {
			t.Fatalf("deactivated user signed in: %d", r.Status)
		}
	})
}

func TestPasswordHashMeetsOWASPBaseline(t *testing.T) {
	h, err := staff.HashPassword("demo-password")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %s", h)
	}
	for pw, want := range map[string]bool{"demo-password": true, "demo-passwore": false, "": false} {
		if ok, err := staff.VerifyPassword(h, pw); err != nil || ok != want {
			t.Errorf("verify %q = %v, %v", pw, ok, err)
		}
	}
	if _, err := staff.VerifyPassword("$argon2id$garbage", "x"); err == nil {
		t.Error("malformed hash verified without error")
	}
}

func TestSignInIsAudited(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		e := apitest.NewEnv(t, d)
		st := createStaff(t, e, "a@clinic.test", actor.Admin)
		login(e, "a@clinic.test", "wrong-password")
		e.Login("a@clinic.test", apitest.Password)
		var actions []string
		err := d.R.Select(&actions, d.R.Rebind("SELECT action FROM audit_log WHERE entity_id = ? ORDER BY id"), st.ID)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(actions, ",") != "create,login_failed,login" {
			t.Fatalf("audit actions %v", actions)
		}
	})
}
