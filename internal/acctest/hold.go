package acctest

import (
	"context"
	"net/http"
)

// HoldAnswer makes the proxy forward the next request for op to the emulator, so that it takes
// effect, then run then (typically Interrupter.Interrupt), and answer nothing until the caller
// gives up: a write that lands while the client is being cancelled, as with Ctrl-C during an
// apply.
func (p *Proxy) HoldAnswer(op string, then func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.hold == nil {
		p.hold = map[string]func(){}
	}
	p.hold[op] = then
}

func (p *Proxy) holdAnswer(op string, r *http.Request, body []byte) bool {
	p.mu.Lock()
	then, ok := p.hold[op]
	delete(p.hold, op)
	p.mu.Unlock()
	if !ok {
		return false
	}
	// The emulator must act even though the caller is about to go away.
	p.forwardAndDiscard(r.WithContext(context.WithoutCancel(r.Context())), body)
	then()
	<-r.Context().Done()
	return true
}
