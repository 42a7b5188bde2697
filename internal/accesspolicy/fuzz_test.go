package accesspolicy

import (
	"slices"
	"testing"
)

// FuzzAnalyze: any text either is refused as not a policy or yields findings whose codes are
// known and whose statements are named; nothing panics.
func FuzzAnalyze(f *testing.F) {
	for _, seed := range []string{
		`{"Statement":[{"Sid":"AllowPull","Effect":"Allow","Principal":"*","Action":["ecr:BatchGetImage"]}]}`,
		`{"Statement":{"Effect":"Allow","Principal":{"AWS":["444455556666","arn:aws:iam::*:root"]},"NotAction":"ecr:Get*"}}`,
		`{"Statement":[{"Effect":"Allow","NotPrincipal":{"Service":"x"},"Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceAccount":["1",true,2]}}}]}`,
		`{"Statement":[]}`, `[]`, `null`, ``,
	} {
		f.Add(seed, "444455556666")
	}
	f.Fuzz(func(t *testing.T, policy, trusted string) {
		fs, err := Analyze(policy, Options{OwnAccount: own, TrustedAccounts: []string{trusted}})
		if err != nil {
			return
		}
		for _, x := range fs {
			if !slices.Contains(AllCodes, x.Code) || x.Sid == "" || x.Detail == "" {
				t.Fatalf("malformed finding %+v", x)
			}
		}
	})
}
