"""Presentatie: one wijk's story on a projector, and the one-page report."""

from geldstromen.ui import filters, presentatie, vergelijk

groot = presentatie.presentatiemodus()
sel = filters.kies_gebied(pagina="presentatie", wijk_nodig=True)
if sel is not None:
    keuze = vergelijk.kies_regio(sel)
    if keuze is not None:
        presentatie.render(sel, keuze[0], groot)
