package ecrapi

import (
	"testing"
	"time"
)

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

func TestMostRecentSkipsInactive(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	listed := []Image{
		{Digest: "sha256:old", Tags: []string{"v1"}, PushedAt: t0, Status: ImageStatusActive},
		{Digest: "sha256:archived", Tags: []string{"v2"}, PushedAt: t0.Add(time.Hour), Status: ImageStatusArchived},
		{Digest: "sha256:restoring", Tags: []string{"v3"}, PushedAt: t0.Add(2 * time.Hour), Status: ImageStatusActivating},
	}
	if got := MostRecent(listed, "", false); got == nil || got.Digest != "sha256:old" {
		t.Errorf("MostRecent = %v, want the newest ACTIVE image", got)
	}
	if got := MostRecent(listed, "", true); got == nil || got.Digest != "sha256:restoring" {
		t.Errorf("MostRecent with inactive images = %v, want the newest push", got)
	}
	if got := MostRecent(listed[1:], "", false); got != nil {
		t.Errorf("MostRecent over inactive images = %v, want none", got)
	}
}
