package telephony

import (
	"context"
	"encoding/json"
	"net"
	"slices"
	"strconv"
	"strings"

	"github.com/frontdeskhq/frontdesk/internal/fault"
	"github.com/frontdeskhq/frontdesk/internal/token"
)

// LineInput is a phone line to connect.
type LineInput struct {
	BranchID   string
	Provider   string
	Name       string
	APIKey     string
	Secret     string
	AllowedIPs []string
}

// CreateLine connects a phone system to a branch and returns the line with its webhook
// token, shown this once: only its hash is kept.
func (s *Service) CreateLine(ctx context.Context, in LineInput) (Line, string, error) {
	if err := in.check(); err != nil {
		return Line{}, "", err
	}
	if _, err := s.deps.Branches.Branch(ctx, in.BranchID); err != nil {
		return Line{}, "", fault.Field("branch_id", "not_found", "no branch has this id")
	}
	ips, _ := json.Marshal(in.AllowedIPs)
	l := Line{ID: newID(), BranchID: in.BranchID, Provider: in.Provider, Name: in.Name, APIKey: in.APIKey,
		Secret: in.Secret, AllowedIPs: string(ips), CreatedAt: s.clock()}
	tok := token.New()
	if err := s.store.insertLine(ctx, l, token.Hash(tok)); err != nil {
		return Line{}, "", err
	}
	l, err := s.store.line(ctx, s.store.db.W, l.ID)
	return l, tok, err
}

// needsSecret are the providers whose webhooks are signed: their line is useless
// without the secret they sign with.
var needsSecret = []string{Zadarma, Mango, Twilio}

func (in *LineInput) check() error {
	if !slices.Contains(Providers, in.Provider) {
		return fault.Field("provider", "oneof", "must be one of: "+strings.Join(Providers, " "))
	}
	if slices.Contains(needsSecret, in.Provider) && in.Secret == "" {
		return fault.Field("secret", "required", "this phone system signs its webhooks: give the secret it signs with")
	}
	if in.Provider == Mango && in.APIKey == "" {
		return fault.Field("api_key", "required", "Mango Office sends its vpbx_api_key with every event")
	}
	for _, ip := range in.AllowedIPs {
		if net.ParseIP(ip) == nil {
			if _, _, err := net.ParseCIDR(ip); err != nil {
				return fault.Field("allowed_ips", "ip", "each entry must be an IP address or a CIDR block")
			}
		}
	}
	if in.AllowedIPs == nil {
		in.AllowedIPs = []string{}
	}
	return nil
}

// Lines lists a branch's phone lines, revoked ones included.
func (s *Service) Lines(ctx context.Context, branchID string) ([]Line, error) {
	return s.store.lines(ctx, branchID)
}

// RevokeLine stops a line's token from working; its calls stay.
func (s *Service) RevokeLine(ctx context.Context, id string) (Line, error) {
	if _, err := s.store.line(ctx, s.store.db.W, id); err != nil {
		return Line{}, notFound(err, ErrLineNotFound)
	}
	// revoking twice keeps the first revocation's time
	if err := s.store.revokeLine(ctx, id, s.clock()); err != nil {
		return Line{}, err
	}
	return s.store.line(ctx, s.store.db.W, id)
}

// SetExtensions says which staff member answers on which of the line's extensions.
func (s *Service) SetExtensions(ctx context.Context, lineID string, ext []Extension) ([]Extension, error) {
	if _, err := s.store.line(ctx, s.store.db.W, lineID); err != nil {
		return nil, notFound(err, ErrLineNotFound)
	}
	seen := map[string]bool{}
	for i, e := range ext {
		if seen[e.Extension] {
			return nil, fault.Field("extensions["+strconv.Itoa(i)+"].extension", "unique", "each extension may be listed once")
		}
		seen[e.Extension] = true
	}
	if err := s.store.replaceExtensions(ctx, lineID, ext); err != nil {
		return nil, err
	}
	return s.store.extensions(ctx, s.store.db.W, lineID)
}

// Settings are the branch's thresholds (the defaults until set).
func (s *Service) Settings(ctx context.Context, branchID string) (Settings, error) {
	return s.store.settings(ctx, s.store.db.R, branchID)
}

// SaveSettings sets the branch's thresholds.
func (s *Service) SaveSettings(ctx context.Context, branchID string, st Settings) (Settings, error) {
	if _, err := s.deps.Branches.Branch(ctx, branchID); err != nil {
		return Settings{}, err
	}
	if err := s.store.saveSettings(ctx, branchID, st, s.clock()); err != nil {
		return Settings{}, err
	}
	return s.Settings(ctx, branchID)
}

// allowList is the line's allowlist as stored.
func (l Line) allowList() []string {
	out := []string{}
	_ = json.Unmarshal([]byte(l.AllowedIPs), &out)
	return out
}
