package acctest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
)

// PullThroughCacheSecret creates, in the emulator's Secrets Manager (moto serves every service
// on one endpoint), a secret named ecr-pullthroughcache/<name> holding value, as a pull through
// cache rule's credentials, and deletes it when the test ends. It returns the secret's ARN. The
// provider never reads secrets; only the emulator's checks of a rule do. The call is made over
// the JSON protocol directly, so that the module needs no Secrets Manager SDK for tests alone.
func PullThroughCacheSecret(t *testing.T, name, value string) string {
	t.Helper()
	RequiresEmulator(t, "creates a Secrets Manager secret in the emulator")
	PreCheck(t)
	var out struct {
		ARN string `json:"ARN"`
	}
	secretsCall(t, "CreateSecret", map[string]any{"Name": "ecr-pullthroughcache/" + name, "SecretString": value}, &out)
	t.Cleanup(func() {
		secretsCall(t, "DeleteSecret", map[string]any{"SecretId": out.ARN, "ForceDeleteWithoutRecovery": true}, nil)
	})
	return out.ARN
}

func secretsCall(t *testing.T, action string, in map[string]any, out any) {
	t.Helper()
	body, _ := json.Marshal(in)
	req, err := http.NewRequest(http.MethodPost, Endpoint()+"/", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "secretsmanager."+action)
	// moto routes a request by the service in the credential scope; it checks no signature.
	req.Header.Set("Authorization", fmt.Sprintf("AWS4-HMAC-SHA256 "+
		"Credential=test/20260101/%s/secretsmanager/aws4_request, "+
		"SignedHeaders=host, Signature=0", Region))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("Secrets Manager %s: %v", action, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("Secrets Manager %s: HTTP %d", action, resp.StatusCode)
	}
	if out != nil {
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			t.Fatalf("Secrets Manager %s: %v", action, err)
		}
	}
}
