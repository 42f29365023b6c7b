"""Ny: scaffolding for a new unit and a new period."""
