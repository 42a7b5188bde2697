package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/signing"
)

// What an image lookup says about provenance: who signed the image, what refers to it (SBOMs,
// attestations), and whether it can be pulled. data.ecrgov_image and data.ecrgov_images share
// it. None of it reads a manifest, so none of it counts as a pull; signing and referrers are read
// only when asked for.

var (
	signingStatusObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"profile_arn": types.StringType, "status": types.StringType, "failure_code": types.StringType, "failure_reason": types.StringType,
	}}
	referrerObjectType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"digest": types.StringType, "artifact_type": types.StringType, "media_type": types.StringType,
		"annotations": types.MapType{ElemType: types.StringType}, "status": types.StringType,
	}}
)

const (
	imageStatusDoc = "`ACTIVE`, `ARCHIVED` or `ACTIVATING`. An archived image answers pulls with 404 until it is " +
		"restored, so a deployment pinned to an archived digest fails at runtime: check `pullable`."
	pullableDoc = "Whether the image can be pulled now: its status is `ACTIVE`."
)

// provenanceInputAttributes are the inputs that ask for provenance reads.
func provenanceInputAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"include_signing": dschema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "Read the image's managed-signing status into `signing` and `signed`: one " +
				"GetSigningConfiguration per read and one DescribeImageSigningStatus per image. Not a pull.",
		},
		"include_referrers": dschema.BoolAttribute{
			Optional: true,
			MarkdownDescription: "Read the artifacts that refer to the image (SBOMs, signatures, attestations) into " +
				"`referrers`: ListImageReferrers, one call per 50 referrers of each image. Not a pull.",
		},
		"artifact_type": dschema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Only referrers of this artifact type, such as `application/spdx+json` or " +
				"`application/vnd.in-toto+json`; implies `include_referrers`. A module can then require an SBOM with " +
				"`length(...referrers) > 0`.",
			Validators: []validator.String{stringvalidator.LengthBetween(1, 255)},
		},
	}
}

// provenanceOutputAttributes are the outputs those reads fill.
func provenanceOutputAttributes() map[string]dschema.Attribute {
	str := func(d string) dschema.StringAttribute {
		return dschema.StringAttribute{Computed: true, MarkdownDescription: d}
	}
	return map[string]dschema.Attribute{
		"signing": dschema.ListNestedAttribute{
			Computed:            true,
			MarkdownDescription: "With `include_signing`: one entry per signing profile that signed or is signing the image.",
			NestedObject: dschema.NestedAttributeObject{Attributes: map[string]dschema.Attribute{
				"profile_arn": str("The AWS Signer profile."), "status": str("`IN_PROGRESS`, `COMPLETE` or `FAILED`."),
				"failure_code": str("Why signing failed; null unless `FAILED`."), "failure_reason": str("The failure, in " +
					"words; null unless `FAILED`."),
			}},
		},
		"signed": dschema.BoolAttribute{
			Computed: true,
			MarkdownDescription: "With `include_signing`: every signing profile whose rules cover the repository has " +
				"`COMPLETE`. False when no rule covers the repository. Null for another account's registry (`registry_id`): " +
				"GetSigningConfiguration reads only the caller's own rules, so `signing` lists the statuses alone.",
		},
		"referrers": dschema.ListNestedAttribute{
			Computed: true,
			MarkdownDescription: "With `include_referrers` or `artifact_type`: the artifacts whose OCI subject is the " +
				"image, of any status, sorted by digest.",
			NestedObject: dschema.NestedAttributeObject{Attributes: map[string]dschema.Attribute{
				"digest": str("The artifact's manifest digest."), "artifact_type": str("What it is, such as " +
					"`application/spdx+json`."),
				"media_type":  str("The artifact manifest's media type."),
				"annotations": dschema.MapAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "Its annotations."},
				"status":      str("`ACTIVE`, `ARCHIVED` or `ACTIVATING`."),
			}},
		},
		"pullable": dschema.BoolAttribute{Computed: true, MarkdownDescription: pullableDoc},
	}
}

// provenanceRequest is what a lookup asked to read.
type provenanceRequest struct {
	signing      bool
	referrers    bool
	artifactType string
}

