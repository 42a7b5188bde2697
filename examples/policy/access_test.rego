# Unit tests: `opa test examples/policy`.
package ecrgov.access_test

import rego.v1

import data.ecrgov.access

change(type, name, after) := {
	"address": sprintf("%s.%s", [type, name]), "mode": "managed", "type": type, "name": name,
	"change": {"actions": ["create"], "after": after},
}

public_finding := {"code": "PUBLIC_POLICY", "sid": "PublicPull", "detail": "Principal \"*\" with no condition"}

test_ecrgov_public_is_denied if {
	plan := {"resource_changes": [change("ecrgov_repository_policy", "app", {"repository": "team/app", "findings": [public_finding]})]}
	access.deny == {"ecrgov_repository_policy.app: PUBLIC_POLICY in statement PublicPull: Principal \"*\" with no condition"} with input as plan
}

test_ecrgov_public_allowed_by_settings if {
	plan := {"resource_changes": [change("ecrgov_repository_policy", "app", {"repository": "public/app", "findings": [public_finding]})]}
	count(access.deny) == 0 with input as plan with data.ecrgov.settings as {"allowed_public_repositories": ["public/app"]}
}

test_ecrgov_untrusted_and_warnings if {
	plan := {"resource_changes": [change("ecrgov_registry_policy", "this", {"findings": [
		{"code": "UNTRUSTED_ACCOUNT", "sid": "S1", "detail": "d"},
		{"code": "WRITE_TO_OTHER_ACCOUNT", "sid": "S2", "detail": "w"},
	]})]}
	access.deny == {"ecrgov_registry_policy.this: UNTRUSTED_ACCOUNT in statement S1: d"} with input as plan
}

test_ecrgov_unknown_findings_are_denied if {
	rc := change("ecrgov_repository_policy", "app", {"repository": "team/app"})
	plan := {"resource_changes": [object.union(rc, {"change": {"actions": ["create"], "after": {"repository": "team/app"}, "after_unknown": {"findings": true}}})]}
	count(access.deny) == 1 with input as plan
}

test_deleted_policies_are_ignored if {
	rc := change("ecrgov_repository_policy", "app", {"repository": "team/app", "findings": [public_finding]})
	plan := {"resource_changes": [object.union(rc, {"change": {"actions": ["delete"], "after": null}})]}
	count(access.deny) == 0 with input as plan
}

test_aws_public_policy_is_denied if {
	policy := json.marshal({"Version": "2012-10-17", "Statement": [{"Sid": "AllowPull", "Effect": "Allow", "Principal": "*", "Action": ["ecr:BatchGetImage"]}]})
	plan := {"resource_changes": [change("aws_ecr_repository_policy", "app", {"repository": "team/app", "policy": policy})]}
	count(access.deny) == 1 with input as plan
}

test_aws_org_policy_passes if {
	policy := json.marshal({"Statement": {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "ecr:BatchGetImage", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}}})
	plan := {"resource_changes": [change("aws_ecr_repository_policy", "app", {"repository": "team/app", "policy": policy})]}
	count(access.deny) == 0 with input as plan
}

test_aws_null_condition_does_not_narrow if {
	policy := json.marshal({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "ecr:BatchGetImage", "Condition": {"Null": {"aws:SourceVpce": "false"}}}]})
	plan := {"resource_changes": [change("aws_ecr_registry_policy", "this", {"policy": policy})]}
	access.deny == {"aws_ecr_registry_policy.this: PUBLIC_POLICY in statement #1: everyone can use it; narrow it with aws:PrincipalOrgID (or manage it with ecrgov_repository_policy)"} with input as plan
}
