package ecrapi

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/ecr"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"
)

// Config is the provider configuration after Terraform values have been read. Empty fields fall
// back to the standard SDK chain: environment, shared files, SSO, web identity and IMDS.
type Config struct {
	Region                 string
	Profile                string
	SharedConfigFiles      []string
	SharedCredentialsFiles []string
	AccessKey              string
	SecretKey              string
	Token                  string
	AssumeRole             *AssumeRole
	Endpoint               string // ECR API; empty leaves AWS_ENDPOINT_URL_ECR / AWS_ENDPOINT_URL to the SDK
	STSEndpoint            string
	MaxRetries             *int          // nil is DefaultMaxRetries
	NoAnswerTimeout        time.Duration // 0 is DefaultNoAnswerTimeout
	AllowedAccountIDs      []string
	ForbiddenAccountIDs    []string
	UserAgentVersion       string
}

// AssumeRole configures an stscreds role session.
type AssumeRole struct {
	RoleARN     string
	SessionName string
	ExternalID  string
	Duration    time.Duration
}

// Client is what Configure hands to every resource, data source, ephemeral resource and function:
// the one way to ECR. Its methods take the repository first and act on the caller's own registry
// unless the Client came from InRegistry.
type Client struct {
	api        *ecr.Client
	Region     string
	registryID string      // "" is the caller's own registry
	retryer    aws.Retryer // for the calls this package retries itself (see retryOwn)
	own        *ownRegistry
	contact    *firstContact
	// replication serialises this client's replication configuration changes (replication.go).
	replication *replicationLock
}

// InRegistry returns a Client whose calls address another account's registry (cross-account
// reads). An empty id is the caller's own registry.
func (c *Client) InRegistry(id string) *Client {
	cp := *c
	cp.registryID = id
	return &cp
}

// SDK returns the underlying ECR client, for the test harness and the seed tooling, which act
// on the registry independently of the code under test. The provider never calls it.
func (c *Client) SDK() *ecr.Client { return c.api }

// registry is the RegistryId field of a request: nil for the caller's own registry.
func (c *Client) registry() *string {
	if c.registryID == "" {
		return nil
	}
	return aws.String(c.registryID)
}

// ErrSTSFailed wraps a failed STS GetCallerIdentity call made to check the account lists.
var ErrSTSFailed = errors.New("calling STS GetCallerIdentity to check the account lists")

// ErrNoRegion is returned when neither the configuration nor the SDK chain names a region.
var ErrNoRegion = errors.New("no AWS region: set region in the provider block, AWS_REGION, or a profile's region")

// New builds the ECR client once. It makes no network call unless an account allow or deny list
// is configured, in which case it calls STS GetCallerIdentity once.
func New(ctx context.Context, c Config) (*Client, error) {
	cfg, err := c.loadAWSConfig(ctx)
	if err != nil {
		return nil, err
	}
	if cfg.Region == "" {
		return nil, ErrNoRegion
	}
	if len(c.AllowedAccountIDs) > 0 || len(c.ForbiddenAccountIDs) > 0 {
		if err := c.checkAccount(ctx, cfg); err != nil {
			return nil, err
		}
	}
	contact := newFirstContact(c.NoAnswerTimeout)
	client := ecr.NewFromConfig(cfg, func(o *ecr.Options) {
		if c.Endpoint != "" {
			o.BaseEndpoint = aws.String(c.Endpoint)
		}
		o.APIOptions = append(o.APIOptions, contact.register)
	})
	return &Client{api: client, Region: cfg.Region, retryer: newRetryer(c.MaxRetries), own: &ownRegistry{}, contact: contact,
		replication: &replicationLock{}}, nil
}

func (c Config) loadAWSConfig(ctx context.Context) (aws.Config, error) {
	opts := []func(*config.LoadOptions) error{
		config.WithRetryer(func() aws.Retryer { return newRetryer(c.MaxRetries) }),
		config.WithHTTPClient(newHTTPClient()),
		config.WithAPIOptions([]func(*middleware.Stack) error{
			awsmiddleware.AddUserAgentKeyValue("terraform-provider-ecrgov", c.UserAgentVersion),
		}),
	}
	if c.Region != "" {
		opts = append(opts, config.WithRegion(c.Region))
	}
	if c.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(c.Profile))
	}
	if len(c.SharedConfigFiles) > 0 {
		opts = append(opts, config.WithSharedConfigFiles(c.SharedConfigFiles))
	}
	if len(c.SharedCredentialsFiles) > 0 {
		opts = append(opts, config.WithSharedCredentialsFiles(c.SharedCredentialsFiles))
	}
	if c.AccessKey != "" {
		opts = append(opts, config.WithCredentialsProvider(
			credentials.NewStaticCredentialsProvider(c.AccessKey, c.SecretKey, c.Token)))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("loading AWS configuration: %w", err)
	}
	if c.AssumeRole != nil {
		ar := *c.AssumeRole
		provider := stscreds.NewAssumeRoleProvider(c.stsClient(cfg), ar.RoleARN, func(o *stscreds.AssumeRoleOptions) {
			if ar.SessionName != "" {
				o.RoleSessionName = ar.SessionName
			}
			if ar.ExternalID != "" {
				o.ExternalID = aws.String(ar.ExternalID)
			}
			if ar.Duration > 0 {
				o.Duration = ar.Duration
			}
		})
		cfg.Credentials = aws.NewCredentialsCache(provider)
	}
	return cfg, nil
}

func (c Config) stsClient(cfg aws.Config) *sts.Client {
	return sts.NewFromConfig(cfg, func(o *sts.Options) {
		if c.STSEndpoint != "" {
			o.BaseEndpoint = aws.String(c.STSEndpoint)
		}
	})
}

// AccountNotAllowedError names the account that the credentials resolve to and the list that
// rejected it.
type AccountNotAllowedError struct {
	AccountID string
	Reason    string
}

func (e *AccountNotAllowedError) Error() string {
	return fmt.Sprintf("the credentials resolve to AWS account %s, which %s", e.AccountID, e.Reason)
}

func (c Config) checkAccount(ctx context.Context, cfg aws.Config) error {
	out, err := c.stsClient(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return fmt.Errorf("%w: %w", ErrSTSFailed, err)
	}
	account := aws.ToString(out.Account)
	if len(c.AllowedAccountIDs) > 0 && !slices.Contains(c.AllowedAccountIDs, account) {
		return &AccountNotAllowedError{AccountID: account, Reason: fmt.Sprintf("is not in allowed_account_ids %v", c.AllowedAccountIDs)}
	}
	if slices.Contains(c.ForbiddenAccountIDs, account) {
		return &AccountNotAllowedError{AccountID: account, Reason: "is listed in forbidden_account_ids"}
	}
	return nil
}
