"""Findings: evaluative statements about the service, as strengths or weaknesses.

Two sources:

- the list of what an inspected authority must improve ("What needs to improve" and its
  older forms), found by rules in `recommendations.py`: always weaknesses, with
  `is_recommendation` true;
- every other candidate sentence, labelled `strength`, `weakness` or not a finding by a
  trained spaCy text classifier shipped in `models/findings_textcat/` (see
  `reportmine train`), read from its numpy export `bow.npz` so that extraction needs no
  spaCy (`bow_model.py`; spaCy loads the model only when the export is missing or
  refused). Each finding carries the classifier's probability as its confidence, and a
  threshold trades precision for recall. When the model is missing the extractor says
  so once and falls back to the cue lexicon below.

Candidates and their classifier input are built here, once, for both training and
extraction, so the model sees at run time exactly what it was trained on.
"""

from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

import numpy as np

from reportmine.core.document import Document
from reportmine.core.models import FindingRecord
from reportmine.extractors.base import evidence
from reportmine.extractors.bow_model import BowModel, spacy_scores
from reportmine.extractors.finding_cues import (
    Analysis,
    analyse,
    context_features,
    section_features,
    sentence_features,
)
from reportmine.extractors.recommendations import RecommendationItem, find_recommendations
from reportmine.extractors.themes import theme_of
from reportmine.text.analysis import AnalysedDocument, analysed
from reportmine.text.scan import has_words_at_least
from reportmine.text.segment import Block, sentence_spans

log = logging.getLogger(__name__)

# The shipped model, in the checkout; a run may choose another (`PipelineConfig`).
DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[3] / "models" / "findings_textcat"
DEFAULT_THRESHOLD = 0.5
LABELS = ("strength", "weakness", "none")

