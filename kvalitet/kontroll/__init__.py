"""Kontroll: every check of the files: model errors as located Swedish messages, cross-checks,
styrtal against the plan, and reading a whole period with its history."""
