"""Visa: the live preview in the browser and the watcher of saved files."""
