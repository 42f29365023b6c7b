"""Grund: what every stage shares: located problems, Swedish number formats, atomic writes."""
