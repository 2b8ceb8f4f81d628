"""Edits of a guide sentence's text that read as Chinese prose: a clause taken out with the mark that closed it, a
field taken out of a list with the 、 or 和 that joined it. Each is (start, end, replacement) on the sentence."""

from __future__ import annotations

from guidebook.terms import LIST_JOINERS, Term

# What closes a clause in a guide's sentence.
CLAUSE_ENDS = ";；,，!！。"


def clause_removed(text: str, clause: tuple[int, int]) -> tuple[int, int, str]:
    """The edit that takes a clause out of the sentence, with the mark that closed it."""
    start, end = clause
    return start, end + (text[end : end + 1] in CLAUSE_ENDS), ""


def term_removed(text: str, term: Term) -> tuple[int, int, str]:
    """The edit that takes a field out of the guide's list, with the 、 or 和 that joined it."""
    if term.start > 0 and text[term.start - 1] in LIST_JOINERS:
        return term.start - 1, term.end, ""
    if term.end < len(text) and text[term.end] in LIST_JOINERS:
        return term.start, term.end + 1, ""
    return term.start, term.end, ""