# Sections whose sentences are boilerplate, procedure or decisions, never findings.
SKIP_SECTIONS = re.compile(
    r"equalit|statement\s+of\s+compliance|declaration|legal\s+(?:implications|appraisal)|"
    r"financial|budget|background\s+(?:papers|documents)|consultation|risk\s+management|"
    r"human\s+rights|sustainab|greenhouse|ward\s+implications|trade\s+union|privacy|appendi|"
    r"options|contact|recommendation|reasons?\s+for|council\s+priority|resource|"
    r"not\s+for\s+publication|portfolio|that\s+the\s+",
    re.IGNORECASE,
)
# Sections of an inspection report that describe its method, the area's context and its
# history, or hold its judgement grid: no sentence there is a finding, for the model either.
CONTEXT_SECTIONS = re.compile(
    r"information\s+about\s+this|(?:previous|other)\s+ofsted\s+inspections|"
    r"(?:children|child\s+protection|children\s+looked\s+after)\s+(?:living\s+)?in\s+"
    r"this\s+area|^judgement\s+grade$|summary\s+for\s+children",
    re.IGNORECASE,
)
STRENGTH_CUES = re.compile(
    r"\b(?:good|well|effective(?:ly)?|timely|strong(?:er)?|strength\w*|positive(?:ly)?|"
    r"appropriate(?:ly)?|consistent(?:ly)?|robust|thorough|comprehensive|high[\s-]quality|"
    r"improv(?:ed|ing|ement)|better|swift(?:ly)?|prompt(?:ly)?|sensitive(?:ly)?|knowledgeable|"
    r"skilled|confident|committed|proportionate|clear(?:ly)?|embedded|stable|secure|"
    r"outstanding|child[\s-]centred|purposeful|meaningful|benefit\w*|uncompromising|"
    r"success\w*|excellent|exceptional|prais\w*|welcom\w*|achiev\w*|on\s+track)\b",
    re.IGNORECASE,
)
WEAKNESS_CUES = re.compile(
    r"\b(?:not|no|too\s+(?:high|long|many|slow|much|few|complex)|poor(?:ly)?|inadequate|weak\w*|"
    r"delay\w*|lack\w*|insufficient(?:ly)?|inconsistent(?:ly)?|variab\w*|limited|"
    r"over[\s-]emphasis|missed\s+opportunit\w*|concern\w*|fail\w*|deteriorat\w*|little|"
    r"yet\s+to|requires?\s+improvement|shortfall|difficult\w*|challeng\w*|gaps?|drift|"
    r"unable|ineffective|inappropriate(?:ly)?|unclear|vulnerab\w*|risks?|never|without|"
    r"(?:do|does|did|are|is|was|were|has|have)n't|cannot|pressures?|overspend\w*|"
    r"unsustainable|deficit|disparity|remains?\s+(?:a\s+)?(?:key\s+)?challenge)\b",
    re.IGNORECASE,
)
NOT_A_FINDING = re.compile(
    r"^(?:Action\s*:|ACTION\b)|\b(?:will\s+be|will\b|is\s+planned|are\s+planned|plan\s+to|"
    r"asked\s+to|is\s+being|are\s+being|was\s+announced|report\s+sets\s+out|this\s+report|"
    r"purpose\s+of|in\s+response\s+to\s+a\s+(?:query|question))\b",
    re.IGNORECASE,
)
# Sentences about the meeting itself, not the service: declarations, call-in, quorum,
# thanks, documents listed, members' questions and requests, and an item's purpose.
# Words that give such a sentence away wherever they stand ...
_PROCEDURE_WORDS = re.compile(
    r"\b(?:declarations?\s+of\s+(?:pecuniary\s+|personal\s+)?interests?\b|no\s+declarations\b|"
    r"Register\s+of\s+Interests\b|call[\s-]in\b|quorum\b|adjourn\w*|apologies\b|"
    r"minutes\s+of\s+the\s+(?:last|previous)\s+meeting\b|verbal\s+update\b|thank(?:ed|s)\b|"
    r"welcomed\s+(?:all|everyone|those\s+present|attendees)\b|PDF\s+\d+\s*KB\b|"
    r"default\s+template\b|in\s+attendance\b|(?:asked|queried|enquired)\s+"
    r"(?:whether|if|what|how|why|when|about)\b)",
    re.IGNORECASE,
)
# ... and the openings of members' questions and requests and of an item's purpose.
_PROCEDURE_OPENING = re.compile(
    r"(?:Questions\s+were\s+asked\b|(?:A\s+|The\s+)?(?:Members?|Councillors?|Cllr\.?\s+\w+|"
    r"Councillor\s+\w+)\s+(?:also\s+)?(?:asked|queried|requested|suggested|sought|enquired|"
    r"wondered)\b|To\s+(?:outline|raise|provide|update|inform|note|consider|receive|agree|"
    r"approve)\b)",
    re.IGNORECASE,
)


def is_meeting_procedure(sentence: str) -> bool:
    """A sentence about the meeting, or a question: never a finding."""
    return bool(
        sentence.endswith("?")
        or _PROCEDURE_OPENING.match(sentence)
        or _PROCEDURE_WORDS.search(sentence)
    )


# "Action:" and "Action: -" open paragraphs in council papers; the finding follows them.
ACTION_PREFIX = re.compile(r"(?:Action|ACTION)\s*:\s*[-\u2013\u2014]?\s*")
MIN_WORDS = 4
_PAGE_NUMBER_LINE = re.compile(r"^\s*(?:page\s+)?\d{1,3}\s*$", re.IGNORECASE)
_PAGE_NUMBER_INSIDE = re.compile(r"\n\s*(?:page\s+)?\d{1,3}\s*\n", re.IGNORECASE)
_TERMINAL = re.compile(r"[.!?;:][\"')\]]*$")


class Candidate(NamedTuple):
    """One candidate finding: a sentence of a block (or a whole list item)."""

    start: int
    end: int
    section: str | None
    kind: str  # the block kind: "bullet", "numbered", "paragraph"
    context: tuple[str, ...] = ()  # feature words about its section

    def text(self, doc_text: str) -> str:
        """The sentence, whitespace collapsed, without a page number it was broken by."""
        raw = doc_text[self.start : self.end]
        if "\n" in raw:
            raw = _PAGE_NUMBER_INSIDE.sub("\n", raw)
        return " ".join(raw.split())  # str.split and re's \s agree on what whitespace is


