# In a module's terraform test: prove that every repository the team pushes gets the team's
# template, not ROOT's, whatever templates other modules add.
data "ecrgov_repository_creation_templates" "all" {}

check "team_repositories_are_governed" {
  assert {
    condition = provider::ecrgov::creation_template_for(
      "team/new-service",
      data.ecrgov_repository_creation_templates.all.templates,
      "CREATE_ON_PUSH",
    ) == "team"
    error_message = "A push to team/new-service would not be created from the team template."
  }
}
