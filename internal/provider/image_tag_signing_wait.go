package provider

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// applyGuardsOutcome checks the guards at apply, waiting within timeout while signing is
// IN_PROGRESS, as a restore is waited for. ECR signs images "as they are pushed using the
// identity of the entity pushing the image" (User Guide, managed signing), asynchronously, and
// DescribeImageSigningStatus reports IN_PROGRESS until it ends COMPLETE or FAILED; a promotion
// right after a push would otherwise fail on a signature that is seconds away.
func (r *imageTagResource) applyGuardsOutcome(
	ctx context.Context, m imageTagModel, timeout time.Duration) (guardOutcome, error,
) {
	var out guardOutcome
	var checkErr error
	waitErr := pollUntil(ctx, timeout, func(ctx context.Context) bool {
		got, err := r.checkGuards(ctx, m)
		if err != nil && ctx.Err() != nil {
			return false // the wait ended during the check; the last outcome stands
		}
		out, checkErr = got, err
		return err != nil || len(out.problems) > 0 || len(out.pending) == 0
	})
	if checkErr != nil || waitErr == nil {
		return out, checkErr
	}
	if !errors.Is(waitErr, context.DeadlineExceeded) {
		return out, waitErr
	}
	for _, p := range out.pending {
		out.problems = append(out.problems, fmt.Sprintf("require_signed: %s It was still in progress after %s; nothing "+
			"was tagged. Apply again, or raise timeouts.", p, timeout))
	}
	out.pending = nil
	return out, nil
}
