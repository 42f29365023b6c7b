"""The independent accessibility checkers (pdfua, outloud, vnu, axe-core), run on the example."""
