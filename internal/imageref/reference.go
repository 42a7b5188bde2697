package imageref

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/distribution/reference"
	"github.com/opencontainers/go-digest"
)

// Ref is a parsed image reference, normalised as Docker does: "nginx" is
// docker.io/library/nginx.
type Ref struct {
	Registry   string // docker.io, 123456789012.dkr.ecr.eu-west-1.amazonaws.com
	Repository string // library/nginx, team/app (the path within the registry)
	Name       string // registry/repository
	Tag        string // "" when absent
	Digest     string // "" when absent
	Familiar   string // the shortest form: nginx:1.27, team/app@sha256:...
}

// ParseRef parses and normalises an image reference.
func ParseRef(s string) (Ref, error) {
	named, err := reference.ParseNormalizedNamed(s)
	if err != nil {
		return Ref{}, fmt.Errorf("%s is not a valid image reference: %v", Quote(s), err)
	}
	r := Ref{
		Registry:   reference.Domain(named),
		Repository: reference.Path(named),
		Name:       named.Name(),
		Familiar:   reference.FamiliarString(named),
	}
	if t, ok := named.(reference.Tagged); ok {
		r.Tag = t.Tag()
	}
	if d, ok := named.(reference.Digested); ok {
		r.Digest = d.Digest().String()
	}
	return r, nil
}

// CheckDigest reports whether s is an ECR image digest: sha256: followed by 64 lowercase hex
// digits. ECR computes image digests with SHA-256 only ("imageDigest: The sha256 digest of the
// image manifest", ImageIdentifier in the API reference), so a valid sha512 digest names nothing
// ECR can hold.
func CheckDigest(s string) error {
	// The algorithm is checked first: whether go-digest knows sha512 depends on which hash
	// packages the binary happens to link.
	if alg, _, ok := strings.Cut(s, ":"); ok && alg != string(digest.SHA256) && alg != "" {
		return fmt.Errorf("%s is a %s digest; ECR image digests are sha256: followed by 64 lowercase hex digits", Quote(s), alg)
	}
	if _, err := digest.Parse(s); err != nil {
		return fmt.Errorf("%s is not a valid image digest: use sha256: followed by 64 lowercase hex digits (%v)", Quote(s), err)
	}
	return nil
}

// Pin returns registry/repository@digest for ref, dropping any tag: the form that always
// names the same bits.
func Pin(ref, dgst string) (string, error) {
	named, err := reference.ParseNormalizedNamed(ref)
	if err != nil {
		return "", fmt.Errorf("%s is not a valid image reference: %v", Quote(ref), err)
	}
	if err := CheckDigest(dgst); err != nil {
		return "", err
	}
	if d, ok := named.(reference.Digested); ok && d.Digest().String() != dgst {
		return "", fmt.Errorf("%s is already pinned to %s, not %s", Quote(ref), d.Digest(), dgst)
	}
	pinned, err := reference.WithDigest(reference.TrimNamed(named), digest.Digest(dgst))
	if err != nil {
		return "", err
	}
	return pinned.String(), nil
}

// IsDigestPinned reports whether ref parses and carries a valid digest. An invalid reference is
// not pinned.
func IsDigestPinned(ref string) bool {
	r, err := ParseRef(ref)
	return err == nil && r.Digest != ""
}

// RegistryHost is an ECR registry's host: <registry>.dkr.ecr.<region>.<dns suffix>.
func RegistryHost(registryID, region string) string {
	suffix := "amazonaws.com"
	if strings.HasPrefix(region, "cn-") {
		suffix = "amazonaws.com.cn"
	}
	return fmt.Sprintf("%s.dkr.ecr.%s.%s", registryID, region, suffix)
}

// RepositoryURL is the URL of an ECR repository: <registry host>/<name>.
func RepositoryURL(registryID, region, repository string) string {
	return RegistryHost(registryID, region) + "/" + repository
}

// DigestURI is <repository URL>@<digest>, the value to pin.
func DigestURI(repositoryURL, dgst string) string { return repositoryURL + "@" + dgst }

// TagURI is <repository URL>:<tag>.
func TagURI(repositoryURL, tag string) string { return repositoryURL + ":" + tag }

// tagPattern is the tag grammar of the distribution spec: up to 128 word characters, dots and
// dashes, not starting with a dot or dash.
var tagPattern = regexp.MustCompile(`^[\w][\w.-]{0,127}$`)

// CheckTag reports whether s is a valid image tag.
func CheckTag(s string) error {
	if !tagPattern.MatchString(s) {
		return fmt.Errorf("%s is not a valid image tag: use 1 to 128 letters, digits, '_', '.' or '-', not starting "+
			"with '.' or '-'", Quote(s))
	}
	return nil
}

// tagPatternChars is a tag pattern: the characters of a tag plus the wildcard '*'.
var tagPatternChars = regexp.MustCompile(`^[\w.*-]{1,128}$`)

// CheckTagPattern reports whether s is a wildcard tag pattern such as "v*": 1 to 128 letters,
// digits, '_', '.', '-' or '*'.
func CheckTagPattern(s string) error {
	if !tagPatternChars.MatchString(s) {
		return fmt.Errorf("%s is not a tag pattern: use 1 to 128 letters, digits, '_', '.', '-' or the wildcard '*', "+
			"such as \"v*\"", Quote(s))
	}
	return nil
}
