package ecrapi

import (
	"context"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
)

// ownRegistry caches the caller's registry ID: it never changes for a client.
type ownRegistry struct {
	mu sync.Mutex
	id string
}

// RegistryID returns the registry the client addresses: the InRegistry ID, or the caller's own,
// which DescribeRegistry reports (one call per client, then cached). Plans use it to know
// repository URLs before anything is created.
func (c *Client) RegistryID(ctx context.Context) (string, error) {
	if c.registryID != "" {
		return c.registryID, nil
	}
	c.own.mu.Lock()
	defer c.own.mu.Unlock()
	if c.own.id != "" {
		return c.own.id, nil
	}
	out, err := c.api.DescribeRegistry(ctx, &ecr.DescribeRegistryInput{})
	if err != nil {
		return "", err
	}
	c.own.id = aws.ToString(out.RegistryId)
	return c.own.id, nil
}
