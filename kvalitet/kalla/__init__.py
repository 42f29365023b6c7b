"""Källa: finding the project and its periods; YAML files to plain data with line and column."""
