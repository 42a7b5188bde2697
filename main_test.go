package main

import (
	"os"
	"testing"
)

func TestQuietSDKLogsUnlessAsked(t *testing.T) {
	unsetAll := func() {
		for _, name := range logVariables {
			t.Setenv(name, "")
			_ = os.Unsetenv(name)
		}
	}
	unsetAll()
	quietSDKLogsUnlessAsked()
	for _, name := range []string{"TF_LOG_SDK", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_SDK_PROTO"} {
		if got := os.Getenv(name); got != "OFF" {
			t.Errorf("with no log variable, %s = %q, want OFF", name, got)
		}
	}

	unsetAll()
	t.Setenv("TF_LOG_PROVIDER", "DEBUG")
	quietSDKLogsUnlessAsked()
	if got := os.Getenv("TF_LOG_SDK_FRAMEWORK"); got != "" {
		t.Errorf("with TF_LOG_PROVIDER set, TF_LOG_SDK_FRAMEWORK = %q; the user's logs must not be silenced", got)
	}
}
