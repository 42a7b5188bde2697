package imageref

import (
	"encoding/json"
	"fmt"

	"github.com/opencontainers/go-digest"
	v1 "github.com/opencontainers/image-spec/specs-go/v1"
)

// Media types ECR serves. The Docker ones are not in image-spec.
const (
	MediaTypeOCIIndex            = v1.MediaTypeImageIndex
	MediaTypeOCIManifest         = v1.MediaTypeImageManifest
	MediaTypeDockerManifestList  = "application/vnd.docker.distribution.manifest.list.v2+json"
	MediaTypeDockerManifest      = "application/vnd.docker.distribution.manifest.v2+json"
	MediaTypeDockerManifestV1    = "application/vnd.docker.distribution.manifest.v1+prettyjws"
	attestationReferenceTypeKey  = "vnd.docker.reference.type"
	attestationReferenceTypeItem = "attestation-manifest"
)

// AcceptedManifestMediaTypes is what BatchGetImage should accept so that ECR returns every kind
// of manifest as pushed (it converts formats only when pulling by tag, never by digest).
var AcceptedManifestMediaTypes = []string{
	MediaTypeOCIIndex, MediaTypeDockerManifestList, MediaTypeOCIManifest, MediaTypeDockerManifest, MediaTypeDockerManifestV1,
}

// IsIndexMediaType reports whether mediaType is a multi-platform index or manifest list.
func IsIndexMediaType(mediaType string) bool {
	return mediaType == MediaTypeOCIIndex || mediaType == MediaTypeDockerManifestList
}

// ParseIndex parses an OCI image index or a Docker manifest list (the same JSON shape). It
// checks each entry's digest.
func ParseIndex(b []byte) (v1.Index, error) {
	var idx v1.Index
	if err := json.Unmarshal(b, &idx); err != nil {
		return v1.Index{}, fmt.Errorf("parsing image index: %w", err)
	}
	if idx.MediaType != "" && !IsIndexMediaType(idx.MediaType) {
		return v1.Index{}, fmt.Errorf("parsing image index: media type %q is not an index or manifest list", idx.MediaType)
	}
	for i, d := range idx.Manifests {
		if err := d.Digest.Validate(); err != nil {
			return v1.Index{}, fmt.Errorf("parsing image index: manifests[%d].digest: %w", i, err)
		}
	}
	return idx, nil
}

// ChildDigests lists the digests an index references, attestations included: every one of them
// is kept alive by the index.
func ChildDigests(idx v1.Index) []digest.Digest {
	out := make([]digest.Digest, 0, len(idx.Manifests))
	for _, d := range idx.Manifests {
		out = append(out, d.Digest)
	}
	return out
}

// IsAttestation reports whether an index entry is one of the attestation manifests buildx adds
// (annotated vnd.docker.reference.type=attestation-manifest, platform unknown/unknown).
func IsAttestation(d v1.Descriptor) bool {
	if d.Annotations[attestationReferenceTypeKey] == attestationReferenceTypeItem {
		return true
	}
	return d.Platform != nil && d.Platform.OS == "unknown" && d.Platform.Architecture == "unknown"
}
