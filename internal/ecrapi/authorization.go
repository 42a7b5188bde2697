package ecrapi

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/imageref"
)

// RegistryCredentials are Docker registry credentials for one ECR registry. They are secrets:
// never log or persist them.
type RegistryCredentials struct {
	UserName           string
	Password           string
	AuthorizationToken string // base64 of "user:password", as Docker's auths config wants it
	ProxyEndpoint      string
	ExpiresAt          time.Time
}

// GetRegistryCredentials calls GetAuthorizationToken. The token works for every registry the
// caller may access (the API reference deprecates registryIds for that reason), so the Client's
// registry (see InRegistry) only chooses the proxy endpoint returned; the region completes it.
func (c *Client) GetRegistryCredentials(ctx context.Context) (RegistryCredentials, error) {
	out, err := c.api.GetAuthorizationToken(ctx, &ecr.GetAuthorizationTokenInput{})
	if err != nil {
		return RegistryCredentials{}, err
	}
	if len(out.AuthorizationData) == 0 {
		return RegistryCredentials{}, errors.New("ECR returned no authorization data")
	}
	data := out.AuthorizationData[0]
	token := aws.ToString(data.AuthorizationToken)
	decoded, err := base64.StdEncoding.DecodeString(token)
	if err != nil {
		return RegistryCredentials{}, errors.New("ECR returned an authorization token that is not base64") // never echo the token
	}
	user, password, ok := strings.Cut(string(decoded), ":")
	if !ok {
		return RegistryCredentials{}, errors.New("ECR returned an authorization token without user:password")
	}
	creds := RegistryCredentials{
		UserName: user, Password: password, AuthorizationToken: token,
		ProxyEndpoint: aws.ToString(data.ProxyEndpoint), ExpiresAt: aws.ToTime(data.ExpiresAt),
	}
	if c.registryID != "" {
		creds.ProxyEndpoint = "https://" + imageref.RegistryHost(c.registryID, c.Region)
	}
	return creds, nil
}
