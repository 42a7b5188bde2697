# Unit tests: `opa test examples/policy`. The plans are trimmed `terraform show -json` output.
# AWS, Kubernetes and Helm resources are covered here; the end-to-end test
# (scripts/test-policy.sh) plans real ecrgov configurations against the local ECR emulator.
package ecrgov.policy_test

import rego.v1

import data.ecrgov.policy

change(type, name, after) := {
	"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type, "name": name,
	"change": {"actions": ["create"], "after": after},
}

untagged_expiry := json.marshal({"rules": [{
	"rulePriority": 1,
	"selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days", "countNumber": 7},
	"action": {"type": "expire"},
}]})

releases_only := json.marshal({"rules": [{
	"rulePriority": 1,
	"selection": {"tagStatus": "tagged", "tagPatternList": ["v*"], "countType": "imageCountMoreThan", "countNumber": 30},
	"action": {"type": "expire"},
}]})

digest := "sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b"

lenient := {"allowed_exclusions": ["latest"], "require_max_affected_images": false}

test_compliant_aws_plan if {
	plan := {"resource_changes": [
		change("aws_ecr_repository", "app", {
			"name": "team/app", "image_tag_mutability": "IMMUTABLE_WITH_EXCLUSION",
			"image_tag_mutability_exclusion_filter": [{"filter": "latest", "filter_type": "WILDCARD"}],
		}),
		change("aws_ecr_lifecycle_policy", "app", {"repository": "team/app", "policy": untagged_expiry}),
		change("aws_ecs_task_definition", "app", {"container_definitions": json.marshal([{"name": "app", "image": concat("", ["123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app@", digest])}])}),
	]}
	count(policy.deny) == 0 with input as plan with data.ecrgov.settings as lenient
}

test_aws_repository_mutable_and_no_policy if {
	plan := {"resource_changes": [change("aws_ecr_repository", "app", {"name": "team/app", "image_tag_mutability": "MUTABLE"})]}
	policy.deny == {
		"aws_ecr_repository.app: tags are MUTABLE; use IMMUTABLE or IMMUTABLE_WITH_EXCLUSION",
		"aws_ecr_repository.app: no lifecycle policy; add one that expires untagged images",
	} with input as plan with data.ecrgov.settings as lenient
}

test_aws_repository_defaults_to_mutable if {
	plan := {"resource_changes": [
		change("aws_ecr_repository", "app", {"name": "team/app"}),
		change("aws_ecr_lifecycle_policy", "app", {"repository": "team/app", "policy": untagged_expiry}),
	]}
	policy.deny == {"aws_ecr_repository.app: tags are MUTABLE; use IMMUTABLE or IMMUTABLE_WITH_EXCLUSION"} with input as plan with data.ecrgov.settings as lenient
}

test_overlay_governs_an_aws_repository if {
	plan := {"resource_changes": [
		change("aws_ecr_repository", "legacy", {"name": "legacy/app", "image_tag_mutability": "MUTABLE"}),
		change("ecrgov_repository_tag_mutability", "legacy", {"repository": "legacy/app", "image_tag_mutability": "IMMUTABLE", "image_tag_mutability_exclusion_filters": null}),
		change("aws_ecr_lifecycle_policy", "legacy", {"repository": "legacy/app", "policy": untagged_expiry}),
	]}
	count(policy.deny) == 0 with input as plan with data.ecrgov.settings as lenient
}

test_exception_outside_the_allow_list if {
	plan := {"resource_changes": [
		change("ecrgov_repository", "app", {"name": "team/app", "image_tag_mutability": "IMMUTABLE_WITH_EXCLUSION", "image_tag_mutability_exclusion_filters": ["latest", "dev-*"]}),
		change("ecrgov_lifecycle_policy", "app", {"repository": "team/app", "policy_json": untagged_expiry, "max_affected_images": 10}),
	]}
	policy.deny == {`ecrgov_repository.app: tag exception "dev-*" is not allowed (allowed: latest)`} with input as plan with data.ecrgov.settings as lenient
}

test_policy_without_untagged_expiry if {
	plan := {"resource_changes": [
		change("ecrgov_repository", "app", {"name": "team/app", "image_tag_mutability": "IMMUTABLE"}),
		change("ecrgov_lifecycle_policy", "app", {"repository": "team/app", "policy_json": releases_only}),
	]}
	policy.deny == {"ecrgov_repository.app: the lifecycle policy never expires untagged images"} with input as plan with data.ecrgov.settings as lenient
}

