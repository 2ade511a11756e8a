"""Closest official names for a name that matched nothing ("Phuc Sa" -> Phường Phúc Xá).

Fuzzy scores come from rapidfuzz (a normalised Indel similarity, 0-100) on matching keys that
the caller has already folded (no diacritics, no unit prefix); spaces are ignored here, so
"PhucSa" and "Phuc Sa" score alike against "phuc xa".
"""

from collections.abc import Mapping

from rapidfuzz import fuzz, process

SCORE_CUTOFF = 75.0  # "phuc sa"/"phuc xa" scores 83, "atlantis" against Hanoi's list below 75
MAX_SUGGESTIONS = 3


def _squeezed(key: str) -> str:
    """The key without spaces (exported datasets write "PhucXa")."""
    return key.replace(" ", "")


def closest(
    key: str,
    candidates: Mapping[str, str],
    limit: int = MAX_SUGGESTIONS,
    cutoff: float = SCORE_CUTOFF,
) -> list[str]:
    """The ids of `candidates` (id -> folded key) closest to the folded `key`, best first.

    At most `limit`, each scoring at least `cutoff`; ties keep the candidates' order. An exact
    key (score 100) is a match, not a suggestion, but is returned like any other: the caller
    asks only about names that matched nothing.
    """
    query = _squeezed(key)
    if not query or not candidates:
        return []
    choices = {ident: _squeezed(text) for ident, text in candidates.items()}
    found = process.extract(query, choices, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
    return [ident for _choice, _score, ident in found]