def _units(text: str, blocks: tuple[Block, ...]) -> list[tuple[int, int, Block]]:
    """Non-heading blocks as (body start, end, block), with a sentence broken across a page
    (a bare page number between its halves, or a lower-case continuation) joined up."""
    units: list[tuple[int, int, Block]] = []
    pending_join = False
    for block in blocks:
        body = text[block.body_start : block.end]
        if block.kind == "heading":
            pending_join = False
            continue
        if _PAGE_NUMBER_LINE.match(body):
            continue  # a page number left between the halves of a sentence
        if (
            units
            and pending_join
            and block.kind == "paragraph"
            and body[:1].islower()
            and units[-1][2].section == block.section
        ):
            start, _, first = units[-1]
            units[-1] = (start, block.end, first)
        else:
            units.append((block.body_start, block.end, block))
        pending_join = not _TERMINAL.search(text[units[-1][0] : units[-1][1]].rstrip())
    return units


def finding_candidates(
    doc: AnalysedDocument | Document | str,
    exclude: tuple[tuple[int, int], ...] = (),
    with_context: bool = True,
) -> list[Candidate]:
    """Candidate sentences of a document (or a normalised text), each with its section
    heading.

    `exclude` holds spans already taken (the recommendation list's items); `with_context`
    adds the section features the classifier reads (the lexicon needs none).
    """
    doc = analysed(doc)
    text = doc.text
    found: list[tuple[int, int, Block]] = []
    for unit_start, unit_end, block in _units(text, doc.blocks):
        if any(s <= unit_start < e for s, e in exclude):
            continue
        if block.section and CONTEXT_SECTIONS.search(block.section):
            continue
        if m := ACTION_PREFIX.match(text, unit_start, unit_end):
            unit_start = m.end()
        for start, end in sentence_spans(text, unit_start, unit_end):
            sentence = text[start:end]
            if has_words_at_least(sentence, MIN_WORDS) and not is_meeting_procedure(sentence):
                found.append((start, end, block))
    if not with_context:
        return [Candidate(start, end, block.section, block.kind) for start, end, block in found]
    # How evaluative each section is: a sentence in a section of findings is likely one.
    by_section: dict[str | None, list[bool]] = {}
    for start, end, block in found:
        evaluative = doc.memo(analyse, text[start:end]).evaluative
        by_section.setdefault(block.section, []).append(evaluative)
    # Ofsted's letters are almost all findings, council papers much less so: the genre
    # word lets the classifier learn each one's base rate.
    genre = "zzgenreofsted" if doc.is_inspection_report else "zzgenrepaper"
    context = {
        section: (*section_features(sum(flags) / len(flags), len(flags)), genre)
        for section, flags in by_section.items()
    }
    return [
        Candidate(start, end, block.section, block.kind, context[block.section])
        for start, end, block in found
    ]


def classifier_features(
    sentence: str,
    section: str | None,
    kind: str,
    context: tuple[str, ...] = (),
    analysis: Analysis | None = None,
) -> list[str]:
    """Feature words for what kind of statement a sentence is and where it stands
    (`finding_cues.py`). They start with `zz`, so they never collide with words of the
    text, and each is one word of word characters: `classifier_words` of a classifier
    text is the sentence's words followed by these, unchanged. `analysis` is
    `analyse(sentence)` when the caller has it."""
    analysis = analysis or analyse(sentence)
    return sentence_features(sentence, section, kind, analysis) + context_features(
        context, analysis.lean
    )


def classifier_text(
    sentence: str, section: str | None, kind: str, context: tuple[str, ...] = ()
) -> str:
    """What the classifier reads: the sentence, then its `classifier_features`."""
    return _with_features(sentence, classifier_features(sentence, section, kind, context))


def _with_features(sentence: str, features: list[str]) -> str:
    return f"{sentence} {' '.join(features)}"


