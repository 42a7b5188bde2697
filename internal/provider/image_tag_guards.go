package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/signing"
)

// Promotion enforces provenance: a digest is promoted only when it can be pulled (or is restored
// first, on request), is signed by every profile that covers its repository (require_signed),
// and has the referrers a deployment needs (require_referrer_types). The checks run at plan when
// the digest is known, and again at apply, since the registry may change in between.

func imageTagGuardAttributes(ctx context.Context) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"require_signed": schema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "Refuse to promote a digest that is not signed (`COMPLETE`) by every signing profile " +
				"whose rules cover the repository the digest is promoted from. Checked at plan when the status is known, and " +
				"at apply.",
		},
		"require_referrer_types": schema.SetAttribute{
			ElementType: types.StringType, Optional: true,
			MarkdownDescription: "Refuse to promote a digest without an `ACTIVE` referrer of each of these artifact " +
				"types, such as `application/spdx+json` (an SBOM) or `application/vnd.in-toto+json` (a provenance " +
				"attestation).",
			Validators: []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(stringvalidator.LengthBetween(1, 255))},
		},
		"restore_archived": schema.BoolAttribute{
			Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			MarkdownDescription: "An archived digest answers pulls with 404, so by default promoting one is refused. With " +
				"`true`, apply restores it first (UpdateImageStorageClass to `STANDARD`) and waits until it is `ACTIVE`, " +
				"within `timeouts`. When the promoted digest is archived later, the plan warns that the tag cannot be " +
				"pulled; with `true` it plans an in-place update that restores it.",
		},
		"timeouts": withPositiveTimeouts(timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true, CreateDescription: "How long apply waits for a restored digest to become `ACTIVE` (default 30m).", UpdateDescription: "The same, for a move to another digest (default 30m)."})),
	}
}

// guardOutcome is what the checks found: problems refuse the promotion; pending are checks that
// can only be answered later (at plan, signing still in progress); restore says apply must
// restore the digest first.
type guardOutcome struct {
	missing  error // the digest (or its repository) is not there; the plan refuses it, apply's promotion reports it
	problems []string
	pending  []string
	restore  bool
}

// checkGuards checks the digest against the guards. In-progress signing is pending at plan and
// at apply alike; applyGuardsOutcome waits for it at apply.
func (r *imageTagResource) checkGuards(ctx context.Context, m imageTagModel) (guardOutcome, error) {
	var out guardOutcome
	source := m.Repository.ValueString()
	if !m.SourceRepository.IsNull() {
		source = m.SourceRepository.ValueString()
	}
	digest := m.Digest.ValueString()
	img, err := r.client.FindImage(ctx, source, ecrapi.ImageID{Digest: digest})
	if ecrapi.IsNotFound(err) {
		out.missing = err
		return out, nil
	}
	if err != nil {
		return out, err
	}
	if img.Status != ecrapi.ImageStatusActive {
		if m.RestoreArchived.ValueBool() {
			out.restore = true
		} else {
			out.problems = append(out.problems, fmt.Sprintf("%s is %s in %s: it answers pulls with 404, so every consumer "+
				"of the tag would fail to "+
				"pull it. Set restore_archived = true to restore it first, or promote an ACTIVE digest.", digest, img.Status, source))
		}
	}
	if m.RequireSigned.ValueBool() {
		rules, err := r.client.FindSigningConfiguration(ctx)
		if err != nil && !ecrapi.IsNotFound(err, ecrapi.KindSigningConfiguration) {
			return out, err
		}
		profiles := signing.Profiles(toSigningRules(rules), source)
		if len(profiles) == 0 {
			out.problems = append(out.problems, fmt.Sprintf("require_signed: no signing rule covers %s, so %s cannot be "+
				"signed. Add a rule "+
				"(ecrgov_signing_configuration) or remove require_signed.", source, digest))
		} else {
			statuses, err := r.client.ImageSigningStatus(ctx, source, digest)
			if err != nil {
				return out, err
			}
			out.addSigning(profiles, statuses, digest)
		}
	}
	if want := stringsFromCollection(ctx, m.RequireReferrerTypes, &diag.Diagnostics{}); len(want) > 0 {
		refs, err := r.client.ImageReferrers(ctx, source, digest, want)
		if err != nil {
			return out, err
		}
		var missing []string
		for _, t := range slices.Sorted(slices.Values(want)) {
			if !slices.ContainsFunc(refs, func(ref ecrapi.Referrer) bool { return ref.ArtifactType == t && ref.Status == ecrapi.ImageStatusActive }) {
				missing = append(missing, t)
			}
		}
		if len(missing) > 0 {
			out.problems = append(out.problems, fmt.Sprintf("require_referrer_types: %s has no ACTIVE referrer of type "+
				"%s. Attach it "+
				"(for example with oras attach or your SBOM tool) before promoting.", digest, strings.Join(missing, ", ")))
		}
	}
	return out, nil
}

