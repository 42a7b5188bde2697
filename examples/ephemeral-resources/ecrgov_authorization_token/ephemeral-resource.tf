# Registry credentials that exist only while Terraform runs: never in the plan or the state.
ephemeral "ecrgov_authorization_token" "ecr" {}

provider "docker" {
  registry_auth {
    address  = trimprefix(ephemeral.ecrgov_authorization_token.ecr.proxy_endpoint, "https://")
    username = ephemeral.ecrgov_authorization_token.ecr.user_name
    password = ephemeral.ecrgov_authorization_token.ecr.password
  }
}
