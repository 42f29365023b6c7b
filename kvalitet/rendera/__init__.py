"""Rendera: the Jinja environment (project templates before the built-in ones), filters and
Markdown to safe HTML."""
