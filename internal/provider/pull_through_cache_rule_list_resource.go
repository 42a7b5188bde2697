package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

var _ list.ListResourceWithConfigure = &pullThroughCacheRuleListResource{}

func newPullThroughCacheRuleListResource() list.ListResource {
	return &pullThroughCacheRuleListResource{}
}

// pullThroughCacheRuleListResource lists the registry's pull through cache rules as
// ecrgov_pull_through_cache_rule, to bring them under review: one DescribePullThroughCacheRules
// per 1,000 rules.
type pullThroughCacheRuleListResource struct {
	repositoryLister
}

func (l *pullThroughCacheRuleListResource) Metadata(
	_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_pull_through_cache_rule"
}

func (l *pullThroughCacheRuleListResource) ListResourceConfigSchema(
	_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse,
) {
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Lists the pull through cache rules of the registry, sorted by ECR repository prefix, as " +
			"`ecrgov_pull_through_cache_rule`, for `terraform query`. One DescribePullThroughCacheRules per 1,000 rules.",
		Attributes: map[string]listschema.Attribute{
			"prefix_starts_with": listschema.StringAttribute{
				Optional: true, MarkdownDescription: "Only rules whose ECR repository prefix starts with this, such as `cache`.",
			},
		},
	}
}

// pullThroughCacheTimeoutTypes are the attributes of the resource's timeouts object.
var pullThroughCacheTimeoutTypes = map[string]attr.Type{"create": types.StringType, "update": types.StringType}

type pullThroughCacheRuleListModel struct {
	PrefixStartsWith types.String `tfsdk:"prefix_starts_with"`
}

func (l *pullThroughCacheRuleListResource) List(
	ctx context.Context, req list.ListRequest, stream *list.ListResultsStream,
) {
	var cfg pullThroughCacheRuleListModel
	diags := req.Config.Get(ctx, &cfg)
	if l.client == nil {
		diags.AddError("listing "+pullThroughCacheRuleLabel+"s", "The provider is not configured.")
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	rules, err := l.client.ListPullThroughCacheRules(ctx)
	if err != nil {
		addActionError(&diags, "listing", pullThroughCacheRuleLabel+"s", "registry", err)
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	var chosen []ecrapi.PullThroughCacheRule
	for _, r := range rules {
		if strings.HasPrefix(r.Prefix, cfg.PrefixStartsWith.ValueString()) {
			chosen = append(chosen, r)
		}
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for i, r := range chosen {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			result := req.NewListResult(ctx)
			result.DisplayName = r.Prefix + " ← " + r.UpstreamURL
			result.Diagnostics.Append(result.Identity.SetAttribute(ctx, path.Root("ecr_repository_prefix"), r.Prefix)...)
			if req.IncludeResource {
				m := pullThroughCacheRuleModel{ID: types.StringValue(r.Prefix), RequireTemplate: types.BoolValue(false)}
				m.refresh(&r)
				m.Timeouts.Object = types.ObjectNull(pullThroughCacheTimeoutTypes)
				result.Diagnostics.Append(result.Resource.Set(ctx, &m)...)
			}
			if !push(result) {
				return
			}
		}
	}
}
