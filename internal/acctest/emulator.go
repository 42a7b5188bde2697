package acctest

import (
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// DefaultEndpoint is where scripts/ecr-emulator.sh starts moto unless ECR_EMULATOR_PORT says
// otherwise.
const DefaultEndpoint = "http://127.0.0.1:4566"

// EmulatorAccountID is the account moto reports for every request.
const EmulatorAccountID = "123456789012"

// Region is the region the acceptance tests configure; moto accepts any.
const Region = "us-east-1"

var (
	startOnce sync.Once
	startErr  error
)

// Endpoint is the emulator's URL: ECRGOV_EMULATOR_ENDPOINT when set (for example a fault
// injecting proxy), else the local default; "" on real ECR, where the SDK's own endpoint is used.
func Endpoint() string {
	if OnAWS() {
		return ""
	}
	if e := os.Getenv("ECRGOV_EMULATOR_ENDPOINT"); e != "" {
		return e
	}
	if p := os.Getenv("ECR_EMULATOR_PORT"); p != "" {
		return "http://127.0.0.1:" + p
	}
	return DefaultEndpoint
}

// PreCheck skips the test unless TF_ACC is set, as resource.Test does, so that the unit tier
// (`make unit`) never installs or starts the emulator. An acceptance test that runs needs the
// emulator, and starts it through the same script the GNUmakefile uses when it does not answer.
// Tests that talk to the emulator before resource.Test (acctest.Client, acctest.SDK, seeding)
// reach here first.
func PreCheck(t *testing.T) {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	if OnAWS() {
		preCheckAWS(t)
		return
	}
	startOnce.Do(func() { startErr = ensureEmulator() })
	if startErr != nil {
		t.Fatalf("the local ECR emulator is not available: %v", startErr)
	}
}

// ensureEmulator asks the script to start the emulator even when something answers: the script
// returns at once for the emulator its home started, restarts it when the patches changed since,
// and refuses one it did not start (another checkout's, whose patches may differ). Only an
// explicit ECRGOV_EMULATOR_ENDPOINT is used as it is.
func ensureEmulator() error {
	if os.Getenv("ECRGOV_EMULATOR_ENDPOINT") != "" {
		if answers(Endpoint()) {
			return nil
		}
		return fmt.Errorf("ECRGOV_EMULATOR_ENDPOINT=%s does not answer", Endpoint())
	}
	script := filepath.Join(repoRoot(), "scripts", "ecr-emulator.sh")
	cmd := exec.Command("bash", script, "start")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s start: %v\n%s", script, err, out)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if answers(Endpoint()) {
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return fmt.Errorf("started, but %s does not answer", Endpoint())
}

func answers(endpoint string) bool {
	c := http.Client{Timeout: 2 * time.Second}
	resp, err := c.Get(strings.TrimRight(endpoint, "/") + "/moto-api/")
	if err != nil {
		return false
	}
	_ = resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// repoRoot finds the module root from this file's compiled-in path.
func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// SetupBeforeTest is for tests that must seed the emulator before resource.Test (to know a
// digest when building the configuration); it is PreCheck under the name those tests know.
func SetupBeforeTest(t *testing.T) {
	t.Helper()
	PreCheck(t)
}
