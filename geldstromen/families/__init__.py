"""Money-flow families computed from the store (no Streamlit): gemeente, huishoudens, zorg.

Each module exposes ``<familie>_flows(engine, gemeente_code, niveau, jaar, ...)`` returning a
frame with ``geldstromen.domain.geldstroom.GELDSTROOM_COLUMNS``. ``cached`` wraps them for the
app; the CLI calls them directly.
"""
