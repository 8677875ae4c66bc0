"""Text from outside (an uploaded column name, a file name, a value from a link) shown in a
Markdown element as literal text."""

from __future__ import annotations

_LEESTEKENS = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def letterlijk(tekst: object) -> str:
    """``tekst`` for a Markdown element (title, subheader, caption, alert) as plain text: every
    ASCII punctuation character is backslash-escaped (CommonMark), so no link, autolink,
    emphasis, heading, HTML, colour directive or formula is formed from it."""
    return "".join(f"\\{c}" if c in _LEESTEKENS else c for c in str(tekst))
