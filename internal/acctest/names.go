package acctest

import (
	"crypto/rand"
	"encoding/hex"
)

// RandomName returns a repository name unique to this test run, so that parallel tests never
// share a repository.
func RandomName(prefix string) string {
	b := make([]byte, 5)
	_, _ = rand.Read(b)
	return "tf-acc-" + prefix + "-" + hex.EncodeToString(b)
}
