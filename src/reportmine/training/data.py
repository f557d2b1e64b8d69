"""Annotated documents and the labelled candidate sentences the findings model learns from.

Labels come from gold annotations only (written from the documents), never from an
extractor's output:

- exhaustively annotated documents (the project's `corpus/gold`, and Kent council papers
  in `../shared/kent-council-papers/gold` when present): every candidate sentence that
  matches a gold finding (the contract's rule: rapidfuzz partial_ratio >= 80 on
  normalised text, one-to-one, best first) takes that finding's polarity; every other
  candidate is "none" (not a finding);
- Ofsted letters annotated exhaustively by the project (`corpus/gold-shared`, anchored by
  offsets: `reportmine.evaluation.anchored`), read with their documents from `../shared`;
- council committee pages (`../shared/council-minutes/gold`, and the project's own in
  `corpus/gold-shared/council-minutes`): exhaustive, given as offsets into the page files
  (`reportmine.evaluation.anchored`);
- Ofsted reports and letters (`../shared/ofsted-reports/gold`,
  `../shared/ofsted-focused-visits/gold`): their gold lists only the "What needs to
  improve" items, so only those items become examples (weaknesses); the rest of those
  documents is unlabelled and left out.

The documents in `../shared` are read at training time; nothing of their text is stored
in the project, only the trained weights and the provenance in the model's meta.json.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reportmine.core.document import Document
from reportmine.evaluation.anchored import (
    ANCHOR_KEY,
    anchored_path,
    has_file_offsets,
    is_anchored,
    page_file_for,
    resolve_file_offsets,
    resolve_rows,
)
from reportmine.extractors.findings import Candidate, classifier_text, finding_candidates
from reportmine.extractors.recommendations import RecommendationItem, find_recommendations
from reportmine.loaders import load_document
from reportmine.reference.councils import council_from_path
from reportmine.text.analysis import analysed
from reportmine.training.matching import text_pairs

EXHAUSTIVE = "exhaustive"
RECOMMENDATIONS = "recommendations"
SOURCE_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".pdf")
ANCHORED_GOLD = "gold-shared"  # below the corpus folder

# Gold folders in ../shared, with how exhaustively they annotate findings.
SHARED_SOURCES: tuple[tuple[str, str], ...] = (
    ("council-minutes", EXHAUSTIVE),
    ("kent-council-papers", EXHAUSTIVE),
    ("ofsted-reports", RECOMMENDATIONS),
    ("ofsted-focused-visits", RECOMMENDATIONS),
)


@dataclass(frozen=True)
class AnnotatedDoc:
    """A gold file and the document it annotates."""

    source_name: str  # "corpus", "kent-council-papers", ...
    rel: str  # the document's path below its source folder
    path: Path
    gold_path: Path
    scope: str  # EXHAUSTIVE or RECOMMENDATIONS
    project_gold: bool = False  # annotated by the project (corpus/gold-shared): trainable

    @property
    def name(self) -> str:
        return f"{self.source_name}/{self.rel}"

    @property
    def group(self) -> str:
        """Cross-validation group: the council, where the path names one (every paper of a
        council shares a fold, so a model is always scored on councils it has not seen);
        else the document, whose renderings in other formats share its fold (the corpus
        keeps one folder per format, seeds/ and pdf/, with the same file names)."""
        council = council_from_path(f"{self.source_name}/{self.rel}")
        if council is not None:
            return f"council/{council.name}"
        rel = Path(self.rel)
        key = rel.stem if self.source_name == "corpus" else rel.with_suffix("").as_posix()
        return f"{self.source_name}/{key}"

    def gold_findings(self, loaded: Document) -> list[dict]:
        data = json.loads(self.gold_path.read_text(encoding="utf-8"))
        if is_anchored(data):
            data = resolve_rows(data, loaded)
        elif has_file_offsets(data):
            data = resolve_file_offsets(data, self.path)
        return list(data.get("findings") or [])


@dataclass
class LabelledSentence:
    """One training or test example."""

    doc: str
    group: str
    start: int
    end: int
    sentence: str
    section: str | None
    kind: str
    label: str  # strength / weakness / none
    context: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return classifier_text(self.sentence, self.section, self.kind, self.context)


@dataclass
class DocData:
    """A loaded annotated document: its examples, rule-found list items and gold."""

    doc: AnnotatedDoc
    examples: list[LabelledSentence]
    candidates: list[Candidate] = field(default_factory=list)
    recommendations: list[RecommendationItem] = field(default_factory=list)
    gold: list[dict] = field(default_factory=list)
    n_chars: int = 0


def _source_for(papers_dir: Path, rel_json: Path) -> Path | None:
    base = papers_dir / rel_json.with_suffix("")
    for ext in SOURCE_EXTENSIONS:
        candidate = base.with_name(base.name + ext)
        if candidate.is_file():
            return candidate
    return None


def _pairs(gold_dir: Path, papers_dir: Path) -> Iterator[tuple[Path, Path, str]]:
    for gold_path in sorted(gold_dir.rglob("*.json")):
        rel = gold_path.relative_to(gold_dir)
        source = _source_for(papers_dir, rel)
        if source is not None:
            yield gold_path, source, source.relative_to(papers_dir).as_posix()


def discover(
    corpus_dir: Path, shared_dir: Path | None, sources: tuple[str, ...] | None = None
) -> list[AnnotatedDoc]:
    """Every gold file with its document: the corpus, then ../shared sources present."""
    docs: list[AnnotatedDoc] = []
    if sources is None or "corpus" in sources:
        for gold, source, rel in _pairs(corpus_dir / "gold", corpus_dir / "papers"):
            docs.append(AnnotatedDoc("corpus", rel, source, gold, EXHAUSTIVE))
    if shared_dir is not None and shared_dir.is_dir():
        docs.extend(_anchored(corpus_dir / ANCHORED_GOLD, shared_dir, sources))
        docs.extend(_page_offsets(corpus_dir / ANCHORED_GOLD, shared_dir, sources))
        for name, scope in SHARED_SOURCES:
            if sources is not None and name not in sources:
                continue
            root = shared_dir / name
            if (root / "gold").is_dir():
                for gold, source, rel in _pairs(root / "gold", root):
                    docs.append(AnnotatedDoc(name, rel, source, gold, scope))
    return docs


def _anchored(
    gold_dir: Path, shared_dir: Path, sources: tuple[str, ...] | None
) -> Iterator[AnnotatedDoc]:
    """The project's offset-anchored gold whose documents are present in ../shared."""
    for gold in sorted(gold_dir.rglob("*.json")) if gold_dir.is_dir() else ():
        data = json.loads(gold.read_text(encoding="utf-8"))
        if not is_anchored(data):
            continue
        source, _, rel = data[ANCHOR_KEY]["path"].partition("/")
        path = anchored_path(data, shared_dir)
        if (sources is None or source in sources) and path.is_file():
            yield AnnotatedDoc(source, rel, path, gold, EXHAUSTIVE, project_gold=True)


