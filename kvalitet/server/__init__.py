"""The multi-user server (``kvalitet server``): login, sessions, rights, above the editor."""
