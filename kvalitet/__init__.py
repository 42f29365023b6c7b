"""kvalitet: kvalitetsrapporter för systematiskt kvalitetsarbete, från YAML till HTML och PDF."""

__version__ = "0.1.0"
