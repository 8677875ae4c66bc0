"""The Scenario page (Streamlit); app_pages/scenario.py calls ``pagina.render``."""
