package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/replication"
)

// --- ecrgov_start_replication_backfill -------------------------------------------------------

func newStartReplicationBackfillAction() action.Action { return &startReplicationBackfillAction{} }

type startReplicationBackfillAction struct{ client *ecrapi.Client }

var _ action.ActionWithConfigure = &startReplicationBackfillAction{}

type replicationBackfillModel struct {
	Region           types.String `tfsdk:"region"`
	RegistryID       types.String `tfsdk:"registry_id"`
	RepositoryFilter types.String `tfsdk:"repository_filter"`
	Timeout          types.String `tfsdk:"timeout"`
}

const defaultBackfillTimeout = 60 * time.Minute

func (a *startReplicationBackfillAction) Metadata(
	_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse,
) {
	resp.TypeName = req.ProviderTypeName + "_start_replication_backfill"
}

func (a *startReplicationBackfillAction) Schema(
	_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse,
) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Copies to one destination the images that existed before the registry's replication " +
			"rules for it did (StartReplicationBackfill): replication itself copies only what is pushed after a rule " +
			"exists. The action first checks that a rule replicates to the destination, follows a backfill to it that is " +
			"already running instead of starting another, then reports progress (ListReplicationBackfills, " +
			"DescribeReplicationBackfillResults: replications completed, failed and in total, each image and tag counted " +
			"once) until the backfill ends or `timeout` passes. The API takes the destination only: what is copied is " +
			"what the destination's rules select. How long a backfill takes is not documented.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{Required: true, MarkdownDescription: "The destination Region."},
			"registry_id": schema.StringAttribute{Required: true, MarkdownDescription: "The destination registry (AWS " +
				"account ID).",
				Validators: []validator.String{checkString("account ID", checkAccountID)}},
			"repository_filter": schema.StringAttribute{Optional: true,
				MarkdownDescription: "A repository name prefix the backfill must copy. It does not narrow the backfill (the " +
					"API has no filter): the action refuses to start unless a rule to the destination covers it, and reports " +
					"the results of those repositories only.",
				Validators: []validator.String{checkString("repository name prefix", replication.CheckFilter)}},
			"timeout": schema.StringAttribute{Optional: true,
				MarkdownDescription: "How long to follow the backfill, such as `2h` (default `60m`). The backfill goes on in " +
					"ECR after it.",
				Validators: []validator.String{checkString("duration", checkDuration)}},
		},
	}
}

func checkAccountID(s string) error {
	return replication.Rule{Destinations: []replication.Destination{{Region: "us-east-1", RegistryID: s}}}.Check()
}

