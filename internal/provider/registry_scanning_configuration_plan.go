package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/scanning"
)

// ModifyPlan warns, by name, about the repositories that are scanned today and would not be
// under the planned configuration. It reads only when the configuration is created or changes.
func (r *registryScanningConfigurationResource) ModifyPlan(
	ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var plan, state scanningConfigurationModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	creating := req.State.Raw.IsNull()
	if !creating {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if resp.Diagnostics.HasError() || plan.ScanType.IsUnknown() || plan.Rules.IsUnknown() {
		return
	}
	if !creating && plan.ScanType.Equal(state.ScanType) && plan.Rules.Equal(state.Rules) {
		return
	}
	var diags diag.Diagnostics
	desired := plan.configuration(ctx, &diags)
	if diags.HasError() {
		return
	}
	lost, err := r.repositoriesNoLongerScanned(ctx, toScanningConfig(desired))
	if err != nil {
		resp.Diagnostics.AddWarning("checking "+scanningConfigLabel,
			"Which repositories this change would stop scanning could not be checked: "+ecrapi.ErrorDetail(err))
		return
	}
	if len(lost) > 0 {
		shown := lost
		more := ""
		if len(shown) > 10 {
			shown, more = shown[:10], fmt.Sprintf("\n  ... and %d more", len(lost)-10)
		}
		resp.Diagnostics.AddAttributeWarning(path.Root("rule"), "Repositories would stop being scanned",
			fmt.Sprintf("%d %s scanned today would no longer be scanned on push or continuously:\n\n  %s%s\n\n"+
				"Add a rule whose repository_filters match them, or confirm that this is intended.",
				len(lost), plural(len(lost), "repository", "repositories"), strings.Join(shown, "\n  "), more))
	}
}

// repositoriesNoLongerScanned compares what ECR applies today (BatchGetRepositoryScanningConfiguration,
// 25 repositories a call) with what the desired configuration would scan.
func (r *registryScanningConfigurationResource) repositoriesNoLongerScanned(
	ctx context.Context, desired scanning.Config) ([]string, error,
) {
	repos, err := r.client.ListRepositories(ctx)
	if err != nil || len(repos) == 0 {
		return nil, err
	}
	current, err := r.client.GetRegistryScanningConfiguration(ctx)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(repos))
	for _, repo := range repos {
		names = append(names, repo.Name)
	}
	today, err := r.client.BatchRepositoryScanning(ctx, names)
	if err != nil {
		return nil, err
	}
	var lost []string
	for _, repo := range repos {
		scanned := today[repo.Name].Scanned() || (current.ScanType != scanning.Enhanced && repo.ScanOnPush)
		if scanned && !desired.Scans(repo.Name, repo.ScanOnPush) {
			lost = append(lost, repo.Name)
		}
	}
	return lost, nil
}

func toScanningConfig(c ecrapi.ScanningConfiguration) scanning.Config {
	out := scanning.Config{ScanType: c.ScanType}
	for _, r := range c.Rules {
		out.Rules = append(out.Rules, scanning.Rule{Frequency: r.Frequency, Filters: r.Filters})
	}
	return out
}