def score_polarity(sentence: str) -> tuple[str | None, float]:
    """Lexicon fallback: polarity from cue counts; None when the sentence evaluates nothing."""
    strengths = len(STRENGTH_CUES.findall(sentence))
    weaknesses = len(WEAKNESS_CUES.findall(sentence))
    if strengths == 0 and weaknesses == 0:
        return None, 0.0
    if weaknesses >= strengths:
        return "weakness", min(0.9, 0.5 + 0.1 * (weaknesses - strengths + 1))
    return "strength", min(0.9, 0.5 + 0.1 * (strengths - weaknesses))


# ---- the trained model ------------------------------------------------------------------


@lru_cache(maxsize=4)
def load_classifier(path: str) -> BowModel | Any | None:
    """The findings model at `path`, loaded once per process.

    Its numpy export (`bow.npz`, see `bow_model.py`) when that loads: worker processes
    then never import spaCy. Else the spaCy pipeline, scored through a `BowModel` built
    from it when it is a bag-of-words model; None (the lexicon) without a model.
    """
    model = BowModel.load(path)
    if model is not None:
        return model
    nlp = load_model(path)
    return None if nlp is None else BowModel.for_nlp(nlp) or nlp


@lru_cache(maxsize=4)
def load_model(path: str) -> Any | None:
    """The spaCy pipeline at `path`, loaded once per process; None (with one warning) when
    it is missing or unreadable."""
    folder = Path(path)
    if not (folder / "config.cfg").is_file():
        log.warning(
            "findings model not found at %s: using the cue lexicon instead (lower quality). "
            "Run `reportmine train` to build it.",
            folder,
        )
        return None
    try:
        import spacy

        return spacy.load(folder)
    except Exception as exc:  # noqa: BLE001 - a broken model must not stop extraction
        log.warning(
            "findings model at %s could not be loaded (%s): using the cue lexicon", path, exc
        )
        return None


