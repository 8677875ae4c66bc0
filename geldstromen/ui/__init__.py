"""Reusable Streamlit widgets and renderers."""
