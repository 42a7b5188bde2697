package acctest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// Proxy sits between the provider and the emulator. It counts ECR API calls by operation (for
// call-budget tests) and lets a test answer chosen operations itself (fakes for what the emulator
// lacks, such as the lifecycle policy preview). Everything else is forwarded to the emulator.
type Proxy struct {
	URL string

	upstream string

	mu       sync.Mutex
	calls    map[string]int
	handlers map[string]Handler
	lose     map[string]int
	hold     map[string]func()
	faults   faultState
}

// Handler answers one ECR operation. body is the JSON request.
type Handler func(w http.ResponseWriter, body []byte)

const targetPrefix = "AmazonEC2ContainerRegistry_V20150921."

// StartProxy starts a proxy in front of the emulator for the duration of the test. It needs
// nothing running yet, so tests can build their configuration with its address up front; the
// emulator is started by PreCheck as usual.
func StartProxy(t *testing.T) *Proxy {
	t.Helper()
	RequiresEmulator(t, "the counting and fault-injecting proxy fronts the emulator only (it would break real ECR's "+
		"request signatures)")
	upstream, err := url.Parse(Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{upstream: upstream.String(), calls: map[string]int{}, handlers: map[string]Handler{}}
	forward := httputil.NewSingleHostReverseProxy(upstream)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), targetPrefix)
		if op == "" { // STS and others use the query protocol
			op = r.URL.Query().Get("Action")
		}
		p.mu.Lock()
		p.calls[op]++
		h := p.handlers[op]
		p.mu.Unlock()
		if p.injectFault(op, w, func() bool { return p.forwardAndDiscard(r, body) }) {
			return
		}
		if h != nil {
			h(w, body)
			return
		}
		if p.holdAnswer(op, r, body) {
			return
		}
		if p.dropResponse(op, r, body) {
			WriteError(w, http.StatusInternalServerError, "ServerException", "injected: the response was lost")
			return
		}
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	p.URL = srv.URL
	return p
}

// LoseResponses makes the proxy forward the next n requests for op to the emulator, so that they
// take effect, and then answer a retryable 500 instead of the emulator's response, as when a
// connection drops after the service acted.
func (p *Proxy) LoseResponses(op string, n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.lose == nil {
		p.lose = map[string]int{}
	}
	p.lose[op] = n
}

func (p *Proxy) dropResponse(op string, r *http.Request, body []byte) bool {
	p.mu.Lock()
	n := p.lose[op]
	if n > 0 {
		p.lose[op] = n - 1
	}
	p.mu.Unlock()
	if n == 0 {
		return false
	}
	return p.forwardAndDiscard(r, body)
}

// forwardAndDiscard sends the request to the emulator, so that it acts, and throws its answer
// away. It reports whether the request was built.
func (p *Proxy) forwardAndDiscard(r *http.Request, body []byte) bool {
	req, err := http.NewRequestWithContext(r.Context(), r.Method, p.upstream+r.URL.RequestURI(), bytes.NewReader(body))
	if err != nil {
		return false
	}
	req.Header = r.Header.Clone()
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}
	return true
}

// Handle makes the proxy answer op itself.
func (p *Proxy) Handle(op string, h Handler) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.handlers[op] = h
}

// Calls returns how many requests for op the proxy has seen.
func (p *Proxy) Calls(op string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.calls[op]
}

// AllCalls returns a copy of the counts by operation.
func (p *Proxy) AllCalls() map[string]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make(map[string]int, len(p.calls))
	for k, v := range p.calls {
		out[k] = v
	}
	return out
}

// Reset clears the counts.
func (p *Proxy) Reset() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.calls = map[string]int{}
}

// ProviderConfig is a provider block that sends every call through the proxy.
func (p *Proxy) ProviderConfig() string { return p.ProviderConfigWith("") }

// ProviderConfigWith adds extra arguments (such as max_retries) to ProviderConfig's block.
func (p *Proxy) ProviderConfigWith(extra string) string { return providerBlock(p.URL, extra) }

// WriteJSON answers with an ECR JSON response.
func WriteJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	_ = json.NewEncoder(w).Encode(v)
}

// WriteError answers with an ECR error of the given type, as the service does.
func WriteError(w http.ResponseWriter, status int, errorType, message string) {
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-ErrorType", errorType)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"__type": errorType, "message": message})
}
