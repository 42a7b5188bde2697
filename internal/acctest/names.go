package acctest

import (
	"crypto/rand"
	"encoding/hex"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/sweep"
)

// NamePrefix begins the name of everything an acceptance test creates, so that `make sweep`
// finds what a failed run left behind, and nothing else.
const NamePrefix = sweep.DefaultPrefix

// RandomName returns a repository name unique to this test run, so that parallel tests never
// share a repository.
func RandomName(prefix string) string {
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	return NamePrefix + prefix + "-" + hex.EncodeToString(b)
}
