package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/wildcard"
)

// Actions (Terraform 1.14+) are imperative steps that belong to an apply: scan a digest, restore
// or archive it. Each validates its inputs at plan, acts on one digest, reports progress, and
// waits within a bound.

// imageActionModel is the configuration every image action shares.
type imageActionModel struct {
	Repository types.String `tfsdk:"repository"`
	Digest     types.String `tfsdk:"digest"`
	Timeout    types.String `tfsdk:"timeout"`
}

func imageActionAttributes(timeoutDoc string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"repository": schema.StringAttribute{
			Required: true, MarkdownDescription: "Repository name.",
			Validators: []validator.String{checkString("repository name", imageref.CheckRepositoryName)},
		},
		"digest": schema.StringAttribute{
			Required: true, MarkdownDescription: "The image digest (`sha256:` and 64 lowercase hex digits).",
			Validators: []validator.String{checkString("digest", imageref.CheckDigest)},
		},
		"timeout": schema.StringAttribute{
			Optional: true, MarkdownDescription: timeoutDoc,
			Validators: []validator.String{checkString("duration", checkDuration)},
		},
	}
}

// checkDuration checks a Go duration such as "10m".
func checkDuration(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return fmt.Errorf("%q is not a positive duration such as 10m or 90s", s)
	}
	return nil
}

func (m imageActionModel) timeout(def time.Duration) time.Duration {
	if d, err := time.ParseDuration(m.Timeout.ValueString()); err == nil && d > 0 {
		return d
	}
	return def
}

func progress(resp *action.InvokeResponse, format string, args ...any) {
	if resp.SendProgress != nil {
		resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf(format, args...)})
	}
}

// --- ecrgov_start_image_scan ---------------------------------------------------------------

func newStartImageScanAction() action.Action { return &startImageScanAction{} }

type startImageScanAction struct{ client *ecrapi.Client }

var _ action.ActionWithConfigure = &startImageScanAction{}

func (a *startImageScanAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_start_image_scan"
}

func (a *startImageScanAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Starts a basic scan of a digest (StartImageScan) and waits for it within `timeout`, " +
			"polling DescribeImageScanFindings, then reports the findings by severity. ECR allows one basic scan of an " +
			"image per 24 hours, and an archived image cannot be scanned. Neither call is a pull.",
		Attributes: imageActionAttributes("How long to wait for the scan, such as `10m` (default)."),
	}
}

func (a *startImageScanAction) Configure(
	_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse,
) {
	a.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (a *startImageScanAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m imageActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	repo, digest := m.Repository.ValueString(), m.Digest.ValueString()
	id := repo + "@" + digest
	if _, err := a.client.StartImageScan(ctx, repo, digest); err != nil {
		addActionError(&resp.Diagnostics, "starting a scan of", imageLabel, id, err)
		return
	}
	progress(resp, "scan of %s started", id)
	timeout := m.timeout(10 * time.Minute)
	var scan ecrapi.ScanSummary
	err := pollUntil(ctx, timeout, func(ctx context.Context) bool {
		s, err := a.client.FindScanSummary(ctx, repo, digest)
		if err == nil {
			scan = s
		}
		return err == nil && s.Status != "IN_PROGRESS" && s.Status != "PENDING" && s.Status != "NOT_FOUND"
	})
	switch {
	case err != nil:
		resp.Diagnostics.AddError("scanning "+imageLabel+" ("+id+")", fmt.Sprintf("The scan did not finish within %s; it goes on in ECR. Raise timeout, or read the findings later with data.ecrgov_image (include_scan_findings).", timeout))
	case scan.Status != "COMPLETE" && scan.Status != "ACTIVE":
		resp.Diagnostics.AddError("scanning "+imageLabel+" ("+id+")", "The scan ended "+ecrapi.ExplainScanStatus(scan.Status)+".")
	default:
		progress(resp, "scan of %s %s: %s", id, strings.ToLower(scan.Status), severities(scan.Counts))
	}
}

func severities(counts map[string]int32) string {
	var parts []string
	for _, sev := range []string{"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED"} {
		parts = append(parts, fmt.Sprintf("%s %d", sev, counts[sev]))
	}
	return strings.Join(parts, ", ")
}

// --- ecrgov_restore_image ------------------------------------------------------------------

func newRestoreImageAction() action.Action { return &restoreImageAction{} }

type restoreImageAction struct{ client *ecrapi.Client }

var _ action.ActionWithConfigure = &restoreImageAction{}

func (a *restoreImageAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_restore_image"
}

func (a *restoreImageAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Restores an archived digest (UpdateImageStorageClass to `STANDARD`) and waits until it " +
			"is `ACTIVE`, within `timeout`. An image that is already `ACTIVE` is left as it is.",
		Attributes: imageActionAttributes("How long to wait for the image to become `ACTIVE`, such as `30m` (default)."),
	}
}

