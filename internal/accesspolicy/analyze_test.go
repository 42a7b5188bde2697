package accesspolicy

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

const own, partner, stranger = "111122223333", "444455556666", "777788889999"

// codes renders findings as "CODE@Sid" for comparison.
func codes(fs []Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, f.Code+"@"+f.Sid)
	}
	return out
}

// The AWS documentation's example policies (User Guide, "Private repository policy examples" and
// "Private registry permissions"), and the variations that turn each into a finding.
func TestAnalyze_documentedExamples(t *testing.T) {
	tests := []struct {
		name    string
		policy  string
		opts    Options
		want    []string
		inverse string // a word the first finding's detail must contain
	}{
		{
			name: "users of the own account push and pull",
			policy: `{"Version":"2012-10-17","Statement":[{"Sid":"AllowPushPull","Effect":"Allow",
				"Principal":{"AWS":["arn:aws:iam::111122223333:user/push-pull-user-1","arn:aws:iam::111122223333:user/push-pull-user-2"]},
				"Action":["ecr:BatchGetImage","ecr:BatchCheckLayerAvailability","ecr:CompleteLayerUpload","ecr:GetDownloadUrlForLayer","ecr:InitiateLayerUpload","ecr:PutImage","ecr:UploadLayerPart"]}]}`,
			opts: Options{OwnAccount: own},
		},
		{
			name: "all AWS accounts pull: public",
			policy: `{"Version":"2012-10-17","Statement":[{"Sid":"AllowPull","Effect":"Allow","Principal":"*",
				"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}]}`,
			opts: Options{OwnAccount: own},
			want: []string{"PUBLIC_POLICY@AllowPull"}, inverse: "anyone",
		},
		{
			name:   "{AWS: *} is public too",
			policy: `{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"ecr:BatchGetImage"}}`,
			opts:   Options{OwnAccount: own},
			want:   []string{"PUBLIC_POLICY@#1"},
		},
		{
			name: "organisation-wide pull is not public",
			policy: `{"Version":"2012-10-17","Statement":[{"Sid":"OrgPull","Effect":"Allow","Principal":"*",
				"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],
				"Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}`,
			opts: Options{OwnAccount: own},
		},
		{
			name: "a condition on a wildcard value narrows nothing",
			policy: `{"Statement":[{"Sid":"Fake","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage",
				"Condition":{"StringLike":{"aws:PrincipalOrgID":"*"}}}]}`,
			opts: Options{OwnAccount: own},
			want: []string{"PUBLIC_POLICY@Fake"},
		},
		{
			name: "a Null condition narrows nothing",
			policy: `{"Statement":[{"Sid":"Null","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage",
				"Condition":{"Null":{"aws:SourceVpce":"false"}}}]}`,
			opts: Options{OwnAccount: own},
			want: []string{"PUBLIC_POLICY@Null"},
		},
		{
			name: "cross-account push is a write to another account",
			policy: `{"Version":"2012-10-17","Statement":[{"Sid":"AllowCrossAccountPush","Effect":"Allow",
				"Principal":{"AWS":"arn:aws:iam::444455556666:root"},
				"Action":["ecr:BatchCheckLayerAvailability","ecr:CompleteLayerUpload","ecr:InitiateLayerUpload","ecr:PutImage","ecr:UploadLayerPart"]}]}`,
			opts: Options{OwnAccount: own},
			want: []string{"WRITE_TO_OTHER_ACCOUNT@AllowCrossAccountPush"}, inverse: "ecr:PutImage",
		},
		{
			name: "cross-account pull by a bare account ID outside the trusted list",
			policy: `{"Statement":[{"Sid":"Pull","Effect":"Allow","Principal":{"AWS":["444455556666","777788889999"]},
				"Action":["ecr:BatchGetImage"]}]}`,
			opts: Options{OwnAccount: own, TrustedAccounts: []string{partner}},
			want: []string{"UNTRUSTED_ACCOUNT@Pull"}, inverse: stranger,
		},
		{
			name: "ecr:* to another account",
			policy: `{"Statement":[{"Sid":"All","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:role/ci"},
				"Action":"ecr:*"}]}`,
			opts: Options{OwnAccount: own},
			want: []string{"WILDCARD_ACTION@All"},
		},
		{
			name: "ecr:* within the own account is no finding",
			policy: `{"Statement":[{"Sid":"Admin","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/admin"},
				"Action":"ecr:*"}]}`,
			opts: Options{OwnAccount: own},
		},
		{
			name: "a partial wildcard that covers writes",
			policy: `{"Statement":[{"Sid":"Put","Effect":"Allow","Principal":{"AWS":"arn:aws:sts::444455556666:assumed-role/ci/session"},
				"Action":"ecr:Put*"}]}`,
			opts: Options{OwnAccount: own},
			want: []string{"WRITE_TO_OTHER_ACCOUNT@Put"}, inverse: "ecr:PutLifecyclePolicy",
		},
		{
			name: "CodeBuild service principal with source conditions",
			policy: `{"Version":"2012-10-17","Statement":[{"Sid":"CodeBuildAccess","Effect":"Allow",
				"Principal":{"Service":"codebuild.amazonaws.com"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],
				"Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:codebuild:us-east-1:111122223333:project/*"},
				"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}`,
			opts: Options{OwnAccount: own, TrustedAccounts: []string{partner}},
		},
		{
			name: "Lambda service principal",
			policy: `{"Version":"2008-10-17","Statement":[{"Sid":"LambdaECRImageRetrievalPolicy","Effect":"Allow",
				"Principal":{"Service":"lambda.amazonaws.com"},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"],
				"Condition":{"StringLike":{"aws:sourceArn":"arn:aws:lambda:us-east-1:111122223333:function:*"}}}]}`,
			opts: Options{OwnAccount: own},
		},
		{
			name:   "a Deny takes away and is never a finding",
			policy: `{"Statement":[{"Sid":"DenyAll","Effect":"Deny","Principal":"*","Action":"ecr:*"}]}`,
			opts:   Options{OwnAccount: own, TrustedAccounts: []string{partner}},
		},
		{
			name: "NotPrincipal and NotAction with Allow",
			policy: `{"Statement":[{"Sid":"Not","Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},
				"NotAction":"ecr:DeleteRepository"}]}`,
			opts: Options{OwnAccount: own},
			want: []string{"NOT_PRINCIPAL@Not", "NOT_PRINCIPAL@Not", "WRITE_TO_OTHER_ACCOUNT@Not"},
		},
		{
			name: "public narrowed to an account outside the trusted list",
			policy: `{"Statement":[{"Sid":"Acct","Effect":"Allow","Principal":"*","Action":"ecr:BatchGetImage",
				"Condition":{"StringEquals":{"aws:PrincipalAccount":["444455556666","777788889999"]}}}]}`,
			opts: Options{OwnAccount: own, TrustedAccounts: []string{partner}},
			want: []string{"UNTRUSTED_ACCOUNT@Acct"},
		},
		{
			name: "registry policy for replication: creation by another account warns",
			policy: `{"Version":"2012-10-17","Statement":[{"Sid":"ReplicationAccessCrossAccount","Effect":"Allow",
				"Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":["ecr:CreateRepository","ecr:ReplicateImage"],
				"Resource":"arn:aws:ecr:us-west-2:111122223333:repository/*"}]}`,
			opts: Options{OwnAccount: own},
			want: []string{"WRITE_TO_OTHER_ACCOUNT@ReplicationAccessCrossAccount"}, inverse: "containers-roadmap#853",
		},
		{
			name: "registry policy that grants pulls reaches every repository",
			policy: `{"Statement":[{"Sid":"PullEverything","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},
				"Action":["ecr:BatchGetImage","ecr:BatchImportUpstreamImage"],"Resource":"arn:aws:ecr:us-east-1:111122223333:repository/*"}]}`,
			opts: Options{OwnAccount: own},
			want: []string{"REGISTRY_WIDE_GRANT@PullEverything"}, inverse: "ecr:BatchGetImage",
		},
		{
			name:   "the registry flag applies without a Resource",
			policy: `{"Statement":[{"Sid":"P","Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"ecr:BatchGetImage"}]}`,
			opts:   Options{OwnAccount: own, Registry: true},
			want:   []string{"REGISTRY_WIDE_GRANT@P"},
		},
		{
			name:   "without an own account, trusted accounts count as one's own",
			policy: `{"Statement":[{"Sid":"W","Effect":"Allow","Principal":{"AWS":["111122223333","444455556666"]},"Action":"ecr:PutImage"}]}`,
			opts:   Options{TrustedAccounts: []string{own}},
			want:   []string{"UNTRUSTED_ACCOUNT@W", "WRITE_TO_OTHER_ACCOUNT@W"},
		},
		{
			name:   "an ARN with a wildcard account is public",
			policy: `{"Statement":[{"Sid":"Any","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::*:root"},"Action":"ecr:BatchGetImage"}]}`,
			opts:   Options{OwnAccount: own},
			want:   []string{"PUBLIC_POLICY@Any"},
		},
		{
			name:   "a federated principal names no account",
			policy: `{"Statement":[{"Sid":"F","Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"ecr:BatchGetImage"}]}`,
			opts:   Options{OwnAccount: own, TrustedAccounts: []string{partner}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := Analyze(tt.policy, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := codes(fs); !slices.Equal(got, tt.want) {
				t.Fatalf("findings = %v, want %v\n%+v", got, tt.want, fs)
			}
			if tt.inverse != "" && !strings.Contains(fs[0].Detail, tt.inverse) {
				t.Errorf("detail %q does not mention %q", fs[0].Detail, tt.inverse)
			}
		})
	}
}

func TestParse_refusesWhatIsNotAPolicy(t *testing.T) {
	for name, policy := range map[string]string{
		"not JSON":              `{"Statement":`,
		"trailing text":         `{"Statement":[{"Effect":"Allow","Action":"ecr:*"}]} x`,
		"no statement":          `{"Version":"2012-10-17"}`,
		"empty statement list":  `{"Statement":[]}`,
		"bad effect":            `{"Statement":[{"Effect":"allow","Action":"ecr:*"}]}`,
		"no action":             `{"Statement":[{"Effect":"Allow","Principal":"*"}]}`,
		"both action forms":     `{"Statement":[{"Effect":"Allow","Action":"a","NotAction":"b"}]}`,
		"both principal forms":  `{"Statement":[{"Effect":"Allow","Action":"a","Principal":"*","NotPrincipal":"*"}]}`,
		"principal not a star":  `{"Statement":[{"Effect":"Allow","Action":"a","Principal":"everyone"}]}`,
		"unknown principal key": `{"Statement":[{"Effect":"Allow","Action":"a","Principal":{"Users":"x"}}]}`,
		"action a number":       `{"Statement":[{"Effect":"Allow","Action":5}]}`,
		"condition value":       `{"Statement":[{"Effect":"Allow","Action":"a","Condition":{"StringEquals":{"k":{"x":1}}}}]}`,
		"a list, not an object": `[{"Effect":"Allow","Action":"a"}]`,
	} {
		if _, err := Parse(policy); !errors.Is(err, ErrNotAPolicy) {
			t.Errorf("%s: err = %v, want ErrNotAPolicy", name, err)
		}
	}
}

func TestFinding_blocking(t *testing.T) {
	for _, c := range AllCodes {
		want := c == PublicPolicy || c == UntrustedAccount
		if got := (Finding{Code: c}).Blocking(); got != want {
			t.Errorf("%s blocking = %v", c, got)
		}
	}
}

func TestCheckPrincipals(t *testing.T) {
	for principal, ok := range map[string]bool{
		`"*"`: true, `{"AWS":"*"}`: true, `{"AWS":"111122223333"}`: true, `{"AWS":"arn:aws:iam::111122223333:role/ci"}`: true,
		`{"AWS":"AROAEXAMPLEID12345678"}`: true, `{"Service":"codebuild.amazonaws.com"}`: true,
		`{"AWS":"12345"}`: false, `{"AWS":["111122223333","team"]}`: false,
	} {
		doc, err := Parse(`{"Statement":[{"Sid":"S","Effect":"Allow","Principal":` + principal + `,"Action":"ecr:BatchGetImage"}]}`)
		if err != nil {
			t.Fatal(err)
		}
		if err := doc.CheckPrincipals(); (err == nil) != ok {
			t.Errorf("%s: CheckPrincipals = %v, want ok=%v", principal, err, ok)
		}
	}
}
