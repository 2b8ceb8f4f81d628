"""Every guide id a journey names must exist: checked by reading the test modules, before any test runs."""

from __future__ import annotations

import ast
from pathlib import Path

from fixtures.guide import Guide


def unknown_ids(module: Path, guide: Guide) -> list[str]:
    """Literal ids in `.step("…")` and `.claim("…")` calls of `module` that the guide does not have."""
    sentences, claims = set(guide.sentence_ids()), set(guide.claims())
    problems = []
    for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
            continue
        first = node.args[0]
        if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
            continue
        known = {"step": sentences, "claim": claims}.get(node.func.attr)
        if known is not None and first.value not in known:
            problems.append(f"{module.name}:{node.lineno}: no guide {node.func.attr} {first.value!r}")
    return problems
