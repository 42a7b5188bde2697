package provider_test

import (
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
)

// An endpoint that does not answer fails the plan with the reason, within the no-answer timeout
// (50 s by default, shortened here through ECRGOV_NO_ANSWER_TIMEOUT), and the failure is
// remembered: three repositories wait no longer than one. Before, the plan-time DescribeRegistry
// spent the whole retry budget per repository, one after another under its lock, and then
// discarded the error: about 8 minutes per repository with nothing listening, and no end in
// sight for a blackholed endpoint.

func TestAccProvider_deadEndpoint(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	_ = ln.Close() // nothing listens there any more
	testAccUnansweredEndpoint(t, "http://"+addr)
}

func TestAccProvider_blackholedEndpoint(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	go func() { // accept every connection and never answer
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { _ = conn.Close() })
		}
	}()
	testAccUnansweredEndpoint(t, "http://"+ln.Addr().String())
}

func testAccUnansweredEndpoint(t *testing.T, endpoint string) {
	acctest.RequiresEmulator(t, "points the provider at a local endpoint that does not answer")
	const bound = 5 * time.Second
	t.Setenv("ECRGOV_NO_ANSWER_TIMEOUT", bound.String())
	cfg := fmt.Sprintf(`
provider "ecrgov" {
  region       = "us-east-1"
  endpoint     = %[1]q
  sts_endpoint = %[1]q
  access_key   = "test"
  secret_key   = "test"
}
`, endpoint)
	for i := range 3 {
		cfg += fmt.Sprintf("resource \"ecrgov_repository\" \"r%d\" {\n  name = \"dead/app-%d\"\n}\n", i, i)
	}
	start := time.Now()
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: acctest.ProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      cfg,
			PlanOnly:    true,
			ExpectError: errorText("Nothing answered at the ECR endpoint"),
		}},
	})
	// Terraform itself takes a few seconds; three repositories waiting in turn would take 3x.
	if d := time.Since(start); d > 2*bound+10*time.Second {
		t.Errorf("the plan failed after %s, want within about the %s bound", d.Round(time.Second), bound)
	}
}
