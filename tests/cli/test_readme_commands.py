"""Every ``geldstromen ...`` command line in the README parses with the real CLI.

Nothing is executed: the callbacks of all commands are replaced by a recorder, then click
parses the line (required options, choices, types). ``[...]`` is optional (the line must parse
with and without it), ``a|b`` lists alternatives (each one is tried), upper-case placeholders
(``FILE``, ``DIR``, ``URL``) become real paths.
"""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from geldstromen.cli import main
from tests.conftest import REPO

README = REPO / "README.md"
_INLINE = re.compile(r"`(geldstromen [^`]+)`")
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")


def readme_regels(tekst: str) -> list[str]:
    """Command lines in fenced code blocks (with ``\\`` continuations, without comments)
    and in inline code spans."""
    regels, in_blok, huidig = [], False, ""
    for line in tekst.splitlines():
        if line.strip().startswith("```"):
            in_blok = not in_blok
            continue
        if in_blok:
            line = re.sub(r"\s+#.*$", "", line)
            huidig += line.strip() + " "
            if line.rstrip().endswith("\\"):
                huidig = huidig.replace("\\ ", "")
                continue
            if huidig.startswith("geldstromen "):
                regels.append(huidig.strip())
            huidig = ""
        else:
            regels.extend(m.group(1) for m in _INLINE.finditer(line))
    return regels


def varianten(regel: str) -> list[str]:
    """With all optional parts, without them, and each alternative of ``a|b`` in turn."""
    out = []
    for vorm in (_OPTIONAL.sub(r"\1", regel), _OPTIONAL.sub("", regel)):
        tokens = vorm.split()
        n = max(len(t.split("|")) for t in tokens)
        for i in range(n):
            out.append(" ".join(t.split("|")[min(i, len(t.split("|")) - 1)] for t in tokens))
    return sorted(set(out))


def _args(vorm: str, tmp: Path) -> list[str]:
    args = []
    for token in vorm.split()[1:]:
        if re.fullmatch(r"DIR", token):
            token = str(tmp)
        elif re.fullmatch(r"URL", token):
            token = f"sqlite:///{tmp / 'x.sqlite'}"
        elif re.fullmatch(r"FILE(\.\w+)?", token):
            path = tmp / ("bestand" + Path(token).suffix)
            path.write_text("x\n", encoding="utf-8")
            token = str(path)
        args.append(token)
    return args


def _commands(group: click.Group):
    for cmd in group.commands.values():
        yield cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd)


REGELS = readme_regels(README.read_text(encoding="utf-8"))


def test_readme_has_the_documented_commands():
    names = {r.split()[1] for r in REGELS}
    assert {"ingest", "export", "report", "scenario", "check-upload", "import-lokaal"} <= names


@pytest.mark.parametrize("regel", REGELS)
def test_readme_command_parses(regel, tmp_path, monkeypatch):
    calls = []
    for cmd in _commands(main):
        if not isinstance(cmd, click.Group):
            monkeypatch.setattr(cmd, "callback", lambda *a, **k: calls.append(k))
    for vorm in varianten(regel):
        calls.clear()
        try:
            main.main(_args(vorm, tmp_path), prog_name="geldstromen", standalone_mode=False)
        except click.UsageError as exc:
            pytest.fail(f"README: `{vorm}` parses not: {exc.format_message()}")
        assert len(calls) == 1, vorm
