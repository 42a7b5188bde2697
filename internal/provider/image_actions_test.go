package provider_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// The actions through the provider's protocol-6 server, in process, as `terraform apply
// -invoke` drives them (Terraform 1.14+): InvokeAction's progress events and its completion's
// diagnostics, and ValidateActionConfig's plan-time errors.

func (s *protocolServer) actionServer() tfprotov6.ActionServer {
	s.t.Helper()
	as, ok := s.server.(tfprotov6.ActionServer)
	if !ok {
		s.t.Fatalf("the provider server %T does not serve actions", s.server)
	}
	return as
}

// invoke runs an action and returns its progress messages and its completion's diagnostics.
func (s *protocolServer) invoke(actionType string, config map[string]tftypes.Value) ([]string, string) {
	s.t.Helper()
	typ := objectType(s.t, s.schemas.ActionSchemas[actionType].Schema)
	stream, err := s.actionServer().InvokeAction(context.Background(), &tfprotov6.InvokeActionRequest{ActionType: actionType, Config: dynamicValue(s.t, typ, config)})
	if err != nil {
		s.t.Fatalf("invoking %s: %v", actionType, err)
	}
	var messages []string
	diags := ""
	for e := range stream.Events {
		switch ev := e.Type.(type) {
		case tfprotov6.ProgressInvokeActionEventType:
			messages = append(messages, ev.Message)
		case tfprotov6.CompletedInvokeActionEventType:
			diags += diagnosticsText(ev.Diagnostics)
		}
	}
	return messages, diags
}

func (s *protocolServer) validateAction(actionType string, config map[string]tftypes.Value) string {
	s.t.Helper()
	typ := objectType(s.t, s.schemas.ActionSchemas[actionType].Schema)
	resp, err := s.actionServer().ValidateActionConfig(context.Background(), &tfprotov6.ValidateActionConfigRequest{ActionType: actionType, Config: dynamicValue(s.t, typ, config)})
	if err != nil {
		s.t.Fatal(err)
	}
	return diagnosticsText(resp.Diagnostics)
}

func TestAccImageActions(t *testing.T) {
	acctest.SetupBeforeTest(t)
	t.Parallel()
	repo := acctest.RandomName("action")
	acctest.CreateRepository(t, repo, "IMMUTABLE")
	old := acctest.SeedImage(t, repo, "v1")
	deployed := acctest.SeedImage(t, repo, "deployed-prod-1")
	s := newProtocolServer(t, acctest.Endpoint())
	img := func(digest string) map[string]tftypes.Value {
		return map[string]tftypes.Value{"repository": tfString(repo), "digest": tfString(digest), "timeout": tfString("1m")}
	}
	// A restore takes seconds in the emulator and up to 20 minutes on ECR.
	restore := func(digest string) map[string]tftypes.Value {
		m := img(digest)
		m["timeout"] = tfString(acctest.RestoreTimeout())
		return m
	}
	status := func(digest string) string {
		t.Helper()
		got, err := acctest.Client(t).FindImage(context.Background(), repo, ecrapi.ImageID{Digest: digest})
		if err != nil {
			t.Fatal(err)
		}
		return got.Status
	}

	// Archive refuses a protected tag, then archives an unprotected digest.
	if _, diags := s.invoke("ecrgov_archive_image", img(deployed.Digest)); !strings.Contains(diags, `matches the protected pattern "deployed-*"`) {
		t.Fatalf("archiving a deployed digest: %q, want a refusal", diags)
	}
	if status(deployed.Digest) != "ACTIVE" {
		t.Fatal("a refused archive archived the image")
	}
	messages, diags := s.invoke("ecrgov_archive_image", img(old.Digest))
	if diags != "" || len(messages) == 0 || !strings.Contains(messages[len(messages)-1], "ARCHIVED") || status(old.Digest) != "ARCHIVED" {
		t.Fatalf("archiving: %v %q (status %s)", messages, diags, status(old.Digest))
	}

	// Restore waits until ACTIVE and says so.
	messages, diags = s.invoke("ecrgov_restore_image", restore(old.Digest))
	if diags != "" || !strings.Contains(strings.Join(messages, "\n"), old.Digest+" is ACTIVE") || status(old.Digest) != "ACTIVE" {
		t.Fatalf("restoring: %v %q (status %s)", messages, diags, status(old.Digest))
	}

	// A scan reports its findings by severity.
	messages, diags = s.invoke("ecrgov_start_image_scan", img(old.Digest))
	if diags != "" || !strings.Contains(strings.Join(messages, "\n"), "CRITICAL") {
		t.Fatalf("scanning: %v %q", messages, diags)
	}

	// A missing digest is an error of the action, with nothing changed.
	missing := "sha256:" + strings.Repeat("0", 64)
	if _, diags := s.invoke("ecrgov_restore_image", img(missing)); !strings.Contains(diags, "ERROR") {
		t.Fatalf("restoring a missing digest: %q, want an error", diags)
	}

	// Plan-time checks, before anything runs.
	for _, tc := range []struct {
		action string
		config map[string]tftypes.Value
		want   string
	}{
		{"ecrgov_archive_image", map[string]tftypes.Value{"repository": tfString(repo), "digest": tfString("sha256:abc")}, "sha256"},
		{"ecrgov_restore_image", map[string]tftypes.Value{"repository": tfString("Bad Name"), "digest": tfString(old.Digest)}, "Bad Name"},
		{"ecrgov_start_image_scan", map[string]tftypes.Value{"repository": tfString(repo), "digest": tfString(old.Digest), "timeout": tfString("soon")}, `"soon" is not a positive duration`},
		{"ecrgov_archive_image", map[string]tftypes.Value{"repository": tfString(repo), "digest": tfString(old.Digest),
			"protected_tag_patterns": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tfString("has space*")})}, "Invalid protected tag pattern"},
	} {
		if got := s.validateAction(tc.action, tc.config); !strings.Contains(got, tc.want) {
			t.Errorf("%s %v: validation = %q, want %q", tc.action, tc.config, got, tc.want)
		}
	}
}

