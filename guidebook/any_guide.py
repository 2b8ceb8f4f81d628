"""Any school's CHSI guide, read from its file into the guide model: sentences, their terms, and what each is bound to.

Each sentence gets an id (s1, s2 …), its terms (guidebook/terms.py) and one claim per catalogue entry it states; a
sentence the catalogue cannot bind gets one claim that says why (a school office, a service the model lacks, no step).
Where a sentence is one of a guide already curated (fixtures/guide.toml, the seed), its curated terms and its notes on
defective wording come with it, as known errata.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from guidebook.catalogue import CATALOGUE, WHY_UNBOUND, about_chsi, bind, why_unbound
from guidebook.model import Claim, Guide, Section, Sentence
from guidebook.terms import normalised
from guidebook.text import blocks, decode, simplified


def _known(curated: Guide | None) -> dict[str, Sentence]:
    """The curated sentences by their words, to recognise them in a file."""
    return {normalised(s.text): s for s in curated.sentences()} if curated else {}


def _claims(sentence_id: str, text: str, bound: list[str], known: Sentence | None) -> tuple[Claim, ...]:
    """One claim per bound entry (unclear where the curated guide says the wording is defective), or why none."""
    if not bound:
        why = why_unbound(text)
        return (Claim(f"{sentence_id}.uncovered", WHY_UNBOUND[why], uncovered=WHY_UNBOUND[why]),)
    unclear = {c.id: c for c in known.claims if c.unclear} if known else {}
    claims = []
    for entry_id in bound:
        entry = CATALOGUE[entry_id]
        defect = next((unclear[c] for c in entry.seed if c in unclear), None)
        claims.append(
            Claim(f"{sentence_id}.{entry_id}", entry.says, entry=entry_id,
                  unclear=defect.unclear if defect else "", suggest=defect.suggest if defect else "")
        )  # fmt: skip
    return tuple(claims)


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
            sentence = Sentence(sentence_id, "note", words, _claims(sentence_id, words, bound, seen))
            if seen is not None:  # the curated guide's own errata: lost names, wrong names, words left out
                sentence = replace(sentence, curated=seen.curated)
            sentences.append(sentence)
        sections.append(Section(f"p{index}", block.title or (title if index == 1 else ""), tuple(sentences)))
    first = next((s.text for section in sections for s in section.sentences), path.stem)
    return Guide(title or first, "", "", tuple(sections))
