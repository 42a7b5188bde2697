package provider

import (
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// providerData is what Configure hands to every resource, data source and ephemeral resource:
// the one ECR client, and what this provider process has seen of the current Terraform run.
type providerData struct {
	client *ecrapi.Client
	run    *runState
}

// runState is what one provider process learns while Terraform walks one graph. Terraform starts
// a provider process per walk (validate, plan, apply), so it lasts exactly one of them.
type runState struct {
	mu sync.Mutex
	// creating holds the repositories that ecrgov_repository plans to create in this walk:
	// Terraform plans a dependency before its dependents, so a lifecycle policy planned later
	// knows its repository has no images yet.
	creating map[string]bool
	// refreshedPolicies holds the repositories whose lifecycle policy was refreshed (Read) in
	// this walk. Only a plan walk refreshes: the apply walk re-plans each change without reading,
	// and that re-plan must not repeat the plan's impact check.
	refreshedPolicies map[string]bool
	// plannedTemplates holds the creation templates (prefix: applied for) that
	// ecrgov_repository_creation_template plans to create or change in this walk, so that a pull
	// through cache rule planned after it (it depends on the template) knows it is coming.
	plannedTemplates map[string][]string
	// plannedReplicationRules holds the replication rules (by key) that ecrgov_replication_rule
	// plans to add in this walk, so that ECR's 10-rule limit counts them all at plan.
	plannedReplicationRules map[string]bool
}

func newRunState() *runState {
	return &runState{creating: map[string]bool{}, refreshedPolicies: map[string]bool{}}
}

func (s *runState) markCreating(repository string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.creating[repository] = true
}

func (s *runState) isCreating(repository string) bool {
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.creating[repository]
}

func (s *runState) markPolicyRefreshed(repository string) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refreshedPolicies[repository] = true
}

func (s *runState) policyRefreshed(repository string) bool {
	if s == nil {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refreshedPolicies[repository]
}

// clientFromProviderData is the Configure step shared by every resource, data source and
// ephemeral resource: nil before the provider is configured (validation runs then), otherwise
// the one client that the provider built.
func clientFromProviderData(data any, diags *diag.Diagnostics) *ecrapi.Client {
	if pd := providerDataFrom(data, diags); pd != nil {
		return pd.client
	}
	return nil
}

// runFromProviderData is the run state, nil before the provider is configured.
func runFromProviderData(data any, diags *diag.Diagnostics) *runState {
	if pd := providerDataFrom(data, diags); pd != nil {
		return pd.run
	}
	return nil
}

func providerDataFrom(data any, diags *diag.Diagnostics) *providerData {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		providerDataError(diags, data)
		return nil
	}
	return pd
}
