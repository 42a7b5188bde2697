# The import ID is repository:tag.
terraform import ecrgov_image_tag.release team/api:v1.4.2
