package ecrapi

import (
	"context"
	"encoding/base64"
	"errors"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
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

// GetRegistryCredentials calls GetAuthorizationToken for the caller's registry or registryID.
func GetRegistryCredentials(ctx context.Context, client *ecr.Client, registryID string) (RegistryCredentials, error) {
	in := &ecr.GetAuthorizationTokenInput{}
	if registryID != "" {
		// registryIds is deprecated in the API reference, but it is still the only way to
		// name another registry, and ECR honours it.
		in.RegistryIds = []string{registryID}
	}
	out, err := client.GetAuthorizationToken(ctx, in)
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
	return RegistryCredentials{
		UserName: user, Password: password, AuthorizationToken: token,
		ProxyEndpoint: aws.ToString(data.ProxyEndpoint), ExpiresAt: aws.ToTime(data.ExpiresAt),
	}, nil
}
