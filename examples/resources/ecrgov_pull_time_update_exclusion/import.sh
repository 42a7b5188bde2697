# The import ID is the principal ARN.
terraform import 'ecrgov_pull_time_update_exclusion.readers["arn:aws:iam::123456789012:role/image-scanner"]' arn:aws:iam::123456789012:role/image-scanner
