"""Closest official names for a name that matched nothing ("Phuc Sa" -> Phường Phúc Xá).

Fuzzy scores come from rapidfuzz (a normalised Indel similarity, 0-100) on matching keys that
the caller has already folded (no diacritics, no unit prefix); spaces are ignored here, so
"PhucSa" and "Phuc Sa" score alike against "phuc xa".
"""

from collections.abc import Mapping

from rapidfuzz import fuzz, process

SCORE_CUTOFF = 75.0  # "phuc sa"/"phuc xa" scores 83, "atlantis" against Hanoi's list below 75
MAX_SUGGESTIONS = 3


def suggestion_key(folded: str) -> str:
    """The key names are compared on: a folded name without spaces (exports write "PhucXa")."""
    return folded.replace(" ", "")


def closest(
    folded: str,
    candidates: Mapping[str, str],
    limit: int = MAX_SUGGESTIONS,
    cutoff: float = SCORE_CUTOFF,
) -> list[str]:
    """The ids of `candidates` (id -> suggestion_key of an official name) closest to the
    folded name `folded`, best first.

    At most `limit`, each scoring at least `cutoff`. The caller builds `candidates` once per
    list (squeezing 10,000 names on every call cost more than comparing them). An exact key
    (score 100) is returned like any other: the caller asks only about names that matched
    nothing.
    """
    query = suggestion_key(folded)
    if not query or not candidates:
        return []
    found = process.extract(query, candidates, scorer=fuzz.ratio, limit=limit, score_cutoff=cutoff)
    return [ident for _choice, _score, ident in found]
