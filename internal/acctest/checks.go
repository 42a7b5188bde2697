package acctest

import (
	"context"
	"fmt"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// CheckAPI is a state check that looks the resource up in state and hands its attributes to
// check, which asks the ECR API: outcomes are verified at the service, not only in state.
func CheckAPI(address string, check func(ctx context.Context, attrs map[string]any) error) statecheck.StateCheck {
	return apiCheck{address: address, check: check}
}

type apiCheck struct {
	address string
	check   func(context.Context, map[string]any) error
}

func (c apiCheck) CheckState(
	ctx context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse,
) {
	r := findResource(req.State, c.address)
	if r == nil {
		resp.Error = fmt.Errorf("%s is not in state", c.address)
		return
	}
	if err := c.check(ctx, r.AttributeValues); err != nil {
		resp.Error = fmt.Errorf("%s: %w", c.address, err)
	}
}

func findResource(state *tfjson.State, address string) *tfjson.StateResource {
	if state == nil || state.Values == nil {
		return nil
	}
	return findInModule(state.Values.RootModule, address)
}

// findInModule looks in m and its child modules: a resource inside a module is addressed
// module.<name>.<type>.<name>.
func findInModule(m *tfjson.StateModule, address string) *tfjson.StateResource {
	if m == nil {
		return nil
	}
	for _, r := range m.Resources {
		if r.Address == address {
			return r
		}
	}
	for _, child := range m.ChildModules {
		if r := findInModule(child, address); r != nil {
			return r
		}
	}
	return nil
}

// Attr reads a string attribute of a state resource ("" when absent).
func Attr(attrs map[string]any, name string) string {
	s, _ := attrs[name].(string)
	return s
}