func newProvenanceRequest(includeSigning, includeReferrers types.Bool, artifactType types.String) provenanceRequest {
	return provenanceRequest{
		signing:      includeSigning.ValueBool(),
		referrers:    includeReferrers.ValueBool() || !artifactType.IsNull(),
		artifactType: artifactType.ValueString(),
	}
}

// provenance is what the reads found for one image, as Terraform values (null when not read).
type provenance struct {
	Signing   types.List
	Signed    types.Bool
	Referrers types.List
}

func nullProvenance() provenance {
	return provenance{Signing: types.ListNull(signingStatusObjectType), Signed: types.BoolNull(), Referrers: types.ListNull(referrerObjectType)}
}

// provenanceReader reads provenance for the images of one lookup; the signing rules are read
// once per lookup.
type provenanceReader struct {
	client *ecrapi.Client
	req    provenanceRequest
	rules  []signing.Rule
	loaded bool
	// otherRegistry: the image is in another account's registry, whose signing rules cannot be
	// read (GetSigningConfiguration has no registryId), so only the statuses are reported.
	otherRegistry bool
}

func (p *provenanceReader) read(ctx context.Context, repo, digest string) (provenance, error) {
	out := nullProvenance()
	if p.req.signing {
		if !p.loaded {
			apply, err := p.client.SigningRulesApply(ctx)
			if err != nil {
				return out, err
			}
			p.otherRegistry, p.loaded = !apply, true
			if apply {
				rules, err := p.client.FindSigningConfiguration(ctx)
				if err != nil && !ecrapi.IsNotFound(err, ecrapi.KindSigningConfiguration) {
					return out, err
				}
				p.rules = toSigningRules(rules)
			}
		}
		statuses, err := p.client.ImageSigningStatus(ctx, repo, digest)
		if err != nil {
			return out, err
		}
		out.Signing, out.Signed = signingValues(statuses, signing.Profiles(p.rules, repo))
		if p.otherRegistry {
			out.Signed = types.BoolNull() // the caller's rules say nothing of that registry
		}
	}
	if p.req.referrers {
		var artifactTypes []string
		if p.req.artifactType != "" {
			artifactTypes = []string{p.req.artifactType}
		}
		refs, err := p.client.ImageReferrers(ctx, repo, digest, artifactTypes)
		if err != nil {
			return out, err
		}
		out.Referrers = referrerValues(refs)
	}
	return out, nil
}

func signingValues(statuses []ecrapi.SigningStatus, applicable []string) (types.List, types.Bool) {
	elems := make([]attr.Value, 0, len(statuses))
	complete := map[string]bool{}
	for _, s := range statuses {
		complete[s.ProfileARN] = complete[s.ProfileARN] || s.Status == ecrapi.SigningComplete
		elems = append(elems, types.ObjectValueMust(signingStatusObjectType.AttrTypes, map[string]attr.Value{
			"profile_arn": types.StringValue(s.ProfileARN), "status": types.StringValue(s.Status),
			"failure_code": stringOrNull(s.FailureCode), "failure_reason": stringOrNull(s.FailureReason),
		}))
	}
	signed := signing.Signed(applicable, func(p string) bool { return complete[p] })
	return types.ListValueMust(signingStatusObjectType, elems), types.BoolValue(signed)
}

func referrerValues(refs []ecrapi.Referrer) types.List {
	slices.SortFunc(refs, func(a, b ecrapi.Referrer) int {
		switch {
		case a.Digest < b.Digest:
			return -1
		case a.Digest > b.Digest:
			return 1
		}
		return 0
	})
	elems := make([]attr.Value, 0, len(refs))
	for _, r := range refs {
		elems = append(elems, types.ObjectValueMust(referrerObjectType.AttrTypes, map[string]attr.Value{
			"digest": types.StringValue(r.Digest), "artifact_type": stringOrNull(r.ArtifactType), "media_type": stringOrNull(r.MediaType),
			"annotations": mapFromStrings(r.Annotations, types.MapNull(types.StringType)), "status": types.StringValue(r.Status),
		}))
	}
	return types.ListValueMust(referrerObjectType, elems)
}