func (a *restoreImageAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (a *restoreImageAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m imageActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	repo, digest := m.Repository.ValueString(), m.Digest.ValueString()
	id := repo + "@" + digest
	img, err := a.client.FindImage(ctx, repo, ecrapi.ImageID{Digest: digest})
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", imageLabel, id, err)
		return
	}
	if img.Status == ecrapi.ImageStatusActive {
		progress(resp, "%s is already ACTIVE", id)
		return
	}
	if img.Status == ecrapi.ImageStatusArchived {
		if _, err := a.client.UpdateImageStorageClass(ctx, repo, digest, ecrapi.StorageClassStandard); err != nil {
			addActionError(&resp.Diagnostics, "restoring", imageLabel, id, err)
			return
		}
	}
	progress(resp, "restoring %s", id)
	timeout := m.timeout(defaultRestoreTimeout)
	if err := waitActive(ctx, a.client, repo, digest, timeout); err != nil {
		resp.Diagnostics.AddError("restoring "+imageLabel+" ("+id+")", err.Error()+". The restore goes on in ECR; "+
			"invoke again to wait for it.")
		return
	}
	progress(resp, "%s is ACTIVE", id)
}

// --- ecrgov_archive_image ------------------------------------------------------------------

func newArchiveImageAction() action.Action { return &archiveImageAction{} }

type archiveImageAction struct{ client *ecrapi.Client }

var (
	_ action.ActionWithConfigure      = &archiveImageAction{}
	_ action.ActionWithValidateConfig = &archiveImageAction{}
)

type archiveImageModel struct {
	imageActionModel
	ProtectedTagPatterns types.List `tfsdk:"protected_tag_patterns"`
}

func (a *archiveImageAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_archive_image"
}

func (a *archiveImageAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	attrs := imageActionAttributes("Unused by archiving, which ECR does at once; accepted for symmetry with the " +
		"other image actions.")
	attrs["protected_tag_patterns"] = schema.ListAttribute{
		ElementType: types.StringType, Optional: true,
		MarkdownDescription: "Refuse to archive a digest with a tag matching one of these ECR wildcards, such as " +
			"`deployed-prod-*`: an archived image answers pulls with 404. A platform manifest is protected when an index " +
			"with such a tag refers to it; finding out reads those indexes (one BatchGetImage, which ECR records as a " +
			"pull of each). Defaults to `[\"deployed-*\", \"latest\"]`.",
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Archives a digest (UpdateImageStorageClass to `ARCHIVE`). It refuses a digest tagged by " +
			"a protected pattern, or referred to by an index (a multi-arch image) tagged by one, since archived images " +
			"cannot be pulled until restored (`ecrgov_restore_image`), and ECR keeps archived images at least 90 days.",
		Attributes: attrs,
	}
}

func (a *archiveImageAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (a *archiveImageAction) ValidateConfig(
	ctx context.Context, req action.ValidateConfigRequest, resp *action.ValidateConfigResponse,
) {
	var m archiveImageModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() || m.ProtectedTagPatterns.IsUnknown() {
		return
	}
	for i, p := range stringsFromCollection(ctx, m.ProtectedTagPatterns, &resp.Diagnostics) {
		if err := imageref.CheckTagPattern(p); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("protected_tag_patterns").AtListIndex(i), "Invalid protected tag "+
				"pattern", err.Error())
		}
	}
}