func (a *startReplicationBackfillAction) Configure(
	_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse,
) {
	a.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (a *startReplicationBackfillAction) Invoke(
	ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse,
) {
	var m replicationBackfillModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	dest := replication.Destination{Region: m.Region.ValueString(), RegistryID: m.RegistryID.ValueString()}
	filter := m.RepositoryFilter.ValueString()
	const label = "ECR replication backfill"
	rules, err := a.client.FindReplicationRules(ctx)
	if err != nil {
		addActionError(&resp.Diagnostics, "reading", "ECR replication configuration", dest.String(), err)
		return
	}
	if problem := backfillCoverage(rules, dest, filter); problem != "" {
		resp.Diagnostics.AddError("starting "+label+" ("+dest.String()+")", problem+" Nothing was started.")
		return
	}
	backfill, err := a.runningBackfill(ctx, dest)
	if err != nil {
		addActionError(&resp.Diagnostics, "listing", label+"s", dest.String(), err)
		return
	}
	if backfill != nil {
		progress(resp, "following backfill %s to %s, already %s", backfill.ID, dest, backfill.Status)
	} else {
		if backfill, err = a.client.StartReplicationBackfill(ctx, dest); err != nil {
			addActionError(&resp.Diagnostics, "starting", label, dest.String(), err)
			return
		}
		progress(resp, "backfill %s to %s started (%s)", backfill.ID, dest, backfill.Status)
	}
	timeout := timeoutOr(m.Timeout, defaultBackfillTimeout)
	var results []ecrapi.BackfillResult
	last := ""
	err = pollUntil(ctx, timeout, func(ctx context.Context) bool {
		b, r, err := a.client.DescribeReplicationBackfill(ctx, backfill.ID)
		if err != nil {
			return false
		}
		backfill, results = b, r
		if line := backfillLine(b); line != last {
			progress(resp, "%s", line)
			last = line
		}
		return b.Terminal()
	})
	id := backfill.ID + " to " + dest.String()
	switch {
	case err != nil:
		resp.Diagnostics.AddError("following "+label+" ("+id+")", fmt.Sprintf("It did not end within %s (last: %s); it "+
			"goes on in ECR. "+
			"Invoke the action again to follow it, or raise timeout.", timeout, backfillLine(backfill)))
	case backfill.Status != "COMPLETE":
		resp.Diagnostics.AddError(label+" "+strings.ToLower(backfill.Status)+" ("+id+")", backfillLine(backfill)+failedResults(results, filter))
	default:
		progress(resp, "backfill %s complete: %s", id, resultSummary(results, filter))
	}
}

// runningBackfill is a backfill to dest that has not ended, or nil.
func (a *startReplicationBackfillAction) runningBackfill(
	ctx context.Context, dest replication.Destination) (*ecrapi.Backfill, error,
) {
	all, err := a.client.ListReplicationBackfills(ctx)
	if err != nil {
		return nil, err
	}
	for _, b := range all {
		if b.Destination == dest && !b.Terminal() {
			return &b, nil
		}
	}
	return nil, nil
}

// backfillCoverage says why a backfill to dest would not copy filter's repositories ("" when it would).
func backfillCoverage(rules []replication.Rule, dest replication.Destination, filter string) string {
	var toDest []replication.Rule
	for _, r := range rules {
		for _, d := range r.Destinations {
			if d == dest {
				toDest = append(toDest, r)
			}
		}
	}
	if len(toDest) == 0 {
		return fmt.Sprintf("No replication rule replicates to %s, so a backfill there would copy nothing. Add an "+
			"ecrgov_replication_rule with that destination first.", dest)
	}
	if filter == "" {
		return ""
	}
	for _, r := range toDest {
		if len(r.Filters) == 0 {
			return ""
		}
		for _, f := range r.Filters {
			if strings.HasPrefix(filter, f) {
				return ""
			}
		}
	}
	return fmt.Sprintf("No replication rule to %s covers the repositories starting with %q, so the backfill would "+
		"not copy them. "+
		"The backfill copies what the destination's rules select; add the filter to a rule first.", dest, filter)
}

func backfillLine(b *ecrapi.Backfill) string {
	line := "backfill " + b.ID + " " + b.Status
	if b.Progress != nil {
		line += fmt.Sprintf(": %d of %d replications complete, %d failed", b.Progress.Completed, b.Progress.Total, b.Progress.Failed)
		if len(b.Progress.FailureCodes) > 0 {
			line += " (" + strings.Join(b.Progress.FailureCodes, ", ") + ")"
		}
	}
	if b.FailureCode != "" {
		line += "; failure code " + b.FailureCode
	}
	return line
}

func inFilter(r ecrapi.BackfillResult, filter string) bool {
	return filter == "" || strings.HasPrefix(r.Repository, filter)
}

func resultSummary(results []ecrapi.BackfillResult, filter string) string {
	complete, failed := 0, 0
	for _, r := range results {
		if !inFilter(r, filter) {
			continue
		}
		if r.Status == "COMPLETE" {
			complete++
		} else {
			failed++
		}
	}
	scope := "every repository"
	if filter != "" {
		scope = fmt.Sprintf("repositories starting with %q", filter)
	}
	return fmt.Sprintf("%d images copied, %d failed (%s)%s", complete, failed, scope, failedResults(results, filter))
}

// failedResults names up to 10 failed images.
func failedResults(results []ecrapi.BackfillResult, filter string) string {
	var lines []string
	for _, r := range results {
		if r.Status == "FAILED" && inFilter(r, filter) && len(lines) < 10 {
			lines = append(lines, fmt.Sprintf("%s@%s: %s", r.Repository, r.Digest, r.FailureCode))
		}
	}
	if len(lines) == 0 {
		return ""
	}
	return "\nfailed: " + strings.Join(lines, "; ")
}

func timeoutOr(s types.String, def time.Duration) time.Duration {
	if d, err := time.ParseDuration(s.ValueString()); err == nil && d > 0 {
		return d
	}
	return def
}
