variable "image_digest" {
  type    = string
  default = "sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b"
}

# "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api@sha256:6c3c..." — the tag is dropped.
output "pinned" {
  value = provider::ecrgov::pin_image("123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:latest", var.image_digest)
}
