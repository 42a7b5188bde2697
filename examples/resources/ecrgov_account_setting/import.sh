# The import ID is the setting name.
terraform import ecrgov_account_setting.blob_mounting BLOB_MOUNTING
