package imageref

import (
	"regexp"
	"strings"
	"testing"
)

const testDigest = "sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b"

func TestParseRef(t *testing.T) {
	tests := []struct {
		in   string
		want Ref
	}{
		{"nginx", Ref{Registry: "docker.io", Repository: "library/nginx", Name: "docker.io/library/nginx", Familiar: "nginx"}},
		{"nginx:1.27", Ref{Registry: "docker.io", Repository: "library/nginx", Name: "docker.io/library/nginx", Tag: "1.27", Familiar: "nginx:1.27"}},
		{"team/app@" + testDigest, Ref{Registry: "docker.io", Repository: "team/app", Name: "docker.io/team/app", Digest: testDigest, Familiar: "team/app@" + testDigest}},
		{"123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1@" + testDigest, Ref{
			Registry: "123456789012.dkr.ecr.eu-west-1.amazonaws.com", Repository: "team/app", Name: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app",
			Tag: "v1", Digest: testDigest, Familiar: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1@" + testDigest}},
		{"localhost:5000/app:dev", Ref{Registry: "localhost:5000", Repository: "app", Name: "localhost:5000/app", Tag: "dev", Familiar: "localhost:5000/app:dev"}},
	}
	for _, tt := range tests {
		got, err := ParseRef(tt.in)
		if err != nil {
			t.Errorf("ParseRef(%q): %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseRef(%q) =\n%+v\nwant\n%+v", tt.in, got, tt.want)
		}
	}
	for _, bad := range []string{"", "team/UPPER", "app:", "app@sha256:short", "a b", "app::tag"} {
		if _, err := ParseRef(bad); err == nil {
			t.Errorf("ParseRef(%q) accepted", bad)
		}
	}
}

func TestPin(t *testing.T) {
	tests := []struct{ ref, want string }{
		{"nginx:latest", "docker.io/library/nginx@" + testDigest},
		{"123456789012.dkr.ecr.us-east-1.amazonaws.com/app:v1", "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@" + testDigest},
		{"123456789012.dkr.ecr.us-east-1.amazonaws.com/app@" + testDigest, "123456789012.dkr.ecr.us-east-1.amazonaws.com/app@" + testDigest},
	}
	for _, tt := range tests {
		got, err := Pin(tt.ref, testDigest)
		if err != nil || got != tt.want {
			t.Errorf("Pin(%q) = %q, %v; want %q", tt.ref, got, err, tt.want)
		}
	}
	if _, err := Pin("app", "sha256:123"); err == nil || !strings.Contains(err.Error(), "not a valid image digest") {
		t.Errorf("a bad digest: %v", err)
	}
	if _, err := Pin("app@"+testDigest, "sha256:"+strings.Repeat("0", 64)); err == nil || !strings.Contains(err.Error(), "already pinned") {
		t.Errorf("a conflicting digest: %v", err)
	}
}

func TestIsDigestPinned(t *testing.T) {
	for ref, want := range map[string]bool{
		"nginx": false, "nginx:latest": false, "nginx@" + testDigest: true, "nginx:1@" + testDigest: true,
		"nginx@sha256:abc": false, "not a ref": false, "": false,
	} {
		if got := IsDigestPinned(ref); got != want {
			t.Errorf("IsDigestPinned(%q) = %v, want %v", ref, got, want)
		}
	}
}

func TestRepositoryURL(t *testing.T) {
	if got := RepositoryURL("123456789012", "eu-west-1", "team/app"); got != "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app" {
		t.Error(got)
	}
	if got := RepositoryURL("123456789012", "cn-north-1", "app"); got != "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app" {
		t.Error(got)
	}
}

func FuzzParseRef(f *testing.F) {
	f.Add("nginx:1.27")
	f.Add("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1@" + testDigest)
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRef(s)
		if err != nil {
			return
		}
		// The normalised name parses again to itself.
		again, err := ParseRef(r.Name)
		if err != nil || again.Name != r.Name {
			t.Fatalf("name %q of %q does not round-trip: %v", r.Name, s, err)
		}
		if r.Digest != "" {
			if !IsDigestPinned(s) {
				t.Fatalf("%q carries digest %q but is not pinned", s, r.Digest)
			}
			if CheckDigest(r.Digest) != nil {
				return // a valid reference may carry a non-ECR digest (sha512); Pin refuses it
			}
			pinned, err := Pin(s, r.Digest)
			if err != nil || !IsDigestPinned(pinned) {
				t.Fatalf("Pin(%q) = %q, %v", s, pinned, err)
			}
		}
	})
}

func FuzzCheckDigest(f *testing.F) {
	f.Add(testDigest)
	f.Add("sha512:abc")
	f.Fuzz(func(t *testing.T, s string) {
		if CheckDigest(s) == nil && !ecrDigest.MatchString(s) {
			t.Fatalf("accepted %q", s)
		}
	})
}

// ecrDigest is the obvious statement of what CheckDigest accepts.
var ecrDigest = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

func TestCheckDigest_sha256Only(t *testing.T) {
	sha512 := "sha512:" + strings.Repeat("ab", 64)
	for _, bad := range []string{sha512, "sha256:" + strings.Repeat("A", 64), "sha256:" + strings.Repeat("a", 63), "sha256:", "md5:abc"} {
		if err := CheckDigest(bad); err == nil {
			t.Errorf("CheckDigest(%q) accepted it", bad)
		}
	}
	if err := CheckDigest(sha512); err == nil || !strings.Contains(err.Error(), "sha512 digest") {
		t.Errorf("a sha512 digest is refused with the rule in the message, got %v", err)
	}
	if _, err := Pin("app", sha512); err == nil {
		t.Error("Pin accepted a sha512 digest")
	}
	if err := CheckDigest(testDigest); err != nil {
		t.Error(err)
	}
}

func TestCheckTag(t *testing.T) {
	for _, ok := range []string{"v1", "v1.4.2", "latest", "sha-3f9a2c1", "_x", strings.Repeat("a", 128)} {
		if err := CheckTag(ok); err != nil {
			t.Errorf("CheckTag(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", ".v1", "-v1", "v1/2", "v 1", "v1:2", strings.Repeat("a", 129)} {
		if CheckTag(bad) == nil {
			t.Errorf("CheckTag(%q) accepted", bad)
		}
	}
}