def model_threshold(path: Path | str) -> float:
    """The default threshold stored with the model (meta.json, "reportmine" ->
    "threshold"), else 0.5."""
    try:
        meta = json.loads((Path(path) / "meta.json").read_text(encoding="utf-8"))
        threshold = meta["reportmine"]["threshold"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("no threshold stored with the findings model at %s (%s): 0.5", path, exc)
        return DEFAULT_THRESHOLD
    return round(float(threshold), 6)  # as stored: 0.35, never 0.35000000000000003


@lru_cache(maxsize=4)
def _bow_for(nlp: Any) -> BowModel | None:
    """`BowModel.for_nlp`, once per pipeline: it scores a probe with spaCy to check."""
    return BowModel.for_nlp(nlp)


def classify(
    model: BowModel | Any,
    texts: list[str],
    batch_size: int = 1024,
    features: list[list[str]] | None = None,
) -> list[dict[str, float]]:
    """Class probabilities (strength / weakness / none) for classifier texts.

    `model` is a `BowModel` or a spaCy pipeline (training passes those), scored in
    large batches, as a `BowModel` when it is a bag-of-words one, else by spaCy:
    classifying a document's sentences should cost little next to reading it.
    `features`, when given, are each text's `classifier_features`, not yet appended to
    it: a `BowModel` then adds them as words without splitting them out of a string.
    """
    if not texts:
        return []
    bow = model if isinstance(model, BowModel) else _bow_for(model)
    labels = bow.labels if bow is not None else model.get_pipe("textcat").labels
    out: list[dict[str, float]] = []
    for i in range(0, len(texts), batch_size):
        batch = texts[i : i + batch_size]
        extra = None if features is None else features[i : i + batch_size]
        if bow is not None:
            scores = bow.scores(batch, extra)
        else:
            if extra is not None:
                batch = [_with_features(t, f) for t, f in zip(batch, extra, strict=True)]
            scores = spacy_scores(model, batch)
        out += [dict(zip(labels, row, strict=True)) for row in np.asarray(scores).tolist()]
    return out


def decide(cats: dict[str, float], threshold: float) -> tuple[str, float]:
    """The label for one candidate and the probability that it is a finding.

    A candidate is a finding when P(strength) + P(weakness) = 1 - P(none) reaches the
    threshold; its polarity is the likelier of the two.
    """
    strength, weakness = cats.get("strength", 0.0), cats.get("weakness", 0.0)
    probability = strength + weakness
    if probability < threshold:
        return "none", probability
    return ("strength" if strength >= weakness else "weakness"), probability


def _sentence_finding(
    doc: Document, cand: Candidate, sentence: str, polarity: str, confidence: float, source: str
) -> FindingRecord:
    """A finding from one candidate sentence (not a recommendation-list item)."""
    return FindingRecord(
        text=sentence,
        polarity=polarity,
        theme=theme_of(sentence),
        section=cand.section,
        is_recommendation=False,
        **evidence(doc, cand.start, cand.end, source, confidence),
    )


# ---- the extractor ----------------------------------------------------------------------


class FindingExtractor:
    """Recommendation lists by rules; every other candidate sentence by the classifier.

    `threshold` (0..1) is the least probability a classified finding needs; it defaults
    to the threshold stored with the model. `model_path` defaults to the shipped model.
    `use_model=False` forces the lexicon fallback (for comparisons and benchmarks).
    """

    name: ClassVar[str] = "findings"
    table: ClassVar[str] = "findings"

    def __init__(
        self,
        threshold: float | None = None,
        model_path: Path | str | None = None,
        use_model: bool = True,
        min_confidence: float = 0.5,
    ) -> None:
        folder = str(model_path or DEFAULT_MODEL_DIR)
        self.model = load_classifier(folder) if use_model else None
        if threshold is not None:
            self.threshold = threshold
        else:
            self.threshold = DEFAULT_THRESHOLD if self.model is None else model_threshold(folder)
        self.min_confidence = min_confidence  # lexicon fallback only

    def recommendations(self, doc: AnalysedDocument) -> list[RecommendationItem]:
        return find_recommendations(doc.text, doc.is_inspection_report)

    def extract(self, doc: Document | AnalysedDocument) -> list[FindingRecord]:
        doc = analysed(doc)
        out: list[FindingRecord] = []
        items = self.recommendations(doc)
        for item in items:
            out.append(
                FindingRecord(
                    text=item.text,
                    polarity="weakness",
                    theme=theme_of(item.text),
                    section=item.section,
                    is_recommendation=True,
                    **evidence(doc, item.start, item.end, f"{self.name}.rules:list", 0.95),
                )
            )
        exclude = tuple((it.start, it.end) for it in items)
        if self.model is not None:
            out += self._classified(doc, finding_candidates(doc, exclude))
        else:
            out += self._lexicon(doc, finding_candidates(doc, exclude, with_context=False))
        return out

    def _classified(
        self, doc: AnalysedDocument, candidates: list[Candidate]
    ) -> list[FindingRecord]:
        sentences = [c.text(doc.text) for c in candidates]
        features = [
            classifier_features(s, c.section, c.kind, c.context, doc.memo(analyse, s))
            for s, c in zip(sentences, candidates, strict=True)
        ]
        out = []
        for cand, sentence, cats in zip(
            candidates, sentences, classify(self.model, sentences, features=features), strict=True
        ):
            label, probability = decide(cats, self.threshold)
            if label == "none":
                continue
            out.append(
                _sentence_finding(
                    doc, cand, sentence, label, probability, f"{self.name}.model:textcat"
                )
            )
        return out

    def _lexicon(self, doc: Document, candidates: list[Candidate]) -> list[FindingRecord]:
        out = []
        for cand in candidates:
            if cand.section and SKIP_SECTIONS.search(cand.section):
                continue
            sentence = cand.text(doc.text)
            if NOT_A_FINDING.search(sentence):
                continue
            polarity, confidence = score_polarity(sentence)
            if polarity is None or confidence < self.min_confidence:
                continue
            out.append(
                _sentence_finding(
                    doc, cand, sentence, polarity, confidence, f"{self.name}.rules:lexicon"
                )
            )
        return out
