"""What this machine knows about the helper: where its data lives, the running helper's
address, the API token, and the extension's pinned identities."""
