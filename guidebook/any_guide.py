"""Any school's CHSI guide, read from its file into the guide model: sentences, their terms, and what each is bound to.

Each sentence gets an id (s1, s2 …), its terms (guidebook/terms.py) and one claim per catalogue entry it states; a
sentence the catalogue cannot bind gets one claim that says why (a school office, a service the model lacks, no step).
Where a sentence is one of a guide already curated (fixtures/guide.toml, the seed), its curated terms and its notes on
defective wording come with it, as known errata; a line holding only part of a curated sentence (a copy broken across
lines) brings the notes of the claims whose words it holds. A sentence whose quotes lost the name they held is unclear
wherever it is bound.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from guidebook.catalogue import CATALOGUE, WHY_UNBOUND, about_chsi, bind, why_unbound
from guidebook.model import Claim, Guide, Section, Sentence
from guidebook.terms import loses_a_name, normalised
from guidebook.text import blocks, decode, simplified


def _known(curated: Guide | None) -> dict[str, Sentence]:
    """The curated sentences by their words, to recognise them in a file."""
    return {normalised(s.text): s for s in curated.sentences()} if curated else {}


# Said of a bound claim whose sentence lost a name between its quotes.
LOST_NAME = "原文引号里的名称丢失了（引号之间没有字，或引号没有合上），学生不知道该找哪一项"


def _defects(text: str, known: Sentence | None, curated: Guide | None) -> dict[str, Claim]:
    """The curated claims with defective wording this sentence carries: all of its curated sentence's, or, for a part
    of one, those whose words it holds."""
    if known is not None:
        return {c.id: c for c in known.claims if c.unclear}
    claims = curated.claims().values() if curated else []
    words = normalised(text)
    return {c.id: c for c in claims if c.unclear and len(normalised(c.text)) > 4 and normalised(c.text) in words}


def _claims(sentence_id: str, text: str, bound: list[str], unclear: dict[str, Claim], chsi: bool) -> tuple[Claim, ...]:
    """One claim per bound entry (unclear where the curated guide says the wording is defective, or where the text
    lost a name between its quotes), or why none (`chsi`: the guide speaks of CHSI at all)."""
    if not bound:
        why = why_unbound(text) if chsi else "elsewhere"
        return (Claim(f"{sentence_id}.uncovered", WHY_UNBOUND[why], uncovered=WHY_UNBOUND[why]),)
    lost = LOST_NAME if loses_a_name(text) else ""
    claims = []
    for entry_id in bound:
        entry = CATALOGUE[entry_id]
        defect = next((unclear[c] for c in entry.seed if c in unclear), None)
        claims.append(
            Claim(f"{sentence_id}.{entry_id}", entry.says, entry=entry_id,
                  unclear=defect.unclear if defect else lost, suggest=defect.suggest if defect else "")
        )  # fmt: skip
    return tuple(claims)


# The most of a first sentence that serves as the title of a guide without one.
LONGEST_TITLE = 40


def read_guide(path: Path, title: str = "", curated: Guide | None = None) -> Guide:
    """The guide in `path` (UTF-8 or GB18030, simplified or traditional) as the model the audit judges."""
    text = simplified(decode(path.read_bytes()))
    chsi = about_chsi(text)
    known = _known(curated)
    sections, number = [], 0
    for index, block in enumerate(blocks(text), 1):
        sentences = []
        for words in block.sentences:
            number += 1
            sentence_id = f"s{number}"
            seen = known.get(normalised(words))
            bound = [entry.id for entry in bind(words)] if chsi else []
            defects = _defects(words, seen, curated)
            sentence = Sentence(sentence_id, "note", words, _claims(sentence_id, words, bound, defects, chsi))
            if seen is not None:  # the curated guide's own errata: lost names, wrong names, words left out
                sentence = replace(sentence, curated=seen.curated)
            sentences.append(sentence)
        sections.append(Section(f"p{index}", block.title or (title if index == 1 else ""), tuple(sentences)))
    first = next((s.text for section in sections for s in section.sentences), path.stem)
    # A first sentence that runs on (a guide with no line breaks) is cut: a title is read at a glance.
    return Guide(title or (first if len(first) <= LONGEST_TITLE else first[:LONGEST_TITLE] + "…"), "", "",
                 tuple(sections))  # fmt: skip
