"""English local authorities with children's services duties: reference table and recogniser.

Council papers and Ofsted letters name their authority in many ways ("BwD", "BCP Council",
"City of Bradford Metropolitan District Council", an address at bradford.gov.uk). Everything
downstream keys results by GSS code, so this module maps all of those to one row of
``councils.csv`` (built from the project's LA lookup, with hand-authored aliases).
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from reportmine.text.scan import ascii_bytes, fold, keep_table

__all__ = [
    "Council",
    "CouncilMention",
    "find_council_mentions",
    "load_councils",
    "lookup_council",
    "resolve_council",
]


@dataclass(frozen=True)
class Council:
    """One local authority (a row of councils.csv); ``name`` is the official ONS name."""

    name: str
    gss_code: str
    la_code: str
    region: str
    domain: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class CouncilMention:
    """Where a text names a council; ``how`` is "name", "alias", "abbreviation" or "domain"."""

    council: Council
    start: int
    end: int
    quote: str
    score: float
    how: str


@lru_cache(maxsize=1)
def load_councils() -> tuple[Council, ...]:
    """All councils in table order; read once via importlib.resources so it works from a wheel."""
    raw = resources.files(__package__).joinpath("councils.csv").read_text(encoding="utf-8")
    return tuple(
        Council(
            name=row["name"],
            gss_code=row["gss_code"],
            la_code=row["la_code"],
            region=row["region"],
            domain=row["domain"],
            aliases=tuple(a for a in row["aliases"].split(";") if a),
        )
        for row in csv.DictReader(io.StringIO(raw))
    )


# --- surface forms -------------------------------------------------------------------------

# Domains used by shared services of several councils; an address there does not say which.
_SHARED_DOMAINS = frozenset({"achievingforchildren.org.uk", "richmondandwandsworth.gov.uk"})

# Longer phrases that contain a council name but are not about that council. They are matched
# like names (so the longest match wins) and then dropped.
_BLOCKERS = (
    "New York",
    "Duke of York",
    "Vale of York",
    "Hull York Medical School",
    "Greater Manchester",
    "Liverpool City Region",
    "Bury St Edmunds",
    "Bury St. Edmunds",
    "Sutton Coldfield",
    "Sutton in Ashfield",
    "Sutton Trust",
    "Newcastle under Lyme",
    "Bradford on Avon",
    "Greenwich Mean Time",
    "Palace of Westminster",
    "Westminster Hall",
    "Westminster Abbey",
    "Northumberland Park",
    "Northumberland Avenue",
    "Somerset House",
    "Bedford Way",
    "Bedford Square",
    "Bedford Row",
    "Brent crude",
    "Merton College",
    "Richmond Fellowship",
    "Reading Recovery",
)

# Single words that are also ordinary English words: at the start of a sentence and followed by
# a lower-case word ("Reading the report ...") they are almost always the ordinary word.
_COMMON_WORDS = frozenset({"Reading", "Bury"})

# What is left of "City of London" without its generic words; "London" alone is the region.
_NOT_COUNCILS = frozenset({"london"})

_SEP_CHARS = r"\s,\-\u2010-\u2013"
_SEP_RE = re.compile(rf"[{_SEP_CHARS}]+")
_DOMAIN_RE = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", re.IGNORECASE)
_TOKEN = re.compile(r"\w+")
_HEAD = 2000  # the title, header and first paragraphs of a document


def _key(text: str) -> str:
    """Regex-side normal form: case, runs of spaces/commas/hyphens and apostrophes folded."""
    return _SEP_RE.sub(" ", text.replace("\u2019", "'")).strip().lower()


def _is_domain(surface: str) -> bool:
    return " " not in surface and bool(_DOMAIN_RE.fullmatch(surface))


def _is_abbreviation(surface: str) -> bool:
    """BwD, BCP, KCC, H&F: one token with two or more capitals; matched case-sensitively."""
    return " " not in surface and sum(c.isupper() for c in surface) >= 2


@dataclass(frozen=True)
class _Surface:
    council: int | None  # index into load_councils(); None for a blocker
    text: str
    how: str


def _case_ok(surface: _Surface, matched: str) -> bool:
    """Abbreviations and single words must be written as in the table (or in capitals)."""
    if surface.how == "abbreviation" or " " not in _key(surface.text):
        return matched in (surface.text, surface.text.upper())
    return True


def _common_word_use(text: str, start: int, end: int) -> bool:
    """True for "Reading the ..." at a sentence start, i.e. the verb rather than the town."""
    before = text[max(0, start - 40) : start].rstrip(" \t")
    at_sentence_start = not before or before[-1] in ".!?:;\n\r\u2022\"'\u201c\u2018(-"
    return at_sentence_start and re.match(r"[ \t]+[a-z]", text[end : end + 3]) is not None


class _Trie:
    """Prefix tree of keys, emitted as one regex so matching costs O(text), not O(names)."""

    def __init__(self) -> None:
        self.root: dict[str, dict] = {}

    def add(self, key: str) -> None:
        node = self.root
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def regex(self) -> str:
        return self._emit(self.root)

    @classmethod
    def _atom(cls, ch: str) -> str:
        if ch == " ":
            return f"[{_SEP_CHARS}]+"
        if ch == "'":
            return "['\u2019]"
        if ch.lower() != ch.upper():
            # [kK] rather than re.IGNORECASE: sre skips non-matching class branches quickly.
            return f"[{ch.lower()}{ch.upper()}]"
        return re.escape(ch)

    @classmethod
    def _emit(cls, node: dict[str, dict]) -> str:
        branches = [cls._atom(ch) + cls._emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        if len(branches) == 1 and "" not in node:
            return branches[0]
        # A greedy optional group tries the longer continuation first: longest match wins.
        return "(?:" + "|".join(branches) + ")" + ("?" if "" in node else "")


@dataclass(frozen=True)
class _Index:
    regex: re.Pattern[str]
    surfaces: dict[str, tuple[_Surface, ...]]  # _key(surface) -> candidates, best first
    domains: dict[str, int]
    exact: dict[str, int]  # surface as written -> council
    normal: dict[str, int]  # _normal(surface) -> council
    stripped: dict[str, int]  # _strip_generic(_normal(surface)) -> council
    fuzzy_keys: tuple[str, ...]
    fuzzy_owner: tuple[int, ...]
    # First word of every name and domain, ASCII-encoded (None: one is missing or not ASCII).
    first_words: frozenset[bytes] | None


_GENERIC_RE = re.compile(
    r"\b(?:(?:london|royal|metropolitan) borough of|borough of|county of|city of|"
    r"council of the|metropolitan district|metropolitan borough|metropolitan|council|borough|"
    r"district|county|city|corporation|unitary authority|local authority|"
    r"children'?s services|the)\b"
)


def _normal(text: str) -> str:
    """Lookup-side normal form: case folded, '&' read as 'and', punctuation dropped."""
    text = text.replace("\u2019", "'").replace("&", " and ").casefold()
    text = re.sub(r"[^\w' ]+", " ", text)
    return " ".join(text.split())


def _strip_generic(normal: str) -> str:
    """Drop words every council name may carry ("Council", "Borough", "City of", ...)."""
    return " ".join(_GENERIC_RE.sub(" ", normal).split())


@lru_cache(maxsize=1)
def _index() -> _Index:
    councils = load_councils()
    surfaces: dict[str, list[_Surface]] = defaultdict(list)
    domains: dict[str, int] = {}
    exact: dict[str, int] = {}
    normal: dict[str, int] = {}
    stripped: dict[str, set[int]] = defaultdict(set)
    fuzzy: dict[str, int] = {}

    def claim_domain(domain: str, i: int) -> None:
        domain = domain.lower()
        if not domain or domain in _SHARED_DOMAINS:
            return
        j = domains.get(domain)
        # A successor keeps its predecessor's web estate (BCP and Poole share bcpcouncil.gov.uk):
        # the authority created last (highest GSS code) owns the domain.
        if j is None or councils[i].gss_code > councils[j].gss_code:
            domains[domain] = i

    for i, council in enumerate(councils):
        claim_domain(council.domain, i)
        for text in (council.name, *council.aliases):
            if _is_domain(text):
                claim_domain(text, i)
                continue
            how = (
                "name"
                if text == council.name
                else ("abbreviation" if _is_abbreviation(text) else "alias")
            )
            found = surfaces[_key(text)]
            if any(s.council != i for s in found):
                raise ValueError(f"{text!r} names two councils in councils.csv")
            found.append(_Surface(i, text, how))
            exact.setdefault(text, i)
            normal.setdefault(_normal(text), i)
            stripped[_strip_generic(_normal(text))].add(i)
            if how != "abbreviation":
                fuzzy.setdefault(_strip_generic(_normal(text)), i)
    for text in _BLOCKERS:
        surfaces.setdefault(_key(text), []).append(_Surface(None, text, "blocker"))

    order = {"name": 0, "alias": 1, "abbreviation": 2, "blocker": 3}
    frozen = {k: tuple(sorted(v, key=lambda s: order[s.how])) for k, v in surfaces.items()}

    names, doms = _Trie(), _Trie()
    for key in frozen:
        names.add(key)
    for domain in domains:
        doms.add(domain)
    hyphen = "[\\-\u2010-\u2013]"
    pattern = (
        r"(?<![\w\-])(?:"
        rf"(?P<dom>{doms.regex()})(?![\w\-]|\.\w)"
        rf"|(?<![.@/])(?P<name>{names.regex()})"
        rf"(?!\w|\.\w|{hyphen}(?:on|upon|under|in|le|by|super){hyphen})"
        r")"
    )
    unique_stripped = {
        k: next(iter(v))
        for k, v in stripped.items()
        if k and k not in _NOT_COUNCILS and len(v) == 1
    }
    fuzzy = {k: v for k, v in fuzzy.items() if k and k not in _NOT_COUNCILS}
    firsts = [_TOKEN.match(k) for k in (*frozen, *domains)]
    first_words = frozenset(f.group() for f in firsts if f)
    return _Index(
        regex=re.compile(pattern),
        first_words=(
            frozenset(w.encode() for w in first_words)
            if all(firsts) and all(map(str.isascii, first_words))
            else None
        ),
        surfaces=frozen,
        domains=domains,
        exact=exact,
        normal=normal,
        stripped=unique_stripped,
        fuzzy_keys=tuple(fuzzy),
        fuzzy_owner=tuple(fuzzy.values()),
    )


def _domain_council(text: str) -> int | None:
    """Council owning an e-mail address, URL host or bare domain (subdomains included)."""
    host = text.strip().lower().rsplit("@", 1)[-1]
    host = re.sub(r"^[a-z]+://", "", host).split("/", 1)[0].rstrip(".")
    if not _DOMAIN_RE.fullmatch(host):
        return None
    domains = _index().domains
    labels = host.split(".")
    for k in range(len(labels) - 1):
        owner = domains.get(".".join(labels[k:]))
        if owner is not None:
            return owner
    return None


# --- public API ----------------------------------------------------------------------------


def lookup_council(name: str, min_score: float = 90) -> Council | None:
    """The council a free-text name denotes, or None; never a fuzzy match below ``min_score``.

    Tries, in order: the name or alias as written (abbreviations are case-sensitive), an e-mail
    address or domain, the name with case and punctuation folded, the name without generic words
    ("Council", "Borough", "City of", ...), and finally rapidfuzz over names and aliases.
    """
    idx = _index()
    councils = load_councils()
    text = name.strip()
    if not text:
        return None
    if text in idx.exact:
        return councils[idx.exact[text]]
    if "@" in text or "://" in text or _DOMAIN_RE.fullmatch(text):
        owner = _domain_council(text)
        if owner is not None:
            return councils[owner]
        if "@" in text or "://" in text:
            return None
    normal = _normal(text)
    if normal in idx.normal:
        return councils[idx.normal[normal]]
    core = _strip_generic(normal)
    if not core:
        return None
    if core in idx.stripped:
        return councils[idx.stripped[core]]
    best = process.extractOne(
        core, idx.fuzzy_keys, scorer=fuzz.token_sort_ratio, score_cutoff=min_score
    )
    return councils[idx.fuzzy_owner[best[2]]] if best else None


# Bytes as `_token_starts` reads them: an ASCII word character (`\w` of an ASCII pattern)
# keeps its byte, every other byte becomes a space.
_SPACED_WORDS = keep_table(
    bytes(b for b in range(128) if chr(b).isalnum() or chr(b) == "_")
)


def _token_starts(low: str, words: frozenset[bytes]) -> list[int]:
    """Offsets of the whole words (`\\w+` runs) of `low` that are in `words`, ascending.

    `low` is read as bytes between two spaces, where a character outside ASCII becomes
    "?" (one byte each: offsets are kept) and then every byte but an ASCII word character
    a space. A whole word of `low` made of ASCII, as every listed word is, then lies
    between two spaces: the characters around it are not word characters (or are the
    ends). `bytes.split` and a set intersection say in C which listed words occur;
    `bytes.find` lists their places. A place is not a whole word of `low` where a word
    character outside ASCII borders it ("bath\u00e9"): `str.isalnum` of its neighbours,
    re's test of `\\w` but for "_" (ASCII, so never a neighbour), drops it. No regex
    tried at every word, no Python loop over every token."""
    spaced = " " + low + " "
    data = ascii_bytes(spaced, _SPACED_WORDS)
    starts = []
    for word in words.intersection(data.split()):
        key = b" " + word + b" "
        after = len(key) - 1
        at = data.find(key)
        while at >= 0:  # the word begins at spaced[at + 1], which is low[at]
            if not spaced[at].isalnum() and not spaced[at + after].isalnum():
                starts.append(at)
            at = data.find(key, at + 1)
    starts.sort()
    return starts


def _matches(idx: _Index, text: str) -> Iterator[re.Match[str]]:
    """What `idx.regex.search` finds from each place on, tried only where a name or domain
    can begin: at a word that is the first word of one (same matches, about half the time:
    Python's re otherwise tries the large pattern at every character)."""
    low = fold(text) if idx.first_words is not None else None
    if low is None:  # lower() would move offsets (or a key starts oddly): the plain way
        pos = 0
        while (m := idx.regex.search(text, pos)) is not None:
            yield m
            pos = m.start() + 1
        return
    for at in _token_starts(low, idx.first_words):
        if m := idx.regex.match(text, at):
            yield m


def find_council_mentions(text: str) -> list[CouncilMention]:
    """Every place ``text`` names a council, in order; the longest name wins at each place.

    Names and multi-word aliases match in any case, single words only capitalised ("Bury", not
    "bury"), abbreviations only as written ("BwD", "BCP"). Web domains and e-mail addresses
    count too. Names inside longer names ("Derby" in "Derbyshire", "York" in "New York") do not.
    A `Span` brings its folded form.
    """
    idx = _index()
    councils = load_councils()
    found: list[CouncilMention] = []
    pos = 0
    for m in _matches(idx, text):
        start, end = m.span()
        if start < pos:
            continue
        if m.group("dom") is not None:
            owner = idx.domains[m.group("dom").lower()]
            while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "._%+-@"):
                start -= 1
            found.append(
                CouncilMention(councils[owner], start, end, text[start:end], 1.0, "domain")
            )
            pos = end
            continue
        quote = m.group("name")
        surface = next(
            (s for s in idx.surfaces[_key(quote)] if s.how == "blocker" or _case_ok(s, quote)),
            None,
        )
        if surface is None or (
            surface.text in _COMMON_WORDS and _common_word_use(text, start, end)
        ):
            pos = start + 1
            continue
        if surface.council is not None:
            found.append(
                CouncilMention(councils[surface.council], start, end, quote, 1.0, surface.how)
            )
        pos = end
    return found


