"""Edits of a guide sentence's text that read as Chinese prose: a clause taken out with the mark that closed it, a
field taken out of a list with the 、 or 和 that joined it. Each is (start, end, replacement) on the sentence."""

from __future__ import annotations

import re

from guidebook.terms import LIST_JOINERS, Term

# What is left of a clause once its only field is gone: a verb of typing and the words that lead into it.
ONLY_A_VERB = re.compile(r"(?:再|并|然后|还要|还需|还须|最后)?(?:输入|填写|填入|填好|录入)")
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
    # The field alone after its verb (再输入图片验证码，): without it the clause says nothing, so the clause goes.
    begins = max((text.rfind(mark, 0, term.start) for mark in CLAUSE_ENDS), default=-1) + 1
    if (term.end == len(text) or text[term.end] in CLAUSE_ENDS) and ONLY_A_VERB.fullmatch(text[begins : term.start]):
        return clause_removed(text, (begins, term.end))
    return term.start, term.end, ""
