"""The Scenario ("wie betaalt, wie profiteert"): assumptions computed per party and year.

Everything here is labelled ``methode = scenario`` and is never mixed with observed, allocated
or estimated money: the rest of the package (families, domain, rapport, the export CLI, ui,
cached) never imports this package, a rule checked by import-linter (pyproject.toml).

Layers, top to bottom (each module imports only those below it):

- ``app``: the Streamlit page (``pagina``, ``invoer``, ``stromen``, ``grafieken``, ``cache``)
- ``cli``: ``geldstromen scenario``
- ``rapport``: the scenario pages of the PDF
- ``opslag``: read-only inputs from the store (indicators, energy prices, a region's flows)
- ``gegevens`` | ``link`` | ``stromen``: defaults from the store's frames and the export table;
  the URL form of a config; before/after links
- ``config``: the catalogue (interventies.yaml) and a config's validation and defaults
- ``model``: the cash-flow arithmetic
- ``belasting``: energy-tax rates (energiebelasting.csv)
"""