def _page_offsets(
    gold_dir: Path, shared_dir: Path, sources: tuple[str, ...] | None
) -> Iterator[AnnotatedDoc]:
    """The project's gold given as offsets into page files of ../shared (council pages)."""
    for source_dir in sorted(gold_dir.iterdir()) if gold_dir.is_dir() else ():
        if not source_dir.is_dir() or (sources is not None and source_dir.name not in sources):
            continue
        for gold in sorted(source_dir.rglob("*.json")):
            data = json.loads(gold.read_text(encoding="utf-8"))
            page = page_file_for(gold, source_dir, shared_dir)
            rows = [r for t in ("findings", "actions", "metrics") for r in data.get(t) or []]
            if is_anchored(data) or page is None or not (has_file_offsets(data) or not rows):
                continue  # neither offsets into a page nor a page with nothing to find
            rel = page.relative_to(shared_dir / source_dir.name).as_posix()
            yield AnnotatedDoc(source_dir.name, rel, page, gold, EXHAUSTIVE, project_gold=True)


def load_doc(doc: AnnotatedDoc) -> DocData:
    """Load the document and label its candidate sentences from its gold."""
    root = doc.path.parent
    loaded = load_document(doc.path, root)
    analysed_doc = analysed(loaded)
    text = loaded.text
    gold = doc.gold_findings(loaded)
    recs = find_recommendations(text, analysed_doc.is_inspection_report)
    rec_pairs = text_pairs(gold, [r.text for r in recs])
    data = DocData(doc, [], recommendations=recs, gold=gold, n_chars=len(text))
    if doc.scope == RECOMMENDATIONS:
        matched = {gi: pi for gi, pi in rec_pairs}
        for gi, row in enumerate(gold):
            polarity = row.get("polarity") or "weakness"
            if gi in matched:
                item = recs[matched[gi]]
                data.examples.append(
                    LabelledSentence(
                        doc.name,
                        doc.group,
                        item.start,
                        item.end,
                        item.text,
                        item.section,
                        "bullet",
                        polarity,
                    )
                )
            else:  # the list detection missed it: learn from the gold text itself
                data.examples.append(
                    LabelledSentence(
                        doc.name,
                        doc.group,
                        -1,
                        -1,
                        " ".join(str(row.get("text")).split()),
                        row.get("section"),
                        "bullet",
                        polarity,
                    )
                )
        return data
    # Exhaustive: gold rows taken by the list items are out of the classifier's reach.
    taken = {gi for gi, _ in rec_pairs}
    exclude = tuple((r.start, r.end) for r in recs)
    candidates = finding_candidates(analysed_doc, exclude)
    data.candidates = candidates
    sentences = [c.text(text) for c in candidates]
    rest = [gi for gi in range(len(gold)) if gi not in taken]
    pairs = text_pairs([gold[gi] for gi in rest], sentences)
    labels = ["none"] * len(candidates)
    for gj, ci in pairs:
        labels[ci] = gold[rest[gj]].get("polarity") or "none"
    for cand, sentence, label in zip(candidates, sentences, labels, strict=False):
        data.examples.append(
            LabelledSentence(
                doc.name,
                doc.group,
                cand.start,
                cand.end,
                sentence,
                cand.section,
                cand.kind,
                label,
                cand.context,
            )
        )
    return data


def file_digest(path: Path) -> str:
    """First 16 hex characters of the file's sha256 (provenance, not content)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
