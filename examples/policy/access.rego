# Who can reach an image, for `terraform show -json` plan output. Run with:
#   opa eval -d examples/policy -i plan.json 'data.ecrgov.access.deny'
#
# ecrgov_repository_policy and ecrgov_registry_policy carry their analysis in the plan
# (`findings`, computed at plan by the provider): a PUBLIC_POLICY or UNTRUSTED_ACCOUNT finding is
# denied, even where the configuration set allow_public = true, unless the repository is listed in
# the settings' `allowed_public_repositories`. The AWS provider's aws_ecr_repository_policy and
# aws_ecr_registry_policy carry only JSON: a statement that allows "*" (or {"AWS": "*"}) without a
# condition on aws:PrincipalOrgID, aws:SourceAccount, aws:PrincipalAccount, aws:SourceVpce or
# aws:SourceIp is denied as public.
package ecrgov.access

import rego.v1

default configured := {}

configured := data.ecrgov.settings

settings := object.union({"allowed_public_repositories": []}, configured)

planned contains rc if {
	some rc in input.resource_changes
	rc.mode == "managed"
	not rc.change.actions == ["delete"]
}

blocking_codes := {"PUBLIC_POLICY", "UNTRUSTED_ACCOUNT"}

# --- ecrgov: the provider's own findings. ---

deny contains msg if {
	some rc in planned
	rc.type in {"ecrgov_repository_policy", "ecrgov_registry_policy"}
	some f in object.get(rc.change.after, "findings", [])
	f.code in blocking_codes
	not allowed_public(rc, f)
	msg := sprintf("%s: %s in statement %s: %s", [rc.address, f.code, f.sid, f.detail])
}

# A findings list the plan does not know yet (a policy computed at apply) cannot be judged.
deny contains msg if {
	some rc in planned
	rc.type in {"ecrgov_repository_policy", "ecrgov_registry_policy"}
	object.get(rc.change, "after_unknown", {}).findings == true
	msg := sprintf("%s: the policy is not known at plan, so who can reach the images cannot be reviewed", [rc.address])
}

allowed_public(rc, f) if {
	f.code == "PUBLIC_POLICY"
	rc.type == "ecrgov_repository_policy"
	rc.change.after.repository in settings.allowed_public_repositories
}

# --- The AWS provider's policies: JSON only. ---

restricting_keys := {"aws:principalorgid", "aws:sourceaccount", "aws:principalaccount", "aws:sourcevpce", "aws:sourceip"}

aws_policies contains {"address": rc.address, "repository": object.get(rc.change.after, "repository", ""), "policy": json.unmarshal(rc.change.after.policy)} if {
	some rc in planned
	rc.type in {"aws_ecr_repository_policy", "aws_ecr_registry_policy"}
	is_string(rc.change.after.policy)
}

statements(policy) := policy.Statement if is_array(policy.Statement)

statements(policy) := [policy.Statement] if is_object(policy.Statement)

public_principal(s) if s.Principal == "*"

public_principal(s) if s.Principal.AWS == "*"

public_principal(s) if {
	is_array(s.Principal.AWS)
	"*" in s.Principal.AWS
}

narrowed(s) if {
	some operator, keys in object.get(s, "Condition", {})
	lower(operator) != "null"
	some key, _ in keys
	lower(key) in restricting_keys
}

deny contains msg if {
	some p in aws_policies
	not p.repository in settings.allowed_public_repositories
	some i, s in statements(p.policy)
	s.Effect == "Allow"
	public_principal(s)
	not narrowed(s)
	msg := sprintf("%s: PUBLIC_POLICY in statement %s: everyone can use it; narrow it with aws:PrincipalOrgID (or manage it with ecrgov_repository_policy)", [p.address, object.get(s, "Sid", sprintf("#%d", [i + 1]))])
}
