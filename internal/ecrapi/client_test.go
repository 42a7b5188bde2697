package ecrapi

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// fakeSTS answers GetCallerIdentity for account 123456789012 and counts requests.
func fakeSTS(t *testing.T) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.Header().Set("Content-Type", "text/xml")
		_, _ = w.Write([]byte(`<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/test</Arn><UserId>AID</UserId><Account>123456789012</Account></GetCallerIdentityResult>
<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`))
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

func testConfig(endpoint string) Config {
	return Config{Region: "us-east-1", AccessKey: "a", SecretKey: "s", Endpoint: endpoint, STSEndpoint: endpoint}
}

func TestNew_noAccountListsMakesNoCall(t *testing.T) {
	srv, calls := fakeSTS(t)
	if _, err := New(context.Background(), testConfig(srv.URL)); err != nil {
		t.Fatal(err)
	}
	if n := calls.Load(); n != 0 {
		t.Fatalf("Configure made %d network calls, want 0", n)
	}
}

func TestNew_accountLists(t *testing.T) {
	tests := []struct {
		name      string
		allowed   []string
		forbidden []string
		wantErr   string
	}{
		{name: "allowed", allowed: []string{"123456789012"}},
		{name: "not allowed", allowed: []string{"111111111111"}, wantErr: "123456789012, which is not in allowed_account_ids"},
		{name: "forbidden", forbidden: []string{"123456789012"}, wantErr: "123456789012, which is listed in forbidden_account_ids"},
		{name: "other forbidden", forbidden: []string{"111111111111"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, calls := fakeSTS(t)
			cfg := testConfig(srv.URL)
			cfg.AllowedAccountIDs, cfg.ForbiddenAccountIDs = tt.allowed, tt.forbidden
			_, err := New(context.Background(), cfg)
			if n := calls.Load(); n != 1 {
				t.Errorf("GetCallerIdentity calls = %d, want exactly 1", n)
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var na *AccountNotAllowedError
			if !errors.As(err, &na) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("err = %v, want AccountNotAllowedError containing %q", err, tt.wantErr)
			}
		})
	}
}

func TestNew_noRegion(t *testing.T) {
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_DEFAULT_REGION", "")
	t.Setenv("AWS_CONFIG_FILE", "/nonexistent")
	t.Setenv("AWS_PROFILE", "")
	_, err := New(context.Background(), Config{AccessKey: "a", SecretKey: "s"})
	if !errors.Is(err, ErrNoRegion) {
		t.Fatalf("err = %v, want ErrNoRegion", err)
	}
}

func TestConfigChecks(t *testing.T) {
	good := map[string]func(string) error{
		"us-east-1": CheckRegion, "us-gov-west-1": CheckRegion, "ap-southeast-5": CheckRegion,
		"https://api.ecr.us-east-1.amazonaws.com": CheckEndpoint, "http://127.0.0.1:4566": CheckEndpoint,
		"123456789012":                          CheckAccountID,
		"arn:aws:iam::123456789012:role/deploy": CheckRoleARN, "arn:aws-us-gov:iam::123456789012:role/path/x": CheckRoleARN,
		// The service model's PrincipalArn and KmsKeyForRepositoryCreationTemplate.
		"arn:aws:iam::123456789012:user/alice": CheckPrincipalARN, "arn:aws-cn:iam::123456789012:role/ci/scanner": CheckPrincipalARN,
		"arn:aws:iam::123456789012:role/" + strings.Repeat("r", 200-len("arn:aws:iam::123456789012:role/")): CheckPrincipalARN,
		"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab":                       CheckKMSKeyARN,
		"arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/mrk-1234":                                        CheckKMSKeyARN,
	}
	bad := map[string]func(string) error{
		"arn:aws:iam::123456789012:group/auditors": CheckPrincipalARN, "arn:aws:iam::123456789012:role/a//b": CheckPrincipalARN,
		"arn:aws:iam::123456789012:role/ci/": CheckPrincipalARN, "arn:aws:sts::123456789012:assumed-role/ci/s": CheckPrincipalARN,
		"arn:aws:iam::123456789012:role/" + strings.Repeat("r", 250-len("arn:aws:iam::123456789012:role/")): CheckPrincipalARN,
		"alias/ecr": CheckKMSKeyARN, "arn:aws:kms:us-east-1:123456789012:alias/ecr": CheckKMSKeyARN,
		"useast1": CheckRegion, "US-EAST-1": CheckRegion,
		"ecr.example": CheckEndpoint, "ftp://x": CheckEndpoint, "http://": CheckEndpoint,
		"12345678901":                          CheckAccountID,
		"arn:aws:iam::123456789012:user/alice": CheckRoleARN, "role/deploy": CheckRoleARN,
	}
	for in, check := range good {
		if err := check(in); err != nil {
			t.Errorf("%q rejected: %v", in, err)
		}
	}
	for in, check := range bad {
		if err := check(in); err == nil {
			t.Errorf("%q accepted", in)
		}
	}
	if _, err := ParseRoleDuration("14m"); err == nil {
		t.Error("14m accepted")
	}
	if d, err := ParseRoleDuration("1h"); err != nil || d.Hours() != 1 {
		t.Errorf("1h = %v, %v", d, err)
	}
}
