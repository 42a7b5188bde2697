package registryinstall

import (
	"archive/zip"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/ProtonMail/go-crypto/openpgp/armor"
)

// The release as .goreleaser.yml names it: archives {{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}.zip
// holding the binary {{ .ProjectName }}_v{{ .Version }}, checksums in {{ .ProjectName }}_{{ .Version }}_SHA256SUMS
// (with the registry manifest), and a detached signature of them.
const (
	project = "terraform-provider-ecrgov"
	version = "0.1.0"
)

type platform struct{ os, arch string }

func (p platform) zipName() string {
	return fmt.Sprintf("%s_%s_%s_%s.zip", project, version, p.os, p.arch)
}

// release is what the test registry serves.
type release struct {
	platforms []platform
	files     map[string][]byte // by file name: zips, manifest, SHA256SUMS, SHA256SUMS.sig
	publicKey string            // ASCII-armored
	keyID     string
}

func (r release) sums() string { return project + "_" + version + "_SHA256SUMS" }

// TestAccRegistryInstall: `terraform init` installs the provider through the registry protocol,
// verifies the signature of SHA256SUMS and records `zh:` hashes for every platform it lists; a
// tampered zip or a signature by another key fails init with Terraform's own error.
func TestAccRegistryInstall(t *testing.T) {
	tf := terraformPath(t)
	rel := buildRelease(t)

	t.Run("installs", func(t *testing.T) {
		out, dir, err := initWith(t, tf, rel)
		if err != nil {
			t.Fatalf("terraform init failed: %v\n%s", err, out)
		}
		t.Log(out)
		if !strings.Contains(out, "Installed ecrgov/ecrgov v"+version) || !strings.Contains(out, "key ID "+rel.keyID) {
			t.Fatalf("init did not install v%s signed by key %s:\n%s", version, rel.keyID, out)
		}
		lock, err := os.ReadFile(filepath.Join(dir, ".terraform.lock.hcl"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range rel.platforms {
			sum := sha256.Sum256(rel.files[p.zipName()])
			if want := `"zh:` + hex.EncodeToString(sum[:]) + `"`; !strings.Contains(string(lock), want) {
				t.Errorf("the lock file lacks %s for %s/%s:\n%s", want, p.os, p.arch, lock)
			}
		}
		if !strings.Contains(string(lock), `"h1:`) {
			t.Errorf("the lock file lacks the h1: hash of the installed package:\n%s", lock)
		}
	})

	t.Run("tampered zip", func(t *testing.T) {
		bad := rel.clone()
		host := platform{runtime.GOOS, runtime.GOARCH}
		bad.files[host.zipName()] = append(append([]byte(nil), bad.files[host.zipName()]...), 0) // a byte more than SHA256SUMS says
		out, _, err := initWith(t, tf, bad)
		t.Log(out)
		if err == nil || !strings.Contains(out, "archive has incorrect checksum") {
			t.Fatalf("init with a tampered zip: %v, want Terraform's checksum error:\n%s", err, out)
		}
	})

	t.Run("wrong signature", func(t *testing.T) {
		bad := rel.clone()
		other := newKey(t)
		bad.files[bad.sums()+".sig"] = sign(t, other, bad.files[bad.sums()])
		out, _, err := initWith(t, tf, bad)
		t.Log(out)
		if err == nil || !strings.Contains(out, "authentication signature from") {
			t.Fatalf("init with a signature by another key: %v, want Terraform's signature error:\n%s", err, out)
		}
	})
}

func (r release) clone() release {
	c := r
	c.files = map[string][]byte{}
	for k, v := range r.files {
		c.files[k] = v
	}
	return c
}

func terraformPath(t *testing.T) string {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("set TF_ACC=1 (make test does): the test runs terraform init")
	}
	if p := os.Getenv("TF_ACC_TERRAFORM_PATH"); p != "" {
		return p
	}
	p, err := exec.LookPath("terraform")
	if err != nil {
		t.Fatal("terraform is not on PATH")
	}
	return p
}

// buildRelease builds the provider for the host and one other platform, as goreleaser would.
func buildRelease(t *testing.T) release {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	host := platform{runtime.GOOS, runtime.GOARCH}
	other := platform{"linux", "arm64"}
	if host == other {
		other = platform{"linux", "amd64"}
	}
	rel := release{platforms: []platform{host, other}, files: map[string][]byte{}}
	binary := fmt.Sprintf("%s_v%s", project, version)
	for _, p := range rel.platforms {
		out := filepath.Join(t.TempDir(), binary)
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w -X main.version="+version, "-o", out, ".")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+p.os, "GOARCH="+p.arch)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("building for %s/%s: %v\n%s", p.os, p.arch, err, b)
		}
		rel.files[p.zipName()] = zipped(t, binary, out)
	}
	manifest, err := os.ReadFile(filepath.Join(root, "terraform-registry-manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	rel.files[project+"_"+version+"_manifest.json"] = manifest
	names := make([]string, 0, len(rel.files))
	for name := range rel.files {
		names = append(names, name)
	}
	sort.Strings(names)
	var sums strings.Builder
	for _, name := range names {
		sum := sha256.Sum256(rel.files[name])
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), name)
	}
	rel.files[rel.sums()] = []byte(sums.String())
	key := newKey(t)
	rel.files[rel.sums()+".sig"] = sign(t, key, rel.files[rel.sums()])
	rel.publicKey, rel.keyID = armoredPublicKey(t, key), strings.ToUpper(key.PrimaryKey.KeyIdString())
	return rel
}