var defaultProtectedPatterns = []string{"deployed-*", "latest"}

func (a *archiveImageAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m archiveImageModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	repo, digest := m.Repository.ValueString(), m.Digest.ValueString()
	id := repo + "@" + digest
	patterns := defaultProtectedPatterns
	if !m.ProtectedTagPatterns.IsNull() {
		patterns = stringsFromCollection(ctx, m.ProtectedTagPatterns, &resp.Diagnostics)
	}
	img, err := a.client.FindImage(ctx, repo, ecrapi.ImageID{Digest: digest})
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", imageLabel, id, err)
		return
	}
	for _, tag := range img.Tags {
		for _, p := range patterns {
			if wildcard.Match(p, tag) {
				resp.Diagnostics.AddAttributeError(path.Root("digest"), "archiving "+imageLabel+" ("+id+")",
					fmt.Sprintf("%s is tagged %s, which matches the protected pattern %q: an archived image answers pulls with "+
						"404, so whatever "+
						"deploys that tag would fail. Remove the tag first, or change protected_tag_patterns.", digest, tag, p))
				return
			}
		}
	}
	if index, tag, pattern, err := a.protectingIndex(ctx, repo, digest, patterns); err != nil {
		addActionError(&resp.Diagnostics, "reading the indexes that refer to", imageLabel, id, err)
		return
	} else if index != "" {
		resp.Diagnostics.AddAttributeError(path.Root("digest"), "archiving "+imageLabel+" ("+id+")",
			fmt.Sprintf("%s is a platform of the index %s, which is tagged %s, matching the protected pattern %q: an "+
				"archived image "+
				"answers pulls with 404, so pulling that tag for this platform would fail. Remove the tag from the index first, "+
				"or change protected_tag_patterns.", digest, index, tag, pattern))
		return
	}
	if img.Status == ecrapi.ImageStatusArchived {
		progress(resp, "%s is already ARCHIVED", id)
		return
	}
	status, err := a.client.UpdateImageStorageClass(ctx, repo, digest, ecrapi.StorageClassArchive)
	if err != nil {
		addActionError(&resp.Diagnostics, "archiving", imageLabel, id, err)
		return
	}
	progress(resp, "%s is %s", id, status)
}

// protectingIndex finds an index in the repository that carries a protected tag and refers to
// digest: a digest is protected when any index that refers to it is. Only indexes with a
// protected tag are read (one BatchGetImage per 100, which ECR records as a pull of each).
func (a *archiveImageAction) protectingIndex(
	ctx context.Context, repo, digest string, patterns []string) (index, tag, pattern string, err error,
) {
	images, err := a.client.DescribeImages(ctx, repo, ecrapi.TagStatusTagged)
	if err != nil {
		return "", "", "", err
	}
	protectedBy := map[string][2]string{} // index digest -> its protected tag and the pattern
	var indexes []string
	for _, img := range images {
		if img.Digest == digest || !imageref.IsIndexMediaType(img.ManifestMediaType) || img.Status != ecrapi.ImageStatusActive {
			continue
		}
		if t, p := protectedTag(img.Tags, patterns); t != "" {
			protectedBy[img.Digest] = [2]string{t, p}
			indexes = append(indexes, img.Digest)
		}
	}
	children, err := a.client.IndexChildren(ctx, repo, indexes)
	if err != nil {
		return "", "", "", err
	}
	for _, parent := range children[digest] {
		if why, ok := protectedBy[parent]; ok {
			return parent, why[0], why[1], nil
		}
	}
	return "", "", "", nil
}

// protectedTag returns the first tag matching a protected pattern, and the pattern.
func protectedTag(tags, patterns []string) (string, string) {
	for _, tag := range tags {
		for _, p := range patterns {
			if wildcard.Match(p, tag) {
				return tag, p
			}
		}
	}
	return "", ""
}
