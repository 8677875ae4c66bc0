"""Start page shown when no data has been ingested yet."""

from geldstromen.ui import start

start.render()
