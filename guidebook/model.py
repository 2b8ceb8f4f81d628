"""A guide as data: sections, sentences with their terms, and the claims a run can confirm or contradict."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from guidebook.terms import Term, TermKind, read_terms


@dataclass(frozen=True)
class Claim:
    """A checkable statement of the guide."""

    id: str
    text: str
    unclear: str = ""
    suggest: str = ""
    # For a claim no word replacement can correct (a behaviour the site changed): the clause of the sentence it is
    # about (`at`, default: the claim's text where the sentence has it) and what to write instead (`fix`, with
    # {observed}: what the site does).
    at: str = ""
    fix: str = ""
    # For a sentence nothing on the site can check: why (the audit lists it as 未覆盖 with this reason).
    uncovered: str = ""
    # What the claim is bound to in the site's catalogue (guidebook/catalogue.py), for a guide read from its text.
    entry: str = ""


@dataclass(frozen=True)
class Curated:
    """A term the text alone cannot give right: a lost name, a wrong name, or a word the sentence leaves out."""

    word: str  # what the site is searched for
    kind: TermKind
    why: str
    at: str = ""  # the words of the sentence it stands for; "" for a word the sentence leaves out
    after: str = ""  # for a word left out: the words after which a correction mentions it (default: the end)


@dataclass(frozen=True)
class Sentence:
    """A numbered step or note of the guide, in its own words."""

    id: str
    kind: Literal["step", "note"]
    text: str
    claims: tuple[Claim, ...]
    curated: tuple[Curated, ...] = ()
    # The step's own correction when its action cannot be done as written and no word explains why (see Claim).
    at: str = ""
    fix: str = ""

    @property
    def title(self) -> str:
        """The sentence as a step title, with the source's mis-encoded quotes shown as “ ”."""
        return self.text.replace("‚", "“").replace("‛", "”")

    @property
    def label(self) -> str:
        """How an editor names the sentence: 第三步, 注意, 1、忘记学信网登录用户名处理办法 (never cut inside a word:
        up to its first colon, else its first comma, else the whole sentence)."""
        for mark in (":", "：", ",", "，", "。"):
            if mark in self.title:
                return self.title.split(mark, 1)[0]
        return self.title

    @property
    def numbered(self) -> bool:
        """True for a numbered step (第三步), which reads without quotes in a sentence."""
        return self.label.startswith("第")

    @property
    def possible(self) -> Claim | None:
        """A step's implicit claim: its action can be done on the site."""
        if self.kind != "step":
            return None
        return Claim(f"{self.id}.possible", f"{self.title}（该操作在网站上可以完成）", at=self.at, fix=self.fix)

    def all_claims(self) -> tuple[Claim, ...]:
        """The stated claims plus, for a step, that it is possible."""
        return (*self.claims, self.possible) if self.possible else self.claims

    @cached_property
    def terms(self) -> tuple[Term, ...]:
        """The terms the reader finds in the text, with the curated ones in place of what they stand for."""
        found = list(read_terms(self.text))
        for curated in self.curated:
            if curated.at:
                start, end = _where(self.text, curated.at, found)
                overlapped = [t for t in found if t.start < end and t.end > start]
                found = [t for t in found if t not in overlapped]
                quoted = any(t.quoted for t in overlapped)
                inner = curated.at.strip("".join(q for pair in _QUOTE_MARKS for q in pair))
                found.append(Term(curated.kind, inner, start, end, quoted=quoted, word=curated.word, note=curated.why))
            else:
                at = (
                    self.text.index(curated.after) + len(curated.after)
                    if curated.after
                    else len(self.text.rstrip("。!！"))
                )
                found.append(
                    Term(curated.kind, curated.word, at, at, word=curated.word, note=curated.why, implied=True)
                )
        return tuple(sorted(found, key=lambda t: (t.start, t.implied)))

    def term(self, word: str) -> Term | None:
        """The term a journey names by the guide's word (as written, or as curated)."""
        return next((t for t in self.terms if word in (t.sought, t.text) and (t.text or t.word)), None)


def _where(text: str, words: str, found: list[Term]) -> tuple[int, int]:
    """The span of `words` in `text`: where they overlap a term the reader found, else their first place."""
    places = [m.start() for m in re.finditer(re.escape(words), text)]
    if not places:
        raise ValueError(f"curated term: {words!r} is not in the sentence {text!r}")
    start = next((at for at in places if any(t.start < at + len(words) and t.end > at for t in found)), places[0])
    return start, start + len(words)


# The quote marks a curated `at` may carry around a name (the seed's lost names are ‚‛).
_QUOTE_MARKS = (("‚", "‛"), ("“", "”"), ("‘", "’"), ("「", "」"), ("【", "】"))


@dataclass(frozen=True)
class Section:
    """One section of the guide."""

    id: str
    title: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Guide:
    """The whole guide, with lookups by id."""

    title: str
    author: str
    date: str
    sections: tuple[Section, ...]

    def sentence(self, sentence_id: str) -> Sentence:
        """The sentence with `sentence_id`; KeyError names the ids that exist."""
        for section in self.sections:
            for sentence in section.sentences:
                if sentence.id == sentence_id:
                    return sentence
        raise KeyError(f"no guide sentence {sentence_id!r}; known: {', '.join(self.sentence_ids())}")

    def section_of(self, sentence_id: str) -> Section:
        """The section holding `sentence_id`."""
        return next(s for s in self.sections if any(x.id == sentence_id for x in s.sentences))

    def place(self, sentence_id: str) -> str:
        """Where a sentence is, as a reader names it: 一、第九步 (the label alone where sections have no number)."""
        number = self.section_of(sentence_id).title.split("、")[0]
        label = self.sentence(sentence_id).label
        return f"{number}、{label}" if number and len(number) <= 3 else label

    def sentence_ids(self) -> list[str]:
        """Every sentence id, in reading order."""
        return [x.id for s in self.sections for x in s.sentences]

    def sentences(self) -> list[Sentence]:
        """Every sentence, in reading order."""
        return [x for s in self.sections for x in s.sentences]

    def claims(self) -> dict[str, Claim]:
        """Every claim by id, in reading order."""
        return {c.id: c for s in self.sections for x in s.sentences for c in x.all_claims()}
