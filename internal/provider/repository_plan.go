package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
)

// ModifyPlan keeps kms_key honest across replacement: a repository that will be created
// anew does not inherit the old key, and AES256 repositories have none.
func (r *repositoryResource) ModifyPlan(
	ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse,
) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan, cfg repositoryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if req.State.Raw.IsNull() && !plan.Name.IsUnknown() {
		// A repository created in this run has no images: its policy needs no impact check.
		r.run.markCreating(plan.Name.ValueString())
	}
	r.planKnownValues(ctx, req, &plan, resp)
	if !cfg.KMSKey.IsNull() {
		return
	}
	switch {
	case !plan.EncryptionType.IsUnknown() && !ecrapi.UsesKMS(plan.EncryptionType.ValueString()):
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("kms_key"), types.StringNull())...)
	case req.State.Raw.IsNull():
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("kms_key"), types.StringUnknown())...)
	default:
		var state repositoryModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if state.EncryptionType.Equal(plan.EncryptionType) && state.Name.Equal(plan.Name) {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("kms_key"), state.KMSKey)...)
		} else {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("kms_key"), types.StringUnknown())...)
		}
	}
}

// planKnownValues makes what follows from the configuration known at plan, also for a new or
// replaced repository, so a reviewer sees the URL a task definition will use: id is the name,
// registry_id the account (from state, or one DescribeRegistry per run), and repository_url
// <registry host>/<name>.
func (r *repositoryResource) planKnownValues(
	ctx context.Context, req resource.ModifyPlanRequest, plan *repositoryModel, resp *resource.ModifyPlanResponse,
) {
	if plan.Name.IsUnknown() {
		return
	}
	name := plan.Name.ValueString()
	registry := ""
	if !req.State.Raw.IsNull() {
		var state repositoryModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		registry = state.RegistryID.ValueString()
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("id"), types.StringValue(name))...)
	// The URL form is known for the commercial, China and GovCloud partitions; elsewhere (the
	// isolated regions) the URL stays unknown until ECR says it.
	if r.client == nil || strings.Contains(r.client.Region, "-iso") {
		return
	}
	if registry == "" {
		var err error
		registry, err = r.client.RegistryID(ctx)
		if ecrapi.Unreachable(err) {
			// An endpoint that does not answer fails the plan here, with the reason, rather than
			// later; ecrapi bounds the wait and remembers the failure for the rest of the run.
			addActionError(&resp.Diagnostics, "reading", "ECR registry", "registry", err)
			return
		} // any other error leaves the URL unknown until ECR says it
	}
	if registry != "" {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("registry_id"), types.StringValue(registry))...)
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("repository_url"),
			types.StringValue(imageref.RepositoryURL(registry, r.client.Region, name)))...)
	}
}