def resolve_council(text: str, min_score: float = 0.5) -> CouncilMention | None:
    """The council a document is about: its first mention, scored 0..1 by how clearly it leads.

    Each mention counts 1 (a domain or e-mail address 2), three times as much in the first
    2,000 characters where titles and headers name the authority. The score is the winner's
    share of winner plus runner-up, scaled down when the winner has little evidence (less than
    one mention in the header). Ties and scores below ``min_score`` give None.
    """
    weights: dict[str, float] = defaultdict(float)
    first: dict[str, CouncilMention] = {}
    for mention in find_council_mentions(text):
        weight = 2.0 if mention.how == "domain" else 1.0
        if mention.start < _HEAD:
            weight *= 3.0
        code = mention.council.gss_code
        weights[code] += weight
        first.setdefault(code, mention)
    if not weights:
        return None
    ranked = sorted(weights.items(), key=lambda kv: (-kv[1], first[kv[0]].start))
    best_code, best = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    if best == runner_up:
        return None
    score = round(best / (best + runner_up) * min(1.0, best / 3.0), 3)
    if score < min_score:
        return None
    return replace(first[best_code], score=score)


# --- councils named by a file's path ---------------------------------------------------------

# Words of a web host or folder name that name no council: committee-site services,
# the kind of page, and the hosting company's domain.
_PATH_NOISE = frozenset(
    (
        "www", "ww1", "ww2", "ww3", "ww4", "ww5", "democracy", "democratic", "democraticservices",
        "moderngov", "modgov", "cmis", "committees", "committee", "council", "councils",
        "councillors", "councildecisions", "councilportal", "decisionmaking", "cabinet", "minutes",
        "mycouncil", "edemocracy", "egenda", "eservices", "governance", "glostext", "cds", "papers",
        "paper", "reports", "report", "agenda", "agendas", "decisions", "meetings", "documents",
        "docs", "gov", "uk", "co", "com", "org", "net",
    )
)
# Endings a host glues to a council's name ("barnsleymbc", "surreycc", "rutlandcounty").
_GLUED_SUFFIXES = ("mbc", "cc", "county", "council", "borough", "city")
_HOST = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+")


