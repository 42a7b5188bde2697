// Package seed builds container image manifests with image-spec types and pushes them to ECR
// with PutImage, as a registry client would after uploading layers. The acceptance tests and the
// demo use it to put images into the local emulator.
package seed

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
	"github.com/opencontainers/go-digest"
	specs "github.com/opencontainers/image-spec/specs-go"
	v1 "github.com/opencontainers/image-spec/specs-go/v1"
)

// Manifest is a manifest's exact bytes with its media type and digest (sha256 of the bytes).
type Manifest struct {
	MediaType string
	Bytes     []byte
	Digest    string
}

// ImageManifest builds a unique single-platform OCI image manifest. The blobs it names need not
// exist: ECR's PutImage (and the emulator) accept a manifest whose layers were pushed earlier.
func ImageManifest(platform *v1.Platform) Manifest {
	nonce := randomHex()
	m := v1.Manifest{
		Versioned: specs.Versioned{SchemaVersion: 2},
		MediaType: v1.MediaTypeImageManifest,
		Config: v1.Descriptor{
			MediaType: v1.MediaTypeImageConfig,
			Digest:    digest.FromString("config-" + nonce),
			Size:      1469,
		},
		Layers: []v1.Descriptor{{
			MediaType: v1.MediaTypeImageLayerGzip,
			Digest:    digest.FromString("layer-" + nonce),
			Size:      3_000_000,
		}},
		Annotations: map[string]string{"org.opencontainers.image.ref.name": nonce},
	}
	if platform != nil {
		m.Annotations["test.ecrgov/platform"] = platform.OS + "/" + platform.Architecture
	}
	return marshal(v1.MediaTypeImageManifest, m)
}

// AttestationManifest builds the kind of manifest buildx adds to an index for provenance.
func AttestationManifest() Manifest {
	nonce := randomHex()
	m := v1.Manifest{
		Versioned: specs.Versioned{SchemaVersion: 2},
		MediaType: v1.MediaTypeImageManifest,
		Config:    v1.Descriptor{MediaType: v1.MediaTypeImageConfig, Digest: digest.FromString("att-config-" + nonce), Size: 167},
		Layers: []v1.Descriptor{{
			MediaType:   "application/vnd.in-toto+json",
			Digest:      digest.FromString("att-" + nonce),
			Size:        1234,
			Annotations: map[string]string{"in-toto.io/predicate-type": "https://slsa.dev/provenance/v0.2"},
		}},
	}
	return marshal(v1.MediaTypeImageManifest, m)
}

// IndexEntry is one platform manifest of an index.
type IndexEntry struct {
	Platform v1.Platform
	Manifest Manifest
	// AttestationFor, when set, marks this entry as buildx's attestation for that digest.
	AttestationFor string
}

// IndexManifest builds an image index over entries, as an OCI index or, with mediaType set to
// the Docker manifest list type, as a Docker manifest list.
func IndexManifest(mediaType string, entries []IndexEntry) Manifest {
	idx := v1.Index{Versioned: specs.Versioned{SchemaVersion: 2}, MediaType: mediaType}
	for _, e := range entries {
		platform := e.Platform
		d := v1.Descriptor{
			MediaType: e.Manifest.MediaType,
			Digest:    digest.Digest(e.Manifest.Digest),
			Size:      int64(len(e.Manifest.Bytes)),
			Platform:  &platform,
		}
		if e.AttestationFor != "" {
			d.Annotations = map[string]string{
				"vnd.docker.reference.type":   "attestation-manifest",
				"vnd.docker.reference.digest": e.AttestationFor,
			}
		}
		idx.Manifests = append(idx.Manifests, d)
	}
	return marshal(mediaType, idx)
}

func marshal(mediaType string, v any) Manifest {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // image-spec structs always marshal
	}
	return Manifest{MediaType: mediaType, Bytes: b, Digest: digest.FromBytes(b).String()}
}

// Put pushes m to repository with tag ("" for an untagged push) and returns the API error, so
// that callers can assert on rejections such as ImageTagAlreadyExistsException. It passes
// imageDigest, so the emulator records sha256 of the exact bytes, as ECR does. An
// ImageAlreadyExistsException for this very digest means the push is already done (a retried
// request whose first response was lost), and is not an error.
func Put(ctx context.Context, client *ecr.Client, repository, tag string, m Manifest) error {
	in := &ecr.PutImageInput{
		RepositoryName:         aws.String(repository),
		ImageManifest:          aws.String(string(m.Bytes)),
		ImageManifestMediaType: aws.String(m.MediaType),
		ImageDigest:            aws.String(m.Digest),
	}
	if tag != "" {
		in.ImageTag = aws.String(tag)
	}
	_, err := client.PutImage(ctx, in)
	var exists *types.ImageAlreadyExistsException
	if errors.As(err, &exists) && strings.Contains(exists.ErrorMessage(), m.Digest) {
		return nil
	}
	return err
}

// MultiArch is a multi-platform image: an index over linux/amd64, linux/arm64/v8 and a buildx
// attestation manifest.
type MultiArch struct {
	Index       Manifest
	AMD64       Manifest
	ARM64       Manifest
	Attestation Manifest
}

// NewMultiArch builds the manifests of a multi-platform image; indexMediaType chooses an OCI
// index or a Docker manifest list.
func NewMultiArch(indexMediaType string) MultiArch {
	img := MultiArch{
		AMD64:       ImageManifest(&v1.Platform{OS: "linux", Architecture: "amd64"}),
		ARM64:       ImageManifest(&v1.Platform{OS: "linux", Architecture: "arm64", Variant: "v8"}),
		Attestation: AttestationManifest(),
	}
	img.Index = IndexManifest(indexMediaType, []IndexEntry{
		{Platform: v1.Platform{OS: "linux", Architecture: "amd64"}, Manifest: img.AMD64},
		{Platform: v1.Platform{OS: "linux", Architecture: "arm64", Variant: "v8"}, Manifest: img.ARM64},
		{Platform: v1.Platform{OS: "unknown", Architecture: "unknown"}, Manifest: img.Attestation, AttestationFor: img.AMD64.Digest},
	})
	return img
}

// PutMultiArch pushes the platform manifests untagged, then the index under tag.
func PutMultiArch(ctx context.Context, client *ecr.Client, repository, tag string, img MultiArch) error {
	for _, m := range []Manifest{img.AMD64, img.ARM64, img.Attestation} {
		if err := Put(ctx, client, repository, "", m); err != nil {
			return err
		}
	}
	return Put(ctx, client, repository, tag, img.Index)
}

func randomHex() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