func zipped(t *testing.T, name, path string) []byte {
	t.Helper()
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	h := &zip.FileHeader{Name: name, Method: zip.Deflate}
	h.SetMode(0o755)
	w, err := zw.CreateHeader(h)
	if err == nil {
		_, err = w.Write(body)
	}
	if err == nil {
		err = zw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// newKey makes a throwaway signing key, as a release's GPG key.
func newKey(t *testing.T) *openpgp.Entity {
	t.Helper()
	e, err := openpgp.NewEntity("ecrgov test release", "", "release@ecrgov.test", nil)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// sign is goreleaser's `gpg --detach-sign`: a binary detached signature.
func sign(t *testing.T, key *openpgp.Entity, data []byte) []byte {
	t.Helper()
	var sig bytes.Buffer
	if err := openpgp.DetachSign(&sig, key, bytes.NewReader(data), nil); err != nil {
		t.Fatal(err)
	}
	return sig.Bytes()
}

func armoredPublicKey(t *testing.T, key *openpgp.Entity) string {
	t.Helper()
	var buf bytes.Buffer
	w, err := armor.Encode(&buf, openpgp.PublicKeyType, nil)
	if err == nil {
		err = key.Serialize(w)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// serve runs the provider registry protocol for rel over HTTPS with a CA made for the test, and
// returns the base URL and the CA's PEM file for SSL_CERT_FILE.
func serve(t *testing.T, rel release) (string, string) {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewUnstartedServer(mux)
	base := ""
	writeJSON := func(w http.ResponseWriter, v any) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(v)
	}
	mux.HandleFunc("/.well-known/terraform.json", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, map[string]string{"providers.v1": "/v1/providers/"})
	})
	mux.HandleFunc("/v1/providers/ecrgov/ecrgov/versions", func(w http.ResponseWriter, _ *http.Request) {
		var platforms []map[string]string
		for _, p := range rel.platforms {
			platforms = append(platforms, map[string]string{"os": p.os, "arch": p.arch})
		}
		writeJSON(w, map[string]any{"versions": []map[string]any{{"version": version, "protocols": []string{"6.0"}, "platforms": platforms}}})
	})
	for _, p := range rel.platforms {
		mux.HandleFunc(fmt.Sprintf("/v1/providers/ecrgov/ecrgov/%s/download/%s/%s", version, p.os, p.arch), func(w http.ResponseWriter, _ *http.Request) {
			sum := sha256.Sum256(rel.files[p.zipName()])
			if bytes.Contains(rel.files[rel.sums()], []byte(p.zipName())) {
				// The registry states the checksum SHA256SUMS gives, as the public registry does.
				for _, line := range strings.Split(string(rel.files[rel.sums()]), "\n") {
					if strings.HasSuffix(line, "  "+p.zipName()) {
						b, _ := hex.DecodeString(strings.Fields(line)[0])
						copy(sum[:], b)
					}
				}
			}
			writeJSON(w, map[string]any{
				"protocols": []string{"6.0"}, "os": p.os, "arch": p.arch, "filename": p.zipName(),
				"download_url": base + "/files/" + p.zipName(), "shasums_url": base + "/files/" + rel.sums(),
				"shasums_signature_url": base + "/files/" + rel.sums() + ".sig", "shasum": hex.EncodeToString(sum[:]),
				"signing_keys": map[string]any{"gpg_public_keys": []map[string]string{{"key_id": rel.keyID, "ascii_armor": rel.publicKey}}},
			})
		})
	}
	mux.HandleFunc("/files/", func(w http.ResponseWriter, r *http.Request) {
		b, ok := rel.files[strings.TrimPrefix(r.URL.Path, "/files/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		_, _ = w.Write(b)
	})
	caPEM, cert := certificates(t)
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	base = srv.URL
	caFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(caFile, caPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	return base, caFile
}

// certificates makes a CA and a certificate it signs for 127.0.0.1.
func certificates(t *testing.T) ([]byte, tls.Certificate) {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ca := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "ecrgov test registry CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, KeyUsage: x509.KeyUsageCertSign, BasicConstraintsValid: true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, ca, ca, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	leafKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leaf := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		KeyUsage: x509.KeyUsageDigitalSignature,
	}
	caCert, _ := x509.ParseCertificate(caDER)
	leafDER, err := x509.CreateCertificate(rand.Reader, leaf, caCert, &leafKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}),
		tls.Certificate{Certificate: [][]byte{leafDER}, PrivateKey: leafKey}
}

// initWith runs `terraform init` in a fresh directory whose CLI configuration points
// registry.terraform.io at the test registry, and returns its output.
func initWith(t *testing.T, tf string, rel release) (string, string, error) {
	t.Helper()
	base, caFile := serve(t, rel)
	dir := t.TempDir()
	cli := filepath.Join(dir, "terraformrc")
	config := fmt.Sprintf("host \"registry.terraform.io\" {\n  services = {\n    \"providers.v1\" = %q\n  }\n}\n", base+"/v1/providers/")
	main := fmt.Sprintf("terraform {\n  required_providers {\n    ecrgov = {\n      source  = \"ecrgov/ecrgov\"\n      version = %q\n    }\n  }\n}\n", version)
	if err := os.WriteFile(cli, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(main), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(tf, "init", "-input=false", "-no-color")
	cmd.Dir = dir
	cmd.Env = append(cleanEnv(), "TF_CLI_CONFIG_FILE="+cli, "SSL_CERT_FILE="+caFile, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "HOME="+dir)
	out, err := cmd.CombinedOutput()
	return string(out), dir, err
}

// cleanEnv is the environment without the settings that would bypass the registry.
func cleanEnv() []string {
	var out []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "TF_CLI_CONFIG_FILE=") || strings.HasPrefix(kv, "TF_PLUGIN_CACHE_DIR=") || strings.HasPrefix(kv, "SSL_CERT_FILE=") {
			continue
		}
		out = append(out, kv)
	}
	return out
}
