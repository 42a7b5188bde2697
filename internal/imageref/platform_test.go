package imageref

import (
	"strings"
	"testing"

	"github.com/opencontainers/go-digest"
	v1 "github.com/opencontainers/image-spec/specs-go/v1"
)

func TestPlatformMatching(t *testing.T) {
	tests := []struct {
		have, want string
		match      bool
	}{
		{"linux/arm64", "linux/arm64/v8", true},
		{"linux/arm64/v8", "linux/arm64", true},
		{"linux/aarch64", "linux/arm64", true},
		{"linux/amd64", "linux/x86_64", true},
		{"linux/amd64", "linux/amd64/v1", true},
		{"linux/amd64/v3", "linux/amd64", false},
		{"linux/arm", "linux/arm/v7", true},
		{"linux/arm/v6", "linux/arm/v7", false},
		{"linux/arm64", "linux/amd64", false},
		{"windows/amd64", "linux/amd64", false},
	}
	for _, tt := range tests {
		have, err := ParsePlatform(tt.have)
		if err != nil {
			t.Fatal(err)
		}
		want, err := ParsePlatform(tt.want)
		if err != nil {
			t.Fatal(err)
		}
		if got := have.Matches(want); got != tt.match {
			t.Errorf("%s matches %s = %v, want %v", tt.have, tt.want, got, tt.match)
		}
	}
	for _, bad := range []string{"linux", "linux/", "/amd64", "linux/arm64/v8/x", "linux/arm64/"} {
		if _, err := ParsePlatform(bad); err == nil {
			t.Errorf("ParsePlatform(%q) accepted", bad)
		}
	}
}

// buildxIndex is the shape docker buildx pushes: two platforms and, for each, an attestation
// manifest with platform unknown/unknown.
func buildxIndex(mediaType string) string {
	return `{"schemaVersion":2,"mediaType":"` + mediaType + `","manifests":[
	 {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"` + digest.FromString("amd64").String() + `","size":1,"platform":{"architecture":"amd64","os":"linux"}},
	 {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"` + digest.FromString("arm64").String() + `","size":1,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
	 {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"` + digest.FromString("att1").String() + `","size":1,"platform":{"architecture":"unknown","os":"unknown"},
	  "annotations":{"vnd.docker.reference.digest":"` + digest.FromString("amd64").String() + `","vnd.docker.reference.type":"attestation-manifest"}},
	 {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"` + digest.FromString("att2").String() + `","size":1,"platform":{"architecture":"unknown","os":"unknown"}}
	]}`
}

func TestParseIndexAndPlatforms(t *testing.T) {
	for _, mt := range []string{MediaTypeOCIIndex, MediaTypeDockerManifestList} {
		idx, err := ParseIndex([]byte(buildxIndex(mt)))
		if err != nil {
			t.Fatalf("%s: %v", mt, err)
		}
		if n := len(ChildDigests(idx)); n != 4 {
			t.Errorf("%s: %d children, want 4 (attestations are kept alive too)", mt, n)
		}
		ps := Platforms(idx)
		if len(ps) != 2 || ps[0].Platform.String() != "linux/amd64" || ps[1].Platform.String() != "linux/arm64/v8" {
			t.Fatalf("%s: platforms = %+v", mt, ps)
		}
		m, err := FindPlatform(ps, Platform{OS: "linux", Architecture: "arm64"})
		if err != nil || m.Digest != digest.FromString("arm64").String() {
			t.Errorf("%s: linux/arm64 = %+v, %v", mt, m, err)
		}
		if _, err := FindPlatform(ps, Platform{OS: "linux", Architecture: "s390x"}); err == nil || !strings.Contains(err.Error(), "it has linux/amd64, linux/arm64/v8") {
			t.Errorf("%s: a missing platform: %v", mt, err)
		}
	}
	if _, err := ParseIndex([]byte(`{"mediaType":"` + v1.MediaTypeImageManifest + `"}`)); err == nil {
		t.Error("a manifest parsed as an index")
	}
	if _, err := ParseIndex([]byte(`{"manifests":[{"digest":"sha256:nothex"}]}`)); err == nil {
		t.Error("a bad child digest was accepted")
	}
}

func FuzzParseIndex(f *testing.F) {
	f.Add([]byte(buildxIndex(MediaTypeOCIIndex)))
	f.Add([]byte(`{"manifests":[]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		idx, err := ParseIndex(b)
		if err != nil {
			return
		}
		for _, d := range ChildDigests(idx) {
			if d.Validate() != nil {
				t.Fatalf("child digest %q does not validate", d)
			}
		}
		for _, p := range Platforms(idx) {
			_, _ = FindPlatform([]PlatformManifest{p}, p.Platform)
		}
	})
}
