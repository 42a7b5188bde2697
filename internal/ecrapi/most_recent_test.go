package ecrapi

import "testing"

func TestIsReferrer(t *testing.T) {
	tests := []struct {
		name string
		img  Image
		want bool
	}{
		{"image without artifact type", Image{}, false},
		{"OCI image", Image{ArtifactMediaType: "application/vnd.oci.image.config.v1+json"}, false},
		{"Docker image", Image{ArtifactMediaType: "application/vnd.docker.container.image.v1+json"}, false},
		{"signature with subject", Image{SubjectDigest: "sha256:abc"}, true},
		{"cosign signature", Image{ArtifactMediaType: "application/vnd.dev.cosign.artifact.sig.v1+json"}, true},
		{"SBOM", Image{ArtifactMediaType: "application/spdx+json"}, true},
	}
	for _, tt := range tests {
		if got := tt.img.IsReferrer(); got != tt.want {
			t.Errorf("%s: IsReferrer = %v, want %v", tt.name, got, tt.want)
		}
	}
}
