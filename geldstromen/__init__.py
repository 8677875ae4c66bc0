"""Geldstromen in de wijk: money flows per Dutch gemeente, wijk and buurt."""

__version__ = "0.1.0"
