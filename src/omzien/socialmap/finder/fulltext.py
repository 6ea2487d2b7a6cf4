"""Full-text search of initiatives with Dutch stemming, in the database's own engine.

* PostgreSQL: ``to_tsvector('dutch', name || ' ' || description || ' ' || place)`` with a GIN
  expression index (migration 0004); the query is ``to_tsquery('dutch', 'word:* & ...')``, so
  PostgreSQL stems both sides with its Snowball Dutch stemmer and each word also matches
  longer words that begin with its stem ("wandelen" finds "wandeling" and "wandelgroep").
* SQLite: an FTS5 table (``unicode61`` tokenizer, diacritics folded: "één" is "een") kept in
  sync by triggers. FTS5 has no Dutch stemmer, so the query side does the same: each word is
  reduced with the Snowball Dutch stemmer (``snowballstemmer``) and matched as a prefix
  ("wandelen" becomes ``"wandel"*``). The two engines agree on ordinary inflections and
  compounds that begin with the word; they may differ on rare irregular forms.

Typed text is reduced to letters and digits before it reaches either query language, so
nothing a resident types can change the query's syntax.
"""

# ruff: noqa: S608, S611  (the SQL is fixed; what was typed is only ever a bound parameter)
from __future__ import annotations

import re
from functools import lru_cache

from django.db import connections
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

#: The indexed text; the PostgreSQL index is on exactly this expression (keep them equal).
#: The query names the columns with their table (a join with the organisation has a "name"
#: too); PostgreSQL matches the index by column, so both forms use it.
_PG_TEXT = "to_tsvector('dutch'::regconfig, {t}name || ' ' || {t}description || ' ' || {t}place)"
PG_DOCUMENT = _PG_TEXT.format(t="")
PG_QUERY_DOCUMENT = _PG_TEXT.format(t='"socialmap_initiative".')
PG_INDEX = "socialmap_initiative_search_nl"
SQLITE_TABLE = "socialmap_initiative_fts"
MAX_WORDS = 8

#: Words too common to search for (the most frequent of PostgreSQL's Dutch stop list, which
#: PostgreSQL drops itself; SQLite needs them dropped here).
STOPWORDS = frozenset(
    "aan al als bij dan dat de der deze die dit doch door een en er het hij hoe ik in is je "  # noqa: SIM905
    "jij kan me meer met mij na naar niet nog of om ook op over te tot u uw van voor wat we "
    "wel wie wij zij zo zich ze".split()
)
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words worth searching for, in lower case, at most ``MAX_WORDS``."""
    found = [w for w in _WORD.findall((text or "").lower()) if w not in STOPWORDS]
    return [w[:40] for w in found][:MAX_WORDS]


@lru_cache(maxsize=2048)
def stem(word: str) -> str:
    """The Snowball Dutch stem: "wandelen" and "wandeling" both give "wandel"."""
    return _stemmer().stemWord(word)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("dutch")


def _fts5_term(word: str) -> str:
    root = stem(word)
    if word.startswith(root):
        return f'"{root}"*'
    return f'("{root}"* OR "{word}"*)'


def matching(queryset: QuerySet, text: str) -> QuerySet:
    """``queryset`` narrowed to initiatives whose name, description or place hold every word
    of ``text`` (stemmed); unchanged when ``text`` has no words."""
    terms = words(text)
    if not terms:
        return queryset
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        query = " & ".join(f"{term}:*" for term in terms)
        found = RawSQL(
            f"{PG_QUERY_DOCUMENT} @@ to_tsquery('dutch'::regconfig, %s)",
            [query],
            output_field=BooleanField(),
        )
        return queryset.filter(found)
    if vendor == "sqlite":
        query = " AND ".join(_fts5_term(term) for term in terms)
        rows = RawSQL(f"SELECT rowid FROM {SQLITE_TABLE} WHERE {SQLITE_TABLE} MATCH %s", [query])
        return queryset.filter(pk__in=rows)
    for term in terms:  # another engine: plain containment, no stemming
        queryset = queryset.filter(Q(name__icontains=term) | Q(description__icontains=term))
    return queryset