@lru_cache(maxsize=1)
def _compact_names() -> dict[str, int]:
    """Each council's name and aliases with everything but letters removed."""
    out: dict[str, int] = {}
    for i, council in enumerate(load_councils()):
        for name in (council.name, *council.aliases):
            key = re.sub(r"[^a-z]", "", name.lower())
            if len(key) >= 3:
                out.setdefault(key, i)
    return out


def _council_of_word(word: str) -> Council | None:
    """The council a single host label or folder word spells ("towerhamlets", "iow")."""
    compact = _compact_names()
    key = re.sub(r"[^a-z]", "", word.lower())
    candidates = [key] + [key[: -len(s)] for s in _GLUED_SUFFIXES if key.endswith(s)]
    for candidate in candidates:
        if candidate in _PATH_NOISE or len(candidate) < 3:
            continue
        if candidate in compact:
            return load_councils()[compact[candidate]]
        found = lookup_council(candidate, min_score=95)
        if found is not None:
            return found
    return None


def council_from_path(source_path: str) -> Council | None:
    """The council a file's path names, for papers whose text never does.

    Scrapers name pages after the committee site's web host
    ("democracy.leics.gov.uk_ai_id61323.txt", "barnet.moderngov.co.uk_..."), and archives
    file papers under the council's name ("80443_bury/", "kent-council-papers/"). The file
    name is asked first, then its folders from the innermost out: a host whose domain is a
    council's, else a label of the host that spells one; a folder whose words, less
    numbers and generic words (council, papers, minutes, ...), spell one.
    """
    parts = [p for p in re.split(r"[\\/]", source_path) if p]
    for part in reversed(parts):
        name = part.lower()
        if host := _HOST.match(name):
            domain = re.sub(r"-\d+$", "", host.group(0))  # "sthelens.gov.uk-443": a port
            if (i := _domain_council(domain)) is not None:
                return load_councils()[i]
            for label in domain.split("."):
                if (council := _council_of_word(label)) is not None:
                    return council
            continue
        words = [w for w in re.split(r"[^a-z]+", name) if w and w not in _PATH_NOISE]
        if words and (council := _council_of_word(" ".join(words))) is not None:
            return council
    return None
