"""``python -m geldstromen.cli`` = the ``geldstromen`` command."""

from geldstromen.cli import main

main()
