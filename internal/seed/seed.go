// Package seed builds tiny container images with image-spec types and pushes them to ECR as a
// registry client does: each blob (config and layer) with InitiateLayerUpload, UploadLayerPart
// and CompleteLayerUpload, then the manifest with PutImage. Real ECR refuses a manifest whose
// blobs were never uploaded (LayersNotFoundException), so one path serves the emulator and real
// ECR. The acceptance tests and the demo use it.
package seed

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
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

// Manifest is a manifest's exact bytes with its media type and digest (sha256 of the bytes),
// and the blobs it names, which Put uploads first (none for an index).
type Manifest struct {
	MediaType string
	Bytes     []byte
	Digest    string
	Blobs     [][]byte
}

// ImageManifest builds a unique single-platform OCI image: a config and one tiny gzipped layer,
// real blobs whose digests and sizes the manifest states.
func ImageManifest(platform *v1.Platform) Manifest {
	nonce := randomHex()
	p := v1.Platform{OS: "linux", Architecture: "amd64"}
	if platform != nil {
		p = *platform
	}
	layer := tinyLayer(nonce)
	config, _ := json.Marshal(v1.Image{
		Platform: p,
		RootFS:   v1.RootFS{Type: "layers", DiffIDs: []digest.Digest{digest.FromString("layer-" + nonce)}},
		Config:   v1.ImageConfig{Labels: map[string]string{"test.ecrgov/nonce": nonce}},
	})
	m := v1.Manifest{
		Versioned:   specs.Versioned{SchemaVersion: 2},
		MediaType:   v1.MediaTypeImageManifest,
		Config:      blobDescriptor(v1.MediaTypeImageConfig, config),
		Layers:      []v1.Descriptor{blobDescriptor(v1.MediaTypeImageLayerGzip, layer)},
		Annotations: map[string]string{"org.opencontainers.image.ref.name": nonce},
	}
	if platform != nil {
		m.Annotations["test.ecrgov/platform"] = platform.OS + "/" + platform.Architecture
	}
	out := marshal(v1.MediaTypeImageManifest, m)
	out.Blobs = [][]byte{config, layer}
	return out
}

func blobDescriptor(mediaType string, b []byte) v1.Descriptor {
	return v1.Descriptor{MediaType: mediaType, Digest: digest.FromBytes(b), Size: int64(len(b))}
}

// tinyLayer is a gzipped tar holding one small file: a real layer of a few hundred bytes.
func tinyLayer(nonce string) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	body := []byte("ecrgov test image " + nonce + "\n")
	_ = tw.WriteHeader(&tar.Header{Name: "ecrgov.txt", Mode: 0o644, Size: int64(len(body))})
	_, _ = tw.Write(body)
	_ = tw.Close()
	_ = zw.Close()
	return buf.Bytes()
}

// SharingBlobs returns another image that names the same config and layer as base, with its own
// digest: for seeding many images with one upload (base's blobs must be pushed first).
func SharingBlobs(base Manifest) Manifest {
	var m v1.Manifest
	_ = json.Unmarshal(base.Bytes, &m) // base was marshalled by this package
	m.Annotations = map[string]string{"org.opencontainers.image.ref.name": randomHex()}
	return marshal(base.MediaType, m)
}

// AttestationManifest builds the kind of manifest buildx adds to an index for provenance.
func AttestationManifest() Manifest {
	nonce := randomHex()
	config := []byte(`{"architecture":"unknown","os":"unknown","rootfs":{"type":"layers","diff_ids":[]}}`)
	statement := []byte(`{"_type":"https://in-toto.io/Statement/v0.1","predicateType":"https://slsa.dev/provenance/v0.2","predicate":{"nonce":"` + nonce + `"}}`)
	layer := blobDescriptor("application/vnd.in-toto+json", statement)
	layer.Annotations = map[string]string{"in-toto.io/predicate-type": "https://slsa.dev/provenance/v0.2"}
	m := v1.Manifest{
		Versioned: specs.Versioned{SchemaVersion: 2},
		MediaType: v1.MediaTypeImageManifest,
		Config:    blobDescriptor(v1.MediaTypeImageConfig, config),
		Layers:    []v1.Descriptor{layer},
	}
	out := marshal(v1.MediaTypeImageManifest, m)
	out.Blobs = [][]byte{config, statement}
	return out
}

// ReferrerManifest builds an OCI artifact manifest that refers to subject, as `oras attach` or
// `cosign` push an SBOM, a signature or an attestation: artifactType says what it is, the config
// is the OCI empty descriptor, one layer holds the document, and subject names the image.
func ReferrerManifest(subject Manifest, artifactType string) Manifest {
	empty := []byte("{}")
	document := []byte(`{"ecrgov.test/nonce":"` + randomHex() + `"}`)
	m := v1.Manifest{
		Versioned:    specs.Versioned{SchemaVersion: 2},
		MediaType:    v1.MediaTypeImageManifest,
		ArtifactType: artifactType,
		Config:       blobDescriptor(v1.MediaTypeEmptyJSON, empty),
		Layers:       []v1.Descriptor{blobDescriptor("application/json", document)},
		Subject:      &v1.Descriptor{MediaType: subject.MediaType, Digest: digest.Digest(subject.Digest), Size: int64(len(subject.Bytes))},
		Annotations:  map[string]string{"org.opencontainers.image.created": "2026-01-01T00:00:00Z"},
	}
	out := marshal(v1.MediaTypeImageManifest, m)
	out.Blobs = [][]byte{empty, document}
	return out
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
	for _, b := range m.Blobs {
		if err := UploadBlob(ctx, client, repository, b); err != nil {
			return err
		}
	}
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

// UploadBlob uploads one blob in a single part, as the API allows for blobs under the part size.
// A blob the repository already has (LayerAlreadyExistsException) is done. When the answer to
// CompleteLayerUpload is lost, the SDK's retry meets UploadNotFoundException (the first attempt
// completed the upload): the blob is then uploaded once more, which ends in
// LayerAlreadyExistsException if the first attempt did store it.
//
// Likewise a lost answer to UploadLayerPart makes the SDK's retry send the part again, which the
// registry refuses as not contiguous (InvalidLayerPartException): the part did land, and the
// blob is uploaded afresh.
func UploadBlob(ctx context.Context, client *ecr.Client, repository string, b []byte) error {
	err := uploadBlobOnce(ctx, client, repository, b)
	var gone *types.UploadNotFoundException
	var resent *types.InvalidLayerPartException
	for retry := 0; retry < 2 && (errors.As(err, &gone) || errors.As(err, &resent)); retry++ {
		err = uploadBlobOnce(ctx, client, repository, b)
	}
	return err
}

func uploadBlobOnce(ctx context.Context, client *ecr.Client, repository string, b []byte) error {
	up, err := client.InitiateLayerUpload(ctx, &ecr.InitiateLayerUploadInput{RepositoryName: aws.String(repository)})
	if err != nil {
		return err
	}
	if _, err := client.UploadLayerPart(ctx, &ecr.UploadLayerPartInput{
		RepositoryName: aws.String(repository), UploadId: up.UploadId, LayerPartBlob: b,
		PartFirstByte: aws.Int64(0), PartLastByte: aws.Int64(int64(len(b)) - 1),
	}); err != nil {
		return err
	}
	_, err = client.CompleteLayerUpload(ctx, &ecr.CompleteLayerUploadInput{
		RepositoryName: aws.String(repository), UploadId: up.UploadId, LayerDigests: []string{digest.FromBytes(b).String()},
	})
	var exists *types.LayerAlreadyExistsException
	if errors.As(err, &exists) {
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
