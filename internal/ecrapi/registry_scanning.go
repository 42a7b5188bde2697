package ecrapi

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/ecr/types"
)

// ScanningRule is one rule of the registry scanning configuration: repositories matching any
// of the wildcard filters are scanned at Frequency.
type ScanningRule struct {
	Frequency string
	Filters   []string // sorted
}

// ScanningConfiguration is the registry's scanning configuration. ECR uses BASIC with no rules
// when none was ever put.
type ScanningConfiguration struct {
	ScanType string
	Rules    []ScanningRule
}

// ScanTypes and ScanFrequencies are the API's enums.
var (
	ScanTypes       = enumStrings(types.ScanTypeBasic.Values())
	ScanFrequencies = enumStrings(types.ScanFrequencyManual.Values())
)

func enumStrings[T ~string](values []T) []string {
	out := make([]string, 0, len(values))
	for _, v := range values {
		out = append(out, string(v))
	}
	slices.Sort(out)
	return out
}

// GetRegistryScanningConfiguration returns the registry's scanning configuration (one call).
func (c *Client) GetRegistryScanningConfiguration(ctx context.Context) (*ScanningConfiguration, error) {
	out, err := c.api.GetRegistryScanningConfiguration(ctx, &ecr.GetRegistryScanningConfigurationInput{})
	if err != nil {
		return nil, err
	}
	cfg := &ScanningConfiguration{ScanType: string(types.ScanTypeBasic)}
	if sc := out.ScanningConfiguration; sc != nil {
		if sc.ScanType != "" {
			cfg.ScanType = string(sc.ScanType)
		}
		for _, r := range sc.Rules {
			rule := ScanningRule{Frequency: string(r.ScanFrequency)}
			for _, f := range r.RepositoryFilters {
				rule.Filters = append(rule.Filters, aws.ToString(f.Filter))
			}
			slices.Sort(rule.Filters)
			cfg.Rules = append(cfg.Rules, rule)
		}
	}
	return cfg, nil
}

// PutRegistryScanningConfiguration replaces the registry's scanning configuration with one
// call. It is idempotent.
func (c *Client) PutRegistryScanningConfiguration(ctx context.Context, cfg ScanningConfiguration) error {
	in := &ecr.PutRegistryScanningConfigurationInput{ScanType: types.ScanType(cfg.ScanType), Rules: []types.RegistryScanningRule{}}
	for _, r := range cfg.Rules {
		rule := types.RegistryScanningRule{ScanFrequency: types.ScanFrequency(r.Frequency), RepositoryFilters: []types.ScanningRepositoryFilter{}}
		for _, f := range r.Filters {
			rule.RepositoryFilters = append(rule.RepositoryFilters, types.ScanningRepositoryFilter{
				Filter: aws.String(f), FilterType: types.ScanningRepositoryFilterTypeWildcard,
			})
		}
		in.Rules = append(in.Rules, rule)
	}
	_, err := c.api.PutRegistryScanningConfiguration(ctx, in)
	return err
}

// RepositoryScanning is how ECR scans one repository, combining the repository's own scanOnPush
// with the registry's rules.
type RepositoryScanning struct {
	ScanOnPush bool
	Frequency  string // SCAN_ON_PUSH, CONTINUOUS_SCAN or MANUAL
}

// Scanned reports whether images are scanned without someone asking: on push or continuously.
func (s RepositoryScanning) Scanned() bool {
	return s.ScanOnPush || s.Frequency == string(types.ScanFrequencyScanOnPush) || s.Frequency == string(types.ScanFrequencyContinuousScan)
}

// ScanningBatchSize is BatchGetRepositoryScanningConfiguration's limit (1 to 25 names).
const ScanningBatchSize = 25

// BatchRepositoryScanning returns the effective scanning of each named repository, in
// ⌈len(names)/25⌉ calls. A repository that no longer exists is left out.
func (c *Client) BatchRepositoryScanning(ctx context.Context, names []string) (map[string]RepositoryScanning, error) {
	out := make(map[string]RepositoryScanning, len(names))
	for batch := range slices.Chunk(names, ScanningBatchSize) {
		page, err := c.api.BatchGetRepositoryScanningConfiguration(ctx, &ecr.BatchGetRepositoryScanningConfigurationInput{RepositoryNames: batch})
		if err != nil {
			return nil, err
		}
		for _, sc := range page.ScanningConfigurations {
			out[aws.ToString(sc.RepositoryName)] = RepositoryScanning{ScanOnPush: sc.ScanOnPush, Frequency: string(sc.ScanFrequency)}
		}
	}
	return out, nil
}
