package imageref

import (
	"fmt"
	"sort"
	"strings"

	v1 "github.com/opencontainers/image-spec/specs-go/v1"
)

// Platform is an image platform such as linux/arm64/v8.
type Platform struct {
	OS           string
	Architecture string
	Variant      string
	OSVersion    string
}

// ParsePlatform parses os/arch[/variant], such as linux/amd64 or linux/arm64/v8.
func ParsePlatform(s string) (Platform, error) {
	parts := strings.Split(s, "/")
	if len(parts) < 2 || len(parts) > 3 || parts[0] == "" || parts[1] == "" || (len(parts) == 3 && parts[2] == "") {
		return Platform{}, fmt.Errorf("%s is not a platform; expected os/architecture[/variant] such as linux/amd64 or "+
			"linux/arm64/v8", Quote(s))
	}
	p := Platform{OS: parts[0], Architecture: parts[1]}
	if len(parts) == 3 {
		p.Variant = parts[2]
	}
	return p, nil
}

// String is os/arch[/variant].
func (p Platform) String() string {
	s := p.OS + "/" + p.Architecture
	if p.Variant != "" {
		s += "/" + p.Variant
	}
	return s
}

// Normalize applies the usual conventions (as containerd does): lowercase names, the common
// architecture aliases, and the default variants — arm64 implies v8, arm implies v7, and amd64's
// baseline v1 is no variant.
func (p Platform) Normalize() Platform {
	p.OS, p.Architecture, p.Variant = strings.ToLower(p.OS), strings.ToLower(p.Architecture), strings.ToLower(p.Variant)
	switch p.Architecture {
	case "x86_64", "x86-64":
		p.Architecture = "amd64"
	case "aarch64":
		p.Architecture = "arm64"
	case "i386":
		p.Architecture = "386"
	case "armhf":
		p.Architecture, p.Variant = "arm", "v7"
	case "armel":
		p.Architecture, p.Variant = "arm", "v6"
	}
	switch {
	case p.Architecture == "arm64" && (p.Variant == "" || p.Variant == "8"):
		p.Variant = "v8"
	case p.Architecture == "arm" && p.Variant == "":
		p.Variant = "v7"
	case p.Architecture == "arm" && len(p.Variant) == 1:
		p.Variant = "v" + p.Variant
	case p.Architecture == "amd64" && p.Variant == "v1":
		p.Variant = ""
	}
	return p
}

// Matches reports whether two platforms are the same after normalisation. OSVersion is compared
// only when want names one.
func (p Platform) Matches(want Platform) bool {
	a, b := p.Normalize(), want.Normalize()
	if a.OS != b.OS || a.Architecture != b.Architecture || a.Variant != b.Variant {
		return false
	}
	return want.OSVersion == "" || want.OSVersion == p.OSVersion
}

// PlatformManifest is one runnable platform of an index.
type PlatformManifest struct {
	Platform Platform
	Digest   string
}

// Platforms lists an index's runnable platforms in index order, skipping the attestation and
// unknown/unknown entries that buildx adds and entries without a platform.
func Platforms(idx v1.Index) []PlatformManifest {
	var out []PlatformManifest
	for _, d := range idx.Manifests {
		if d.Platform == nil || IsAttestation(d) {
			continue
		}
		out = append(out, PlatformManifest{
			Platform: Platform{OS: d.Platform.OS, Architecture: d.Platform.Architecture, Variant: d.Platform.Variant, OSVersion: d.Platform.OSVersion},
			Digest:   d.Digest.String(),
		})
	}
	return out
}

// FindPlatform returns the first manifest of list that matches want.
func FindPlatform(list []PlatformManifest, want Platform) (PlatformManifest, error) {
	for _, m := range list {
		if m.Platform.Matches(want) {
			return m, nil
		}
	}
	names := make([]string, 0, len(list))
	for _, m := range list {
		names = append(names, m.Platform.String())
	}
	sort.Strings(names)
	if len(names) == 0 {
		return PlatformManifest{}, fmt.Errorf("platform %s is not in the index: it lists no runnable platforms", want)
	}
	return PlatformManifest{}, fmt.Errorf("platform %s is not in the index; it has %s", want, strings.Join(names, ", "))
}
