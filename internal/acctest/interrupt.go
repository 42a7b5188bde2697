package acctest

import (
	"context"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/provider"
)

// Interrupter serves the provider in-process, as ProtoV6ProviderFactories does, and can
// interrupt the apply in progress the way Terraform's Ctrl-C does: Terraform sends StopProvider,
// and the plugin server then cancels the context of every call in flight. Interrupt cancels the
// context of every ApplyResourceChange in flight.
//
// The served provider hides the optional list-resource and action servers, which terraform 1.11
// does not call.
type Interrupter struct {
	mu      sync.Mutex
	next    int
	pending map[int]context.CancelFunc
}

// NewInterrupter returns an Interrupter with nothing in flight.
func NewInterrupter() *Interrupter { return &Interrupter{pending: map[int]context.CancelFunc{}} }

// Factories are the provider factories to use instead of ProtoV6ProviderFactories.
func (i *Interrupter) Factories() map[string]func() (tfprotov6.ProviderServer, error) {
	serve := providerserver.NewProtocol6WithError(provider.New("test")())
	return map[string]func() (tfprotov6.ProviderServer, error){
		"ecrgov": func() (tfprotov6.ProviderServer, error) {
			s, err := serve()
			if err != nil {
				return nil, err
			}
			return interruptible{ProviderServer: s, i: i}, nil
		},
	}
}

// Interrupt cancels every apply call in flight.
func (i *Interrupter) Interrupt() {
	i.mu.Lock()
	defer i.mu.Unlock()
	for _, cancel := range i.pending {
		cancel()
	}
}

type interruptible struct {
	tfprotov6.ProviderServer
	i *Interrupter
}

func (s interruptible) ApplyResourceChange(
	ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error,
) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	s.i.mu.Lock()
	id := s.i.next
	s.i.next++
	s.i.pending[id] = cancel
	s.i.mu.Unlock()
	defer func() {
		s.i.mu.Lock()
		delete(s.i.pending, id)
		s.i.mu.Unlock()
	}()
	return s.ProviderServer.ApplyResourceChange(ctx, req)
}
