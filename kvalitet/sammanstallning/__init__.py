"""Sammanställning: the huvudman's compilation across the units, and its CSV and XLSX."""
