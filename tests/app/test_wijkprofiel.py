"""Wijkprofiel page on the synthetic fixture store (GM9999 Testdorp)."""

from __future__ import annotations


def _open(app):
    app.query_params["gemeente"] = "GM9999"
    app.run()
    app.switch_page("app_pages/wijkprofiel.py").run()
    assert not app.exception, app.exception
    return app


def test_wijkprofiel_shows_sankey_table_and_comparison(app):
    at = _open(app)
    assert at.selectbox(key="gemeente").value == "GM9999"
    assert len(at.get("plotly_chart")) >= 1
    text = " ".join(c.value for c in at.caption)
    assert "Mutaties reserves" in text  # 0.10 excluded and said so
    # key years stated, by their Dutch label (not the id "inwoners_aantal")
    assert "Sleuteljaren: " in text and "Inwoners 2019" in text
    assert "inwoners_aantal" not in text.split("Sleuteljaren: ")[1].split(".")[0]
    at.radio(key="wp_niveau").set_value("buurt").run()
    assert not at.exception
    at.radio(key="wp_kant").set_value("baten").run()
    assert not at.exception


def test_key_edit_changes_allocation_and_reset(app):
    at = _open(app)
    before = at.metric[0].value
    editor_df = at.session_state["wijkprofiel_sleutels"].copy()
    editor_df.loc[editor_df["taakveld_code"] == "6.3", "sleutel"] = "gemeentebreed"
    at.session_state["wijkprofiel_sleutels"] = editor_df
    at.run()
    assert not at.exception
    assert at.metric[0].value != before
    # the editor is built only while its expander is open (a rerun on opening)
    assert not [b for b in at.button if b.key == "sleutels_reset"]
    _open_part(at, "wp_sleutels_open")
    assert at.metric[0].value != before  # the session's keys survive the closed editor
    at.button(key="sleutels_reset").click().run()
    assert at.metric[0].value == before


def _open_part(at, key):
    """Open an on-demand expander of the page (as a click on it does) and rerun."""
    at.session_state[key] = True
    at.run()
    assert not at.exception, at.exception


def test_other_families_empty_and_filled(app):
    """Other families come from the same route (families.stromen) on the same KWB regions;
    the years combined are named in one line."""
    at = _open(app)
    assert any("Jaren in dit beeld" in c.value for c in at.caption)
    at.multiselect(key="wp_fam").set_value(["gemeente"]).run()
    assert not any("Andere families" in s.value for s in at.subheader)
    at.multiselect(key="wp_fam").set_value(["gemeente", "huishoudens", "zorg"]).run()
    assert not at.exception
    assert any("Andere families" in s.value for s in at.subheader)
    assert any("huishoudens KWB" in c.value for c in at.caption)


def test_own_keys_allocated_once_per_rerun(app, monkeypatch):
    """Own keys: the page and its income side share one allocation (session cache), and a
    rerun with unchanged keys does not allocate again."""
    from geldstromen.families import gemeente

    calls = []
    echt = gemeente.toerekening

    def tel(*args, **kwargs):
        calls.append(args[6] if len(args) > 6 else kwargs.get("sleutels"))
        return echt(*args, **kwargs)

    monkeypatch.setattr(gemeente, "toerekening", tel)
    at = _open(app)
    editor_df = at.session_state["wijkprofiel_sleutels"].copy()
    editor_df.loc[editor_df["taakveld_code"] == "6.3", "sleutel"] = "gemeentebreed"
    at.session_state["wijkprofiel_sleutels"] = editor_df
    calls.clear()
    at.run()
    assert not at.exception
    eigen = [s for s in calls if s is not None]
    assert len(eigen) == 1  # not again for the gemeentefonds income rows
    assert any(c.value.startswith("Dekking") for c in at.caption)
    assert any("Sleuteldekking" in c.value for c in at.caption)
    at.run()
    assert len([s for s in calls if s is not None]) == 1


def test_allocation_without_any_region_of_the_level_is_said(app, monkeypatch):
    """Issue 18 item 2: Iv3 2025 of a small gemeente (GM0415, real data) allocated nothing to
    its wijken (every row stayed gemeentebreed): `codes[0]` raised IndexError. Now a warning
    says so and the page stops there."""
    import copy

    from geldstromen.cached import stromen as cs

    echt = cs.stromen

    def alleen_gemeentebreed(*args, **kwargs):
        route = copy.copy(echt(*args, **kwargs))  # (the cached result is shared: no mutation)
        route.gemeente = {}
        for kant, res in echt(*args, **kwargs).gemeente.items():
            res = copy.copy(res)
            res.flows = res.flows[res.flows["niveau"] == "gemeente"]
            route.gemeente[kant] = res
        return route

    monkeypatch.setattr(cs, "stromen", alleen_gemeentebreed)
    at = _open(app)
    assert any("is aan een wijk toegerekend" in w.value for w in at.warning), at.warning


def _sankey_labels(at) -> list[str]:
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return spec["data"][0]["node"]["label"]


def test_cached_region_view_follows_the_whole_selection(app):
    """The region's sankey is cached per full selection: switching the gemeente family off
    (the route still allocates it for the regions) or changing the wijk gives another view,
    and going back gives the first one again."""
    at = _open(app)
    at.radio(key="wp_kant").set_value("baten").run()
    met = _sankey_labels(at)
    assert any(lab.startswith("Gemeente (baten)") for lab in met), met
    at.multiselect(key="wp_fam").set_value([]).run()
    assert not at.exception
    assert not any(lab.startswith("Gemeente (baten)") for lab in _sankey_labels(at))
    at.multiselect(key="wp_fam").set_value(["gemeente"]).run()
    assert _sankey_labels(at) == met
    regio = at.selectbox(key="wp_regio")
    eerste = regio.value
    andere = next(o for o in regio.options if not o.endswith(f"({eerste})"))
    metric = at.metric[0].value
    regio.set_value(andere.rsplit("(", 1)[1].rstrip(")")).run()
    assert at.metric[0].value != metric and _sankey_labels(at) != met
    at.selectbox(key="wp_regio").set_value(eerste).run()
    assert at.metric[0].value == metric and _sankey_labels(at) == met


def test_own_keys_never_reach_the_shared_view_cache(app, monkeypatch):
    """A session's own keys: the region's view is built for that session only; the shared
    view cache (cached.wijkprofiel) only ever sees selections with the default keys."""
    from geldstromen.cached import wijkprofiel as cw

    gezien = []
    echt = cw._gedeeld

    def tel(version, selectie, sleutel, _maak):
        gezien.append(selectie.sleutels)
        return echt(version, selectie, sleutel, _maak)

    monkeypatch.setattr(cw, "_gedeeld", tel)
    at = _open(app)
    assert gezien and all(s is None for s in gezien)
    before = at.metric[0].value
    editor_df = at.session_state["wijkprofiel_sleutels"].copy()
    editor_df.loc[editor_df["taakveld_code"] == "6.3", "sleutel"] = "gemeentebreed"
    at.session_state["wijkprofiel_sleutels"] = editor_df
    gezien.clear()
    at.run()
    assert not at.exception
    assert at.metric[0].value != before  # the own keys' view, not the shared one
    assert all(s is None for s in gezien)