func (out *guardOutcome) addSigning(profiles []string, statuses []ecrapi.SigningStatus, digest string) {
	byProfile := map[string]ecrapi.SigningStatus{}
	for _, s := range statuses {
		byProfile[s.ProfileARN] = s
	}
	for _, p := range profiles {
		s, ok := byProfile[p]
		switch {
		case !ok:
			out.problems = append(out.problems, fmt.Sprintf("require_signed: %s is not signed by %s (it was pushed before "+
				"the rule, or signing never started).", digest, p))
		case s.Status == ecrapi.SigningComplete:
		case s.Status == ecrapi.SigningInProgress:
			out.pending = append(out.pending, fmt.Sprintf("signing of %s by %s is in progress; apply waits for it within "+
				"timeouts.", digest, p))
		default:
			out.problems = append(out.problems, fmt.Sprintf("require_signed: signing of %s by %s %s (%s: %s).", digest, p, strings.ToLower(s.Status), s.FailureCode, s.FailureReason))
		}
	}
}

// planGuards reports the guards' outcome on the plan: problems fail it on digest, in-progress
// signing and a restore to come are warnings.
func (r *imageTagResource) planGuards(ctx context.Context, m imageTagModel, diags *diag.Diagnostics) {
	// The digest's status is checked even without guards: promoting an archived digest is
	// refused either way (one DescribeImages, not a pull).
	if r.client == nil {
		return
	}
	out, err := r.checkGuards(ctx, m)
	if err != nil {
		diags.AddWarning("checking the guards of "+imageTagLabel, "The digest could not be checked at plan; apply "+
			"checks it: "+ecrapi.ErrorDetail(err))
		return
	}
	id := m.Repository.ValueString() + ":" + m.Tag.ValueString()
	summary := "promoting " + m.Digest.ValueString() + " to " + imageTagLabel + " (" + id + ")"
	if out.missing != nil {
		source, at := m.Repository.ValueString(), path.Root("digest")
		if !m.SourceRepository.IsNull() {
			source = m.SourceRepository.ValueString()
		}
		if ecrapi.IsNotFound(out.missing, ecrapi.KindRepository) {
			if !m.SourceRepository.IsNull() {
				at = path.Root("source_repository")
			}
			diags.AddAttributeError(at, summary, repositoryMissing(source))
			return
		}
		diags.AddAttributeError(at, summary, fmt.Sprintf("%s is not in %s. The digest must already be there: push it "+
			"first, or correct digest.", m.Digest.ValueString(), source))
		return
	}
	for _, p := range out.problems {
		diags.AddAttributeError(path.Root("digest"), summary, p)
	}
	for _, p := range out.pending {
		diags.AddAttributeWarning(path.Root("digest"), "promoting to "+imageTagLabel+" ("+id+")", p)
	}
	if out.restore {
		diags.AddAttributeWarning(path.Root("digest"), "apply restores an archived digest", fmt.Sprintf(
			"%s is archived. Apply restores it (UpdateImageStorageClass to STANDARD) and waits until it is ACTIVE before "+
				"tagging it.", m.Digest.ValueString()))
	}
}

// applyGuards runs the checks at apply and restores the digest when asked; it returns false when
// the promotion must not go ahead.
func (r *imageTagResource) applyGuards(
	ctx context.Context, m imageTagModel, timeout time.Duration, diags *diag.Diagnostics,
) bool {
	out, err := r.applyGuardsOutcome(ctx, m, timeout)
	id := m.Repository.ValueString() + ":" + m.Tag.ValueString()
	if err != nil {
		addActionError(diags, "checking the digest for", imageTagLabel, id, err)
		return false
	}
	for _, p := range out.problems {
		diags.AddAttributeError(path.Root("digest"), "promoting "+m.Digest.ValueString()+" to "+imageTagLabel+" ("+id+")", p)
	}
	if diags.HasError() || !out.restore {
		return !diags.HasError()
	}
	source := m.Repository.ValueString()
	if !m.SourceRepository.IsNull() {
		source = m.SourceRepository.ValueString()
	}
	return r.restore(ctx, source, m.Tag.ValueString(), m.Digest.ValueString(), timeout, diags)
}

// restore restores an archived digest of repo and waits until it is ACTIVE, within timeout.
func (r *imageTagResource) restore(
	ctx context.Context, repo, tag, digest string, timeout time.Duration, diags *diag.Diagnostics,
) bool {
	id := repo + ":" + tag
	if _, err := r.client.UpdateImageStorageClass(ctx, repo, digest, ecrapi.StorageClassStandard); err != nil {
		addActionError(diags, "restoring the archived digest of", imageTagLabel, id, err)
		return false
	}
	if err := waitActive(ctx, r.client, repo, digest, timeout); err != nil {
		diags.AddAttributeError(path.Root("digest"), "restoring "+digest+" for "+imageTagLabel+" ("+id+")",
			err.Error()+". The restore goes on in ECR; nothing was tagged. Apply again to wait for it, or raise timeouts.")
		return false
	}
	return true
}
