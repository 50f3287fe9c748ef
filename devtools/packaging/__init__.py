"""Release packaging: Linux packages and the signed checksums of every release file."""
