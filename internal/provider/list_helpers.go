package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/wildcard"
)

// List resources (`terraform query`, Terraform 1.14+) turn what a registry holds into import
// blocks and configuration. The three share their filter: a name prefix or an ECR wildcard.

// repositoryFilterSchema is the config of every ecrgov list resource.
func repositoryFilterSchema(what string) listschema.Schema {
	return listschema.Schema{
		MarkdownDescription: "Lists " + what + " of the registry, sorted by repository name, for `terraform query`. " +
			"One DescribeRepositories per 1,000 repositories.",
		Attributes: map[string]listschema.Attribute{
			"name_prefix": listschema.StringAttribute{
				Optional: true, MarkdownDescription: "Only repositories whose name starts with this, such as `team/`. " +
					"Conflicts with `name_pattern`.",
				Validators: []validator.String{
					stringvalidator.ConflictsWith(path.MatchRoot("name_pattern")),
					checkString("repository name prefix", imageref.CheckRepositoryNamePrefix),
				},
			},
			"name_pattern": listschema.StringAttribute{
				Optional: true, MarkdownDescription: "Only repositories whose name matches this wildcard, such as `team/*` " +
					"(`*` matches any run of characters, `/` included).",
				Validators: []validator.String{checkString("repository name pattern", imageref.CheckRepositoryPattern)},
			},
		},
	}
}

type repositoryFilterModel struct {
	NamePrefix  types.String `tfsdk:"name_prefix"`
	NamePattern types.String `tfsdk:"name_pattern"`
}

// listedRepositories reads the filter and lists the repositories it selects, sorted by name.
func listedRepositories(
	ctx context.Context, client *ecrapi.Client, req list.ListRequest) ([]ecrapi.Repository, diag.Diagnostics,
) {
	var cfg repositoryFilterModel
	diags := req.Config.Get(ctx, &cfg)
	if diags.HasError() {
		return nil, diags
	}
	if client == nil {
		diags.AddError("listing ECR repositories", "The provider is not configured.")
		return nil, diags
	}
	all, err := client.ListRepositories(ctx)
	if err != nil {
		addActionError(&diags, "listing", "ECR repositories", "registry", err)
		return nil, diags
	}
	prefix, pattern := cfg.NamePrefix.ValueString(), cfg.NamePattern.ValueString()
	var out []ecrapi.Repository
	for _, r := range all {
		if strings.HasPrefix(r.Name, prefix) && (pattern == "" || wildcard.Match(pattern, r.Name)) {
			out = append(out, r)
		}
	}
	sortRepositories(out)
	return out, diags
}

// sortRepositories orders repositories by name, the order of the list resources and the audit.
func sortRepositories(repos []ecrapi.Repository) {
	slices.SortFunc(repos, func(a, b ecrapi.Repository) int {
		return strings.Compare(a.Name, b.Name)
	})
}

// repositoryLister is what the list resources share: the client and its Configure.
type repositoryLister struct {
	client *ecrapi.Client
}

func (l *repositoryLister) Configure(
	_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse,
) {
	l.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// list streams one result per repository the filter selects, up to the request's limit: the
// identity attribute identityAttr is the repository name, and describe sets the rest of the
// result (its display name, and the resource when asked), or returns false to skip the
// repository.
func (l *repositoryLister) list(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream, identityAttr string,
	describe func(r ecrapi.Repository, result *list.ListResult) bool) {
	repos, diags := listedRepositories(ctx, l.client, req)
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		n := int64(0)
		for _, r := range repos {
			if req.Limit > 0 && n >= req.Limit {
				return
			}
			result := req.NewListResult(ctx)
			result.DisplayName = r.Name
			if !describe(r, &result) {
				continue
			}
			result.Diagnostics.Append(result.Identity.SetAttribute(ctx, path.Root(identityAttr), r.Name)...)
			n++
			if !push(result) {
				return
			}
		}
	}
}