test_deleted_resources_are_ignored if {
	gone := object.union(change("aws_ecr_repository", "old", {"name": "old"}), {"change": {"actions": ["delete"], "after": null}})
	count(policy.deny) == 0 with input as {"resource_changes": [gone]} with data.ecrgov.settings as lenient
}

test_unpinned_task_definition if {
	defs := json.marshal([
		{"name": "web", "image": "nginx:latest"},
		{"name": "app", "image": concat("", ["team/app@", digest])},
	])
	plan := {"resource_changes": [change("aws_ecs_task_definition", "svc", {"container_definitions": defs})]}
	policy.deny == {`aws_ecs_task_definition.svc: container "web" uses "nginx:latest"; pin it by digest (repo@sha256:...)`} with input as plan with data.ecrgov.settings as lenient
}

test_unpinned_kubernetes_deployment if {
	after := {"spec": [{"template": [{"spec": [{"container": [
		{"name": "a", "image": "team/app:v1"},
		{"name": "b", "image": concat("", ["team/app@", digest])},
	]}]}]}]}
	plan := {"resource_changes": [change("kubernetes_deployment_v1", "app", after)]}
	policy.deny == {`kubernetes_deployment_v1.app: image "team/app:v1" is not pinned by digest`} with input as plan with data.ecrgov.settings as lenient
}

test_unpinned_helm_values if {
	values := "image:\n  repository: team/app\n  tag: v1\nsidecar:\n  image: busybox:1.36\npinned:\n  image:\n    repository: team/app\n    digest: sha256:abc\n"
	plan := {"resource_changes": [change("helm_release", "app", {"values": [values]})]}
	policy.deny == {
		"helm_release.app: helm value image is not pinned by digest",
		"helm_release.app: helm value sidecar.image is not pinned by digest",
	} with input as plan with data.ecrgov.settings as lenient
}

test_max_affected_images_required_when_configured if {
	plan := {"resource_changes": [
		change("ecrgov_repository", "app", {"name": "team/app", "image_tag_mutability": "IMMUTABLE"}),
		change("ecrgov_lifecycle_policy", "app", {"repository": "team/app", "policy_json": untagged_expiry, "max_affected_images": null}),
	]}
	policy.deny == {"ecrgov_lifecycle_policy.app: set max_affected_images so that a review sees a bound on what the policy deletes"} with input as plan
		with data.ecrgov.settings as {"require_max_affected_images": true}
	count(policy.deny) == 0 with input as plan with data.ecrgov.settings as lenient
}

# --- Repository creation templates ---

test_template_with_immutable_tags_and_untagged_expiry_passes if {
	plan := {"resource_changes": [change("ecrgov_repository_creation_template", "team", {"prefix": "team", "image_tag_mutability": "IMMUTABLE", "lifecycle_policy_json": untagged_expiry})]}
	count(policy.deny) == 0 with input as plan with data.ecrgov.settings as lenient
}

test_template_tags_mutable if {
	plan := {"resource_changes": [change("aws_ecr_repository_creation_template", "cache", {"prefix": "ROOT", "lifecycle_policy": untagged_expiry})]}
	policy.deny == {"aws_ecr_repository_creation_template.cache: repositories this template creates have MUTABLE tags; use IMMUTABLE or IMMUTABLE_WITH_EXCLUSION (TEMPLATE_TAGS_MUTABLE)"} with input as plan with data.ecrgov.settings as lenient
}

test_template_no_lifecycle_policy if {
	plan := {"resource_changes": [change("ecrgov_repository_creation_template", "team", {"prefix": "team", "image_tag_mutability": "IMMUTABLE", "lifecycle_policy_json": null})]}
	policy.deny == {"ecrgov_repository_creation_template.team: repositories this template creates get no lifecycle policy (TEMPLATE_NO_LIFECYCLE_POLICY)"} with input as plan with data.ecrgov.settings as lenient
}

test_template_no_untagged_expiry if {
	plan := {"resource_changes": [change("ecrgov_repository_creation_template", "team", {"prefix": "team", "image_tag_mutability": "IMMUTABLE", "lifecycle_policy_json": releases_only})]}
	policy.deny == {"ecrgov_repository_creation_template.team: the template's lifecycle policy never expires untagged images (TEMPLATE_NO_UNTAGGED_EXPIRY)"} with input as plan with data.ecrgov.settings as lenient
}
