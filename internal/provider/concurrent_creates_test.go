package provider_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/ecrgov/terraform-provider-ecrgov/internal/acctest"
	"github.com/ecrgov/terraform-provider-ecrgov/internal/ecrapi"
)

// Two applies that create the same objects at the same moment: each object has exactly one
// owner, and the other apply gets the "already exists: import it" error. Before the settle rule
// asked whether an earlier attempt of the call may have acted, both applies took every
// repository and template as their own (it was new, with the same settings), and destroying one
// state deleted what the other still managed.

func TestAccRepository_concurrentCreates(t *testing.T) {
	base := acctest.RandomName("race")
	testAccRaceCreates(t, 5, ecrapi.ErrRepositoryExists,
		func(c *ecrapi.Client, i int) error {
			_, err := c.CreateRepository(context.Background(), ecrapi.RepositorySpec{
				Name: fmt.Sprintf("%s/app-%d", base, i), TagMutability: "IMMUTABLE", ScanOnPush: true, EncryptionType: "AES256",
			})
			return err
		},
		func(c *ecrapi.Client, i int) error {
			return c.DeleteRepository(context.Background(), fmt.Sprintf("%s/app-%d", base, i), true)
		})
}

func TestAccRepositoryCreationTemplate_concurrentCreates(t *testing.T) {
	base := acctest.RandomName("race")
	testAccRaceCreates(t, 3, ecrapi.ErrTemplateExists,
		func(c *ecrapi.Client, i int) error {
			_, err := c.CreateCreationTemplate(context.Background(), ecrapi.CreationTemplateSpec{
				Prefix: fmt.Sprintf("%s/t%d", base, i), AppliedFor: []string{"CREATE_ON_PUSH"}, TagMutability: "IMMUTABLE",
			})
			return err
		},
		func(c *ecrapi.Client, i int) error {
			return c.DeleteCreationTemplate(context.Background(), fmt.Sprintf("%s/t%d", base, i))
		})
}

func TestAccPullTimeUpdateExclusion_concurrentRegisters(t *testing.T) {
	acctest.RequiresEmulator(t, "registers made-up principals")
	role := acctest.RandomName("race")
	arn := func(i int) string { return fmt.Sprintf("arn:aws:iam::123456789012:role/%s-%d", role, i) }
	testAccRaceCreates(t, 3, ecrapi.ErrExclusionExists,
		func(c *ecrapi.Client, i int) error { return c.RegisterPullTimeExclusion(context.Background(), arn(i)) },
		func(c *ecrapi.Client, i int) error {
			return c.DeregisterPullTimeExclusion(context.Background(), arn(i))
		})
}

// testAccRaceCreates makes n objects twice at once, through two clients (two applies), and
// expects exactly one create of each to succeed and the other to fail with exists.
func testAccRaceCreates(t *testing.T, n int, exists error, create, remove func(c *ecrapi.Client, i int) error) {
	clients := [2]*ecrapi.Client{acctest.Client(t), acctest.Client(t)}
	t.Cleanup(func() {
		for i := range n {
			if err := remove(clients[0], i); err != nil {
				t.Errorf("cleaning up %d: %v", i, err)
			}
		}
	})
	errs := make([][2]error, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		for side := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				errs[i][side] = create(clients[side], i)
			}()
		}
	}
	close(start)
	wg.Wait()
	for i, e := range errs {
		owners := 0
		for _, err := range e {
			switch {
			case err == nil:
				owners++
			case !errors.Is(err, exists):
				t.Errorf("object %d: %v, want success or %v", i, err, exists)
			}
		}
		if owners != 1 {
			t.Errorf("object %d has %d owners, want exactly 1 (errors: %v, %v)", i, owners, e[0], e[1])
		}
	}
}