// TestAccImageActions_archiveIndexChild: a platform manifest of a multi-arch image whose index
// carries a protected tag is protected too (it is untagged itself). Once archived anyway,
// data.ecrgov_image reports the platform's own status, not the index's.
func TestAccImageActions_archiveIndexChild(t *testing.T) {
	acctest.SetupBeforeTest(t)
	t.Parallel()
	repo := acctest.RandomName("action")
	acctest.CreateRepository(t, repo, "MUTABLE")
	multi := acctest.SeedMultiArchIndex(t, repo, "latest")
	s := newProtocolServer(t, acctest.Endpoint())
	status := func(digest string) string {
		t.Helper()
		got, err := acctest.Client(t).FindImage(context.Background(), repo, ecrapi.ImageID{Digest: digest})
		if err != nil {
			t.Fatal(err)
		}
		return got.Status
	}

	// The default patterns protect "latest", and so the untagged amd64 child of the index.
	_, diags := s.invoke("ecrgov_archive_image", map[string]tftypes.Value{"repository": tfString(repo), "digest": tfString(multi.AMD64.Digest)})
	if !strings.Contains(diags, "is a platform of the index "+multi.Index.Digest+", which is tagged latest") {
		t.Fatalf("archiving the child of a protected index: %q, want a refusal", diags)
	}
	if got := status(multi.AMD64.Digest); got != "ACTIVE" {
		t.Fatalf("a refused archive left the child %s", got)
	}

	// With patterns that do not protect "latest", it is archived.
	_, diags = s.invoke("ecrgov_archive_image", map[string]tftypes.Value{"repository": tfString(repo), "digest": tfString(multi.AMD64.Digest),
		"protected_tag_patterns": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, []tftypes.Value{tfString("deployed-*")})})
	if diags != "" || status(multi.AMD64.Digest) != "ARCHIVED" {
		t.Fatalf("archiving the child without protection: %q (status %s)", diags, status(multi.AMD64.Digest))
	}

	// The lookup of latest for linux/amd64 says that platform cannot be pulled.
	state := s.readDataSource("ecrgov_image", map[string]tftypes.Value{"repository": tfString(repo), "tag": tfString("latest"), "platform": tfString("linux/amd64")})
	got := fmt.Sprintf("image_status=%v pullable=%v platform_digest=%v platform_image_status=%v platform_pullable=%v",
		state["image_status"], state["pullable"], state["platform_digest"], state["platform_image_status"], state["platform_pullable"])
	want := fmt.Sprintf(`image_status=tftypes.String<"ACTIVE"> pullable=tftypes.Bool<"true"> platform_digest=tftypes.String<%q> platform_image_status=tftypes.String<"ARCHIVED"> platform_pullable=tftypes.Bool<"false">`, multi.AMD64.Digest)
	if got != want {
		t.Errorf("lookup of linux/amd64:\n got %s\nwant %s", got, want)
	}
	state = s.readDataSource("ecrgov_image", map[string]tftypes.Value{"repository": tfString(repo), "tag": tfString("latest"), "include_platforms": tfBool(true)})
	var platforms []tftypes.Value
	if err := state["platforms"].As(&platforms); err != nil || len(platforms) != 2 {
		t.Fatalf("platforms = %v (%v), want 2", state["platforms"], err)
	}
	for _, p := range platforms {
		var m map[string]tftypes.Value
		if err := p.As(&m); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{multi.AMD64.Digest: "ARCHIVED", multi.ARM64.Digest: "ACTIVE"}[stringOf(t, m["digest"])]
		var pullable bool
		if err := m["pullable"].As(&pullable); err != nil {
			t.Fatal(err)
		}
		if stringOf(t, m["image_status"]) != want || pullable != (want == "ACTIVE") {
			t.Errorf("platform %v: image_status %v pullable %v, want %s", m["digest"], m["image_status"], pullable, want)
		}
	}
}
