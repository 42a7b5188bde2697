package ecrapi

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

func TestIsReferrer(t *testing.T) {
	tests := []struct {
		name string
		d    types.ImageDetail
		want bool
	}{
		{"image without artifact type", types.ImageDetail{}, false},
		{"OCI image", types.ImageDetail{ArtifactMediaType: aws.String("application/vnd.oci.image.config.v1+json")}, false},
		{"Docker image", types.ImageDetail{ArtifactMediaType: aws.String("application/vnd.docker.container.image.v1+json")}, false},
		{"signature with subject", types.ImageDetail{SubjectManifestDigest: aws.String("sha256:abc")}, true},
		{"cosign signature", types.ImageDetail{ArtifactMediaType: aws.String("application/vnd.dev.cosign.artifact.sig.v1+json")}, true},
		{"SBOM", types.ImageDetail{ArtifactMediaType: aws.String("application/spdx+json")}, true},
	}
	for _, tt := range tests {
		if got := IsReferrer(tt.d); got != tt.want {
			t.Errorf("%s: IsReferrer = %v, want %v", tt.name, got, tt.want)
		}
	}
}
