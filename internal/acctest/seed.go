package acctest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	ecrtypes "github.com/aws/aws-sdk-go-v2/service/ecr/types"
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
func ImageManifest(t *testing.T, platform *v1.Platform) Manifest {
	t.Helper()
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
	return marshal(t, v1.MediaTypeImageManifest, m)
}

// AttestationManifest builds the kind of manifest buildx adds to an index for provenance.
func AttestationManifest(t *testing.T) Manifest {
	t.Helper()
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
	return marshal(t, v1.MediaTypeImageManifest, m)
}

// IndexEntry is one platform manifest of an index.
type IndexEntry struct {
	Platform v1.Platform
	Manifest Manifest
	// AttestationFor, when set, marks this entry as buildx's attestation for that digest.
	AttestationFor string
}

// IndexManifest builds an OCI image index over entries.
func IndexManifest(t *testing.T, entries []IndexEntry) Manifest {
	t.Helper()
	idx := v1.Index{Versioned: specs.Versioned{SchemaVersion: 2}, MediaType: v1.MediaTypeImageIndex}
	for _, e := range entries {
		d := v1.Descriptor{
			MediaType: e.Manifest.MediaType,
			Digest:    digest.Digest(e.Manifest.Digest),
			Size:      int64(len(e.Manifest.Bytes)),
			Platform:  &e.Platform,
		}
		if e.AttestationFor != "" {
			d.Annotations = map[string]string{
				"vnd.docker.reference.type":   "attestation-manifest",
				"vnd.docker.reference.digest": e.AttestationFor,
			}
		}
		idx.Manifests = append(idx.Manifests, d)
	}
	return marshal(t, v1.MediaTypeImageIndex, idx)
}

func marshal(t *testing.T, mediaType string, v any) Manifest {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshalling a test manifest: %v", err)
	}
	return Manifest{MediaType: mediaType, Bytes: b, Digest: digest.FromBytes(b).String()}
}

// PutManifest pushes m to repository with tag ("" for an untagged push) and returns the API
// error, so that tests can assert on rejections such as ImageTagAlreadyExistsException. It
// passes imageDigest, so the emulator records sha256 of the exact bytes, as ECR does.
func PutManifest(ctx context.Context, client *ecr.Client, repository, tag string, m Manifest) error {
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
	return err
}

// SeedImage pushes a new single-platform image under tag and returns its manifest.
func SeedImage(t *testing.T, repository, tag string) Manifest {
	t.Helper()
	m := ImageManifest(t, nil)
	if err := PutManifest(context.Background(), Client(t), repository, tag, m); err != nil {
		t.Fatalf("seeding image %s:%s: %v", repository, tag, err)
	}
	return m
}

// MultiArchImage is what SeedMultiArchIndex pushed.
type MultiArchImage struct {
	Index       Manifest
	AMD64       Manifest
	ARM64       Manifest
	Attestation Manifest
}

// SeedMultiArchIndex pushes linux/amd64 and linux/arm64/v8 manifests, a buildx attestation
// manifest, and an OCI index over them under tag.
func SeedMultiArchIndex(t *testing.T, repository, tag string) MultiArchImage {
	t.Helper()
	ctx := context.Background()
	client := Client(t)
	img := MultiArchImage{
		AMD64:       ImageManifest(t, &v1.Platform{OS: "linux", Architecture: "amd64"}),
		ARM64:       ImageManifest(t, &v1.Platform{OS: "linux", Architecture: "arm64", Variant: "v8"}),
		Attestation: AttestationManifest(t),
	}
	for _, m := range []Manifest{img.AMD64, img.ARM64, img.Attestation} {
		if err := PutManifest(ctx, client, repository, "", m); err != nil {
			t.Fatalf("seeding a platform manifest in %s: %v", repository, err)
		}
	}
	img.Index = IndexManifest(t, []IndexEntry{
		{Platform: v1.Platform{OS: "linux", Architecture: "amd64"}, Manifest: img.AMD64},
		{Platform: v1.Platform{OS: "linux", Architecture: "arm64", Variant: "v8"}, Manifest: img.ARM64},
		{Platform: v1.Platform{OS: "unknown", Architecture: "unknown"}, Manifest: img.Attestation, AttestationFor: img.AMD64.Digest},
	})
	if err := PutManifest(ctx, client, repository, tag, img.Index); err != nil {
		t.Fatalf("seeding index %s:%s: %v", repository, tag, err)
	}
	return img
}

// CreateRepository makes a repository directly through the API, as another tool would, and
// deletes it (with its images) when the test ends.
func CreateRepository(t *testing.T, name string, mutability ecrtypes.ImageTagMutability, filters ...string) {
	t.Helper()
	client := Client(t)
	in := &ecr.CreateRepositoryInput{RepositoryName: aws.String(name), ImageTagMutability: mutability}
	for _, f := range filters {
		in.ImageTagMutabilityExclusionFilters = append(in.ImageTagMutabilityExclusionFilters,
			ecrtypes.ImageTagMutabilityExclusionFilter{FilterType: ecrtypes.ImageTagMutabilityExclusionFilterTypeWildcard, Filter: aws.String(f)})
	}
	if _, err := client.CreateRepository(context.Background(), in); err != nil {
		t.Fatalf("creating repository %s: %v", name, err)
	}
	t.Cleanup(func() {
		_, _ = client.DeleteRepository(context.Background(), &ecr.DeleteRepositoryInput{RepositoryName: aws.String(name), Force: true})
	})
}

func randomHex() string {
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
