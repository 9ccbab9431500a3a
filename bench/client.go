package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// answer is one HTTP exchange as a client saw it.
type answer struct {
	status int
	body   []byte
	took   time.Duration // from sending the request to the last byte of the body
	err    error
}

// call sends one request named id (the X-Request-ID that files the server's own
// timing under the phase) and reads the whole answer, timing it at the client.
func (s *server) call(ctx context.Context, method, path, id, token string, body []byte) answer {
	req, err := http.NewRequestWithContext(ctx, method, s.base+path, bytes.NewReader(body))
	if err != nil {
		return answer{err: err}
	}
	req.Header.Set("X-Request-ID", id)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	t0 := time.Now()
	resp, err := s.client.Do(req)
	if err != nil {
		return answer{err: err, took: time.Since(t0)}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, body: b, took: time.Since(t0), err: err}
}

// login signs in through the API, as the front desk does, and returns the token.
func (s *server) login(ctx context.Context, email, password string) (string, error) {
	body, _ := json.Marshal(map[string]string{"email": email, "password": password})
	a := s.call(ctx, http.MethodPost, "/api/v1/auth/login", "login.1", "", body)
	if a.err != nil || a.status != http.StatusOK {
		return "", fmt.Errorf("login: %d %s %v", a.status, a.body, a.err)
	}
	var out struct {
		Token string `json:"token"`
	}
	return out.Token, json.Unmarshal(a.body, &out)
}
