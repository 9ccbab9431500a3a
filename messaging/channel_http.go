package messaging

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"
)

// defaultHTTPClient bounds every provider call: a hung provider is a retryable
// failure, not a stuck dispatcher.
var defaultHTTPClient = &http.Client{Timeout: 15 * time.Second, Transport: &http.Transport{
	MaxIdleConnsPerHost: 64, IdleConnTimeout: 90 * time.Second}}

// maxProviderAnswer bounds how much of a provider's answer is read.
const maxProviderAnswer = 1 << 20

// callProvider sends req and returns the answer's body for a 2xx. A 4xx other than 408
// and 429 is Permanent (the provider refused this message); 5xx, 408, 429 and network
// failures are retryable.
func callProvider(ctx context.Context, client *http.Client, req *http.Request) ([]byte, error) {
	if client == nil {
		client = defaultHTTPClient
	}
	resp, err := client.Do(req.WithContext(ctx))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxProviderAnswer))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode/100 == 2 {
		return body, nil
	}
	failure := fmt.Errorf("%s %s: %d %.200s", req.Method, req.URL.Path, resp.StatusCode, body)
	if resp.StatusCode/100 == 4 && resp.StatusCode != http.StatusRequestTimeout && resp.StatusCode != http.StatusTooManyRequests {
		return nil, Permanent(failure)
	}
	return nil, failure
}

// errNoProviderID is a 2xx answer we cannot read an id from: the message may have
// gone, so it is not retried blindly (see the dispatcher's reconciliation).
var errNoProviderID = errors.New("messaging: the provider answered without a message id")
