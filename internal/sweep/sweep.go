// Package sweep removes what acceptance tests left behind in a registry: everything named with
// the tests' prefix and older than a bound, and nothing else. `make sweep` runs it; it matters on
// real ECR, where a failed run leaves billable repositories. No Terraform imports.
package sweep

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// DefaultPrefix begins the name of everything the acceptance tests create.
const DefaultPrefix = "tf-acc-ecrgov-"

// Options say what to sweep.
type Options struct {
	Prefix    string        // only names with this prefix; DefaultPrefix when empty
	OlderThan time.Duration // only repositories created longer ago than this
	DryRun    bool          // say what would be deleted, delete nothing
	Now       time.Time     // the sweep's clock; time.Now() when zero
	Out       io.Writer     // one line per object swept
}

// Report counts what was swept (or, in a dry run, would be).
type Report struct {
	Repositories       []string
	PullTimeExclusions []string
	CreationTemplates  []string
}

// Run sweeps repositories (deleted with their images), repository creation templates and
// pull-time update exclusions (deregistered) whose names carry the prefix.
// ListPullTimeUpdateExclusions returns no creation
// time, so every excluded principal whose role or user name carries the prefix is swept,
// whatever its age; the prefix is the tests' alone.
func Run(ctx context.Context, client *ecrapi.Client, opts Options) (Report, error) {
	if opts.Prefix == "" {
		opts.Prefix = DefaultPrefix
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Out == nil {
		opts.Out = io.Discard
	}
	verb := "deleted"
	if opts.DryRun {
		verb = "would delete"
	}
	var report Report
	repos, err := client.ListRepositories(ctx)
	if err != nil {
		return report, fmt.Errorf("listing repositories: %w", err)
	}
	for _, r := range repos {
		age := opts.Now.Sub(r.CreatedAt)
		if !strings.HasPrefix(r.Name, opts.Prefix) || age <= opts.OlderThan {
			continue
		}
		if !opts.DryRun {
			if err := client.DeleteRepository(ctx, r.Name, true); err != nil {
				return report, fmt.Errorf("deleting repository %s: %w", r.Name, err)
			}
		}
		report.Repositories = append(report.Repositories, r.Name)
		fmt.Fprintf(opts.Out, "sweep: %s repository %s (created %s ago)\n", verb, r.Name, age.Round(time.Second))
	}
	principals, err := client.ListPullTimeExclusions(ctx)
	if err != nil {
		return report, fmt.Errorf("listing pull time update exclusions: %w", err)
	}
	for _, arn := range principals {
		if !strings.HasPrefix(principalName(arn), opts.Prefix) {
			continue
		}
		if !opts.DryRun {
			if err := client.DeregisterPullTimeExclusion(ctx, arn); err != nil {
				return report, fmt.Errorf("deregistering %s: %w", arn, err)
			}
		}
		report.PullTimeExclusions = append(report.PullTimeExclusions, arn)
		fmt.Fprintf(opts.Out, "sweep: %s pull time update exclusion %s\n", verb, arn)
	}
	templates, err := client.ListCreationTemplates(ctx)
	if err != nil {
		return report, fmt.Errorf("listing repository creation templates: %w", err)
	}
	for _, t := range templates {
		age := opts.Now.Sub(t.CreatedAt)
		if !strings.HasPrefix(t.Prefix, opts.Prefix) || age <= opts.OlderThan {
			continue
		}
		if !opts.DryRun {
			if err := client.DeleteCreationTemplate(ctx, t.Prefix); err != nil {
				return report, fmt.Errorf("deleting repository creation template %s: %w", t.Prefix, err)
			}
		}
		report.CreationTemplates = append(report.CreationTemplates, t.Prefix)
		fmt.Fprintf(opts.Out, "sweep: %s repository creation template %s (created %s ago)\n", verb, t.Prefix, age.Round(time.Second))
	}
	// The registry scanning and signing configurations and account settings are singletons the tests put back
	// themselves (and run only against the emulator); the sweep never changes them.
	fmt.Fprintf(opts.Out, "sweep: %s %d repositories, %d repository creation templates and %d pull time update "+
		"exclusions\n",
		verb, len(report.Repositories), len(report.CreationTemplates), len(report.PullTimeExclusions))
	return report, nil
}

// principalName is the last path segment of an IAM role or user ARN.
func principalName(arn string) string {
	return arn[strings.LastIndex(arn, "/")+1:]
}
