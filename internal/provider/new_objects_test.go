package provider_test

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// TestAccRepository_readAfterCreateLooksAgain: ECR may not list a repository right after its
// create. The first Read after the create (the private state Create saved says so) looks again,
// ecrapi.NewReadAttempts times, before it removes the repository from state; its answer clears
// the mark, and any other Read believes "not found" at the first look. The proxy answers
// RepositoryNotFoundException for every DescribeRepositories, as a lagging ECR would.
func TestAccRepository_readAfterCreateLooksAgain(t *testing.T) {
	acctest.SetupBeforeTest(t)
	acctest.RequiresEmulator(t, "the proxy hides the repository")
	t.Parallel()
	proxy := acctest.StartProxy(t)
	server := newProtocolServer(t, proxy.URL)
	name := acctest.RandomName("lag")
	created := server.apply("ecrgov_repository", tftypes.NewValue(tftypes.Object{}, nil), map[string]tftypes.Value{"name": tfString(name)})
	t.Cleanup(func() { _ = acctest.Client(t).DeleteRepository(context.Background(), name, true) })
	proxy.InjectFaults("DescribeRepositories", acctest.Faults{Permanent: map[string]string{"DescribeRepositories": "RepositoryNotFoundException"}})

	typ := server.resourceType("ecrgov_repository")
	dv, err := tfprotov6.NewDynamicValue(typ, created)
	if err != nil {
		t.Fatal(err)
	}
	read := func(private []byte) *tfprotov6.ReadResourceResponse {
		t.Helper()
		proxy.Reset()
		resp, err := server.server.ReadResource(context.Background(), &tfprotov6.ReadResourceRequest{
			TypeName: "ecrgov_repository", CurrentState: &dv, Private: private,
		})
		if err != nil {
			t.Fatal(err)
		}
		if text := diagnosticsText(resp.Diagnostics); !strings.Contains(text, "not found; removing it from state") {
			t.Fatalf("diagnostics %q: want the removed-from-state warning", text)
		}
		return resp
	}

	if len(server.lastPrivate) == 0 {
		t.Fatal("Create saved no private state to mark the repository new")
	}
	first := read(server.lastPrivate)
	if n := proxy.Calls("DescribeRepositories"); n != ecrapi.NewReadAttempts {
		t.Errorf("first Read after the create: DescribeRepositories calls = %d, want %d", n, ecrapi.NewReadAttempts)
	}
	read(first.Private)
	if n := proxy.Calls("DescribeRepositories"); n != 1 {
		t.Errorf("a later Read (the mark cleared): DescribeRepositories calls = %d, want 1", n)
	}
	read(nil)
	if n := proxy.Calls("DescribeRepositories"); n != 1 {
		t.Errorf("a Read without the mark: DescribeRepositories calls = %d, want 1", n)
	}
}
