"""The benchmark behind ``geldstromen bench``: every figure next to its baseline, one run."""
