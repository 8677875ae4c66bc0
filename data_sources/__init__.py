"""Ingestion: one module per source. Each exposes ``vind(data_dir) -> list[Bestand]``."""
