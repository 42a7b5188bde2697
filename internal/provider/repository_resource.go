package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/mutability"
)

var (
	_ resource.ResourceWithImportState    = &repositoryResource{}
	_ resource.ResourceWithValidateConfig = &repositoryResource{}
	_ resource.ResourceWithModifyPlan     = &repositoryResource{}
)

func newRepositoryResource() resource.Resource { return &repositoryResource{} }

type repositoryResource struct {
	client *ecrapi.Client
}

const repositoryThing = "ECR repository"

func (r *repositoryResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_repository"
}

func (r *repositoryResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An ECR repository whose tags are **immutable by default**, with controlled exceptions such as `latest`. " +
			"Mutability, exclusion filters, scan-on-push and tags are changed in place; the name and encryption replace the repository.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The repository name.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Repository name: 2–256 characters of lowercase path components separated by `/`, with `.`, `_` or `-` inside them. Changing it replaces the repository.",
				Validators:          []validator.String{checkString("repository name", imageref.CheckRepositoryName)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"image_tag_mutability": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(mutability.Immutable),
				MarkdownDescription: "One of " + mutabilityModesDoc + ". Defaults to `IMMUTABLE`: a pushed tag can never point at other bits.",
				Validators:          []validator.String{stringvalidator.OneOf(mutability.Modes...)},
			},
			exclusionFiltersAttr: exclusionFiltersSchema(),
			"scan_on_push": schema.BoolAttribute{
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
				MarkdownDescription: "Scan each image for vulnerabilities when it is pushed. Defaults to `true`.",
			},
			"encryption_type": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(string(ecrtypes.EncryptionTypeAes256)),
				MarkdownDescription: "`AES256` (default), `KMS` or `KMS_DSSE`. ECR cannot change it, so changing it replaces the repository.",
				Validators:          []validator.String{stringvalidator.OneOf(encryptionTypes()...)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"kms_key": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "KMS key ARN, only with `KMS` or `KMS_DSSE`. When unset with those types, ECR uses the AWS managed key and this shows its ARN. Changing it replaces the repository.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplaceIfConfigured()},
			},
			"force_delete": schema.BoolAttribute{
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
				MarkdownDescription: "Delete the repository even when it holds images. Defaults to `false`, so destroying a repository with images fails and says how many it holds.",
			},
			"tags": schema.MapAttribute{
				ElementType:         types.StringType,
				Optional:            true,
				MarkdownDescription: "Resource tags.",
			},
			"arn": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Repository ARN.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"registry_id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Registry (AWS account) ID.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"repository_url": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Repository URL, `<account>.dkr.ecr.<region>.amazonaws.com/<name>`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

func encryptionTypes() []string {
	var out []string
	for _, v := range ecrtypes.EncryptionTypeAes256.Values() {
		out = append(out, string(v))
	}
	return out
}

func usesKMS(encryptionType string) bool {
	return encryptionType == string(ecrtypes.EncryptionTypeKms) || encryptionType == string(ecrtypes.EncryptionTypeKmsDsse)
}

func (r *repositoryResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg repositoryModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	validateMutabilityConfig(cfg.ImageTagMutability, cfg.ExclusionFilters, &resp.Diagnostics)
	if !cfg.KMSKey.IsNull() && !cfg.KMSKey.IsUnknown() && !cfg.EncryptionType.IsUnknown() && !usesKMS(cfg.EncryptionType.ValueString()) {
		resp.Diagnostics.AddAttributeError(path.Root("kms_key"), "kms_key needs KMS encryption",
			"kms_key applies only when encryption_type is KMS or KMS_DSSE. Set encryption_type = \"KMS\", or remove kms_key.")
	}
}

// ModifyPlan keeps kms_key honest across replacement: a repository that will be created
// anew does not inherit the old key, and AES256 repositories have none.
func (r *repositoryResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan, cfg repositoryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || !cfg.KMSKey.IsNull() {
		return
	}
	switch {
	case !plan.EncryptionType.IsUnknown() && !usesKMS(plan.EncryptionType.ValueString()):
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

func (r *repositoryResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *repositoryResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan repositoryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	filters := setStrings(ctx, plan.ExclusionFilters, &resp.Diagnostics)
	tags := mapStrings(ctx, plan.Tags, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	in := &ecr.CreateRepositoryInput{
		RepositoryName:                     aws.String(name),
		ImageTagMutability:                 ecrtypes.ImageTagMutability(plan.ImageTagMutability.ValueString()),
		ImageTagMutabilityExclusionFilters: ecrapi.WildcardFilters(filters),
		ImageScanningConfiguration:         &ecrtypes.ImageScanningConfiguration{ScanOnPush: plan.ScanOnPush.ValueBool()},
		EncryptionConfiguration:            &ecrtypes.EncryptionConfiguration{EncryptionType: ecrtypes.EncryptionType(plan.EncryptionType.ValueString())},
		Tags:                               apiTags(tags),
	}
	if !plan.KMSKey.IsUnknown() && !plan.KMSKey.IsNull() {
		in.EncryptionConfiguration.KmsKey = plan.KMSKey.ValueStringPointer()
	}
	// One call: CreateRepository takes the tags and the whole configuration and returns the
	// repository, so there is no window where a created repository is missing from state.
	started := time.Now()
	out, err := r.client.ECR.CreateRepository(ctx, in)
	if err != nil {
		var exists *ecrtypes.RepositoryAlreadyExistsException
		if errors.As(err, &exists) {
			if repo := r.createdByRetry(ctx, name, started); repo != nil {
				plan.setComputed(repo)
				resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
				return
			}
			addActionError(&resp.Diagnostics, "creating", repositoryThing, name, err,
				fmt.Sprintf("The repository already exists. To manage it here, import it: terraform import <address> %s", name))
			return
		}
		addActionError(&resp.Diagnostics, "creating", repositoryThing, name, err)
		return
	}
	plan.setComputed(out.Repository)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// createdByRetry recognises our own repository behind a RepositoryAlreadyExistsException: when
// a CreateRepository response is lost (a connection reset), the SDK's retry finds the
// repository that the first attempt created. A repository created after this call started is
// ours; anything older belongs to someone else and stays an error.
func (r *repositoryResource) createdByRetry(ctx context.Context, name string, started time.Time) *ecrtypes.Repository {
	repo, err := ecrapi.FindRepositoryByName(ctx, r.client.ECR, "", name)
	if err != nil || repo.CreatedAt == nil {
		return nil
	}
	// Allow for clock skew between this machine and the service.
	if repo.CreatedAt.Before(started.Add(-createSkew)) {
		return nil
	}
	return repo
}

// createSkew bounds the clock difference tolerated by createdByRetry.
const createSkew = 5 * time.Second

func (r *repositoryResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state repositoryModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	repo, err := ecrapi.FindRepositoryByName(ctx, r.client.ECR, "", name)
	if ecrapi.IsNotFound(err) {
		warnRemovedFromState(&resp.Diagnostics, repositoryThing, name)
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", repositoryThing, name, err)
		return
	}
	tags, err := ecrapi.FindRepositoryTags(ctx, r.client.ECR, aws.ToString(repo.RepositoryArn))
	if err != nil {
		addActionError(&resp.Diagnostics, "reading tags of", repositoryThing, name, err)
		return
	}
	state.Name = types.StringValue(aws.ToString(repo.RepositoryName))
	state.ImageTagMutability = types.StringValue(string(repo.ImageTagMutability))
	state.ExclusionFilters = stringSet(ecrapi.ExclusionFilters(repo.ImageTagMutabilityExclusionFilters))
	if repo.ImageScanningConfiguration != nil {
		state.ScanOnPush = types.BoolValue(repo.ImageScanningConfiguration.ScanOnPush)
	}
	state.setComputed(repo)
	state.Tags = tagsValue(tags, state.Tags)
	if state.ForceDelete.IsNull() { // after import
		state.ForceDelete = types.BoolValue(false)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update makes one call per changed aspect. After each call that succeeds, the state takes that
// aspect, so a failure part-way records exactly what was applied and the next plan converges.
func (r *repositoryResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state repositoryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	defer func() { resp.Diagnostics.Append(resp.State.Set(ctx, &state)...) }()

	if !plan.ImageTagMutability.Equal(state.ImageTagMutability) || !plan.ExclusionFilters.Equal(state.ExclusionFilters) {
		filters := setStrings(ctx, plan.ExclusionFilters, &resp.Diagnostics)
		if err := ecrapi.PutTagMutability(ctx, r.client.ECR, "", name, plan.ImageTagMutability.ValueString(), filters); err != nil {
			addActionError(&resp.Diagnostics, "setting tag mutability of", repositoryThing, name, err)
			return
		}
		state.ImageTagMutability, state.ExclusionFilters = plan.ImageTagMutability, plan.ExclusionFilters
	}
	if !plan.ScanOnPush.Equal(state.ScanOnPush) {
		_, err := r.client.ECR.PutImageScanningConfiguration(ctx, &ecr.PutImageScanningConfigurationInput{
			RepositoryName:             aws.String(name),
			ImageScanningConfiguration: &ecrtypes.ImageScanningConfiguration{ScanOnPush: plan.ScanOnPush.ValueBool()},
		})
		if err != nil {
			addActionError(&resp.Diagnostics, "setting scan on push of", repositoryThing, name, err)
			return
		}
		state.ScanOnPush = plan.ScanOnPush
	}
	if !plan.Tags.Equal(state.Tags) {
		if err := r.updateTags(ctx, state.ARN.ValueString(), mapStrings(ctx, state.Tags, &resp.Diagnostics), mapStrings(ctx, plan.Tags, &resp.Diagnostics)); err != nil {
			addActionError(&resp.Diagnostics, "updating tags of", repositoryThing, name, err)
			return
		}
		state.Tags = plan.Tags
	}
	state.ForceDelete = plan.ForceDelete
}

func (r *repositoryResource) updateTags(ctx context.Context, arn string, current, desired map[string]string) error {
	var removed []string
	for k := range current {
		if _, keep := desired[k]; !keep {
			removed = append(removed, k)
		}
	}
	if len(removed) > 0 {
		if _, err := r.client.ECR.UntagResource(ctx, &ecr.UntagResourceInput{ResourceArn: aws.String(arn), TagKeys: removed}); err != nil {
			return err
		}
	}
	changed := maps.Clone(desired)
	maps.DeleteFunc(changed, func(k, v string) bool { o, ok := current[k]; return ok && o == v })
	if len(changed) > 0 {
		if _, err := r.client.ECR.TagResource(ctx, &ecr.TagResourceInput{ResourceArn: aws.String(arn), Tags: apiTags(changed)}); err != nil {
			return err
		}
	}
	return nil
}

func (r *repositoryResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state repositoryModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	_, err := r.client.ECR.DeleteRepository(ctx, &ecr.DeleteRepositoryInput{
		RepositoryName: aws.String(name),
		Force:          state.ForceDelete.ValueBool(),
	})
	var notEmpty *ecrtypes.RepositoryNotEmptyException
	switch {
	case err == nil, ecrapi.IsRepositoryNotFound(err):
		return
	case errors.As(err, &notEmpty):
		count := "some"
		if n, cerr := ecrapi.CountImages(ctx, r.client.ECR, name); cerr == nil {
			count = fmt.Sprint(n)
		}
		resp.Diagnostics.AddError(fmt.Sprintf("deleting %s (%s)", repositoryThing, name),
			fmt.Sprintf("The repository holds %s images, and force_delete is false, so it was kept. "+
				"Delete or move the images first, or set force_delete = true and apply before destroying to delete them with it.", count))
	default:
		addActionError(&resp.Diagnostics, "deleting", repositoryThing, name, err)
	}
}

func (r *repositoryResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importByRepositoryName(ctx, req, resp, repositoryThing, "name")
}

type repositoryModel struct {
	ID                 types.String `tfsdk:"id"`
	Name               types.String `tfsdk:"name"`
	ImageTagMutability types.String `tfsdk:"image_tag_mutability"`
	ExclusionFilters   types.Set    `tfsdk:"image_tag_mutability_exclusion_filters"`
	ScanOnPush         types.Bool   `tfsdk:"scan_on_push"`
	EncryptionType     types.String `tfsdk:"encryption_type"`
	KMSKey             types.String `tfsdk:"kms_key"`
	ForceDelete        types.Bool   `tfsdk:"force_delete"`
	Tags               types.Map    `tfsdk:"tags"`
	ARN                types.String `tfsdk:"arn"`
	RegistryID         types.String `tfsdk:"registry_id"`
	RepositoryURL      types.String `tfsdk:"repository_url"`
}

// setComputed copies what ECR decides (ARN, registry, URL, encryption) from the API's answer.
func (m *repositoryModel) setComputed(repo *ecrtypes.Repository) {
	m.ID = types.StringValue(aws.ToString(repo.RepositoryName))
	m.ARN = types.StringValue(aws.ToString(repo.RepositoryArn))
	m.RegistryID = types.StringValue(aws.ToString(repo.RegistryId))
	m.RepositoryURL = types.StringValue(aws.ToString(repo.RepositoryUri))
	m.EncryptionType = types.StringValue(string(ecrtypes.EncryptionTypeAes256))
	m.KMSKey = types.StringNull()
	if enc := repo.EncryptionConfiguration; enc != nil && enc.EncryptionType != "" {
		m.EncryptionType = types.StringValue(string(enc.EncryptionType))
		if k := aws.ToString(enc.KmsKey); k != "" {
			m.KMSKey = types.StringValue(k)
		}
	}
}
