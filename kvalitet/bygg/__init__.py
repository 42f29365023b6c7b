"""Bygg: what to build and why (the plan), and building it: worker pool, PDF, cache, output folder."""
