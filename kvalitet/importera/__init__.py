"""Importera: statistics from Skolverket and Kolada, and a municipality's own surveys, read from
files the user exported and written into the units' files (``kvalitet importera``)."""
