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
	messages, diags = s.invoke("ecrgov_restore_image", img(old.Digest))
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
