package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// Waiting on ECR, shared by the image tag resource and the image actions: a backing-off poll
// and the wait for a restored image to become ACTIVE.

// defaultRestoreTimeout is how long a restore of an archived image is waited for unless the
// configuration's timeouts (or an action's timeout) say otherwise.
const defaultRestoreTimeout = 30 * time.Minute

// pollUntil calls done until it reports true, backing off from 1 s to 15 s, and fails when
// timeout passes first. The image tag guards and the image actions wait with it.
func pollUntil(ctx context.Context, timeout time.Duration, done func(context.Context) bool) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	delay := time.Second
	for !done(ctx) {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(delay):
		}
		delay = min(2*delay, 15*time.Second)
	}
	return nil
}

// waitActive polls the image until it is ACTIVE, within timeout.
func waitActive(ctx context.Context, client *ecrapi.Client, repo, digest string, timeout time.Duration) error {
	status := "not ACTIVE"
	err := pollUntil(ctx, timeout, func(ctx context.Context) bool {
		img, err := client.FindImage(ctx, repo, ecrapi.ImageID{Digest: digest})
		if err == nil {
			status = img.Status
		}
		return err == nil && img.Status == ecrapi.ImageStatusActive
	})
	if err != nil {
		// The poll's reads share its deadline, so on a loaded machine the last one may not have
		// answered; one more read, bounded on its own, names the status the user is told.
		readCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		if img, err := client.FindImage(readCtx, repo, ecrapi.ImageID{Digest: digest}); err == nil {
			status = img.Status
		}
		return fmt.Errorf("%s is still %s after %s", digest, status, timeout)
	}
	return nil
}
