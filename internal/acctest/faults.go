package acctest

import (
	"math/rand"
	"net/http"
	"sync"
	"time"
)

// Faults are what the proxy injects, by operation. Throttle, ServerErr and Reset answer before
// the request reaches the emulator, as a throttled or failed ECR call does. Lost forwards the
// request, so the emulator acts, and then loses the answer: a 500 or a dropped connection, as
// when the network fails on the way back. Only Lost makes a retry meet its own earlier success.
type Faults struct {
	Throttle  float64       // share of requests answered 400 ThrottlingException
	ServerErr float64       // share answered 500 or 503
	Reset     float64       // share whose connection is closed without an answer
	Lost      float64       // share forwarded, whose answer is then replaced by a 500 or a closed connection
	Latency   time.Duration // added to every request
	// Permanent answers every request for these operations with this error type (HTTP 400), to
	// test partial failure: for example {"PutImageScanningConfiguration": "AccessDeniedException"}.
	Permanent map[string]string
}

type faultState struct {
	mu       sync.Mutex
	byOp     map[string]Faults // "" applies to every operation
	rng      *rand.Rand
	injected map[string]int
}

// InjectFaults sets the faults for op ("" for every operation that has no faults of its own).
func (p *Proxy) InjectFaults(op string, f Faults) {
	p.faults.mu.Lock()
	defer p.faults.mu.Unlock()
	if p.faults.byOp == nil {
		p.faults.byOp = map[string]Faults{}
		p.faults.injected = map[string]int{}
	}
	if p.faults.rng == nil {
		// A fixed seed by default, so the fault sequence is the same from run to run (the order
		// in which concurrent calls draw from it is not).
		p.faults.rng = rand.New(rand.NewSource(1))
	}
	p.faults.byOp[op] = f
}

// SeedFaults sets the seed of the fault sequence (before InjectFaults).
func (p *Proxy) SeedFaults(seed int64) {
	p.faults.mu.Lock()
	defer p.faults.mu.Unlock()
	p.faults.rng = rand.New(rand.NewSource(seed))
}

// ClearFaults stops all fault injection.
func (p *Proxy) ClearFaults() {
	p.faults.mu.Lock()
	defer p.faults.mu.Unlock()
	p.faults.byOp = map[string]Faults{}
}

// Injected returns how many faults of each kind ("throttle", "5xx", "reset", "lost", "permanent")
// were injected.
func (p *Proxy) Injected() map[string]int {
	p.faults.mu.Lock()
	defer p.faults.mu.Unlock()
	out := map[string]int{}
	for k, v := range p.faults.injected {
		out[k] = v
	}
	return out
}

// injectFault answers the request with a fault when one is drawn and reports whether it did. A
// lost answer is forwarded first (forward sends the request to the emulator and discards what
// it says).
func (p *Proxy) injectFault(op string, w http.ResponseWriter, forward func() bool) bool {
	p.faults.mu.Lock()
	f, ok := p.faults.byOp[op]
	if !ok {
		f, ok = p.faults.byOp[""]
	}
	if !ok {
		p.faults.mu.Unlock()
		return false
	}
	kind := ""
	if errType, permanent := f.Permanent[op]; permanent {
		kind = "permanent:" + errType
	} else {
		switch x := p.faults.rng.Float64(); {
		case x < f.Throttle:
			kind = "throttle"
		case x < f.Throttle+f.ServerErr:
			kind = "5xx"
		case x < f.Throttle+f.ServerErr+f.Reset:
			kind = "reset"
		case x < f.Throttle+f.ServerErr+f.Reset+f.Lost:
			kind = "lost"
		}
	}
	if kind != "" {
		key := kind
		if len(kind) > 9 && kind[:9] == "permanent" {
			key = "permanent"
		}
		p.faults.injected[key]++
	}
	status503 := p.faults.rng.Intn(2) == 0
	p.faults.mu.Unlock()

	if f.Latency > 0 {
		time.Sleep(f.Latency)
	}
	switch {
	case kind == "":
		return false
	case kind == "throttle":
		WriteError(w, http.StatusBadRequest, "ThrottlingException", "Rate exceeded")
	case kind == "5xx" && status503:
		WriteError(w, http.StatusServiceUnavailable, "ServiceUnavailableException", "injected: service unavailable")
	case kind == "5xx":
		WriteError(w, http.StatusInternalServerError, "ServerException", "injected: internal error")
	case kind == "reset":
		closeOrFail(w, "injected: connection reset")
	case kind == "lost":
		forward()
		if status503 { // half of the lost answers are a dropped connection, half a 500
			closeOrFail(w, "injected: the answer was lost")
		} else {
			WriteError(w, http.StatusInternalServerError, "ServerException", "injected: the answer was lost")
		}
	default:
		WriteError(w, http.StatusBadRequest, kind[len("permanent:"):], "injected: permanent failure of "+op)
	}
	return true
}

// closeOrFail closes the connection without an answer (a 502 where it cannot).
func closeOrFail(w http.ResponseWriter, message string) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	WriteError(w, http.StatusBadGateway, "ServerException", message)
}
