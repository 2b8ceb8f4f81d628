"""Which guide ids a journey names: checked before any test runs, and used to pick the journeys that check a claim."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from guidebook.model import Guide

_KINDS = ("step", "claim", "case")


def _named(node: ast.AST) -> list[tuple[str, str, int]]:
    """(kind, id, line) of every literal `.step("…")` and `.claim("…")` call under `node`."""
    found = []
    for call in ast.walk(node):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.args):
            continue
        first = call.args[0]
        if call.func.attr in _KINDS and isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append(("claim" if call.func.attr == "case" else call.func.attr, first.value, call.lineno))
    return found


@cache
def _module(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def unknown_ids(module: Path, guide: Guide) -> list[str]:
    """Literal ids in `.step("…")` and `.claim("…")` calls of `module` that the guide does not have."""
    known = {"step": set(guide.sentence_ids()), "claim": set(guide.claims())}
    return [
        f"{module.name}:{line}: 指南中没有{KIND_ZH[kind]} {value!r}（{_nearby(kind, value, guide)}）"
        for kind, value, line in _named(_module(module))
        if value not in known[kind]
    ]


KIND_ZH = {"step": "步骤", "claim": "说法"}


def _nearby(kind: str, value: str, guide: Guide) -> str:
    """What the journey may have meant: the claims of the step it names (each step's own <step>.possible among them),
    or the steps of the section."""
    if kind == "claim":
        step = value.rsplit(".", 1)[0]
        if step in guide.sentence_ids():
            return f"{step} 的说法有：" + "、".join(c.id for c in guide.sentence(step).all_claims())
    section = value.split(".", 1)[0]
    steps = [s for s in guide.sentence_ids() if s.split(".", 1)[0] == section]
    return ("这一节的步骤有：" + "、".join(steps)) if steps else "编号见 fixtures/guide.toml"


def claims_checked(module: Path, function: str, guide: Guide) -> set[str]:
    """The claims a test function checks: those it names, and the implicit claim of each step it performs.

    Helpers of the same module that the test calls count as part of it.
    """
    tree = _module(module)
    functions = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
    todo, seen = [function], set()
    named: list[tuple[str, str, int]] = []
    while todo:
        name = todo.pop()
        if name in seen or name not in functions:
            continue
        seen.add(name)
        named += _named(functions[name])
        todo += [
            c.func.id for c in ast.walk(functions[name]) if isinstance(c, ast.Call) and isinstance(c.func, ast.Name)
        ]
    claims = {value for kind, value, _ in named if kind == "claim"}
    for kind, value, _ in named:
        possible = guide.sentence(value).possible if kind == "step" else None
        if possible:
            claims.add(possible.id)
    return claims


def journeys_with_claims(folder: Path) -> set[str]:
    """Every test function (as module.function) in `folder`'s test modules that performs a guide step or claim."""
    found = set()
    for module in sorted(folder.glob("test_*.py")):
        for function in _module(module).body:
            if isinstance(function, ast.FunctionDef) and function.name.startswith("test_") and _named(function):
                found.add(f"{module.stem}.{function.name}")
    return found


@dataclass(frozen=True)
class Replay:
    """A journey a trainer can replay: its test and what it shows."""

    test: str
    shows: str

    @property
    def test_name(self) -> str:
        """The test function's name, which names its trace and captions."""
        return self.test.rsplit("::", 1)[1]


def replays(folder: Path) -> dict[str, Replay]:
    """The journeys marked @pytest.mark.replay("name", "what it shows") in `folder`'s test modules, by name."""
    found = {}
    for module in sorted(folder.glob("test_*.py")):
        for function in _module(module).body:
            if not isinstance(function, ast.FunctionDef):
                continue
            for mark in function.decorator_list:
                if isinstance(mark, ast.Call) and isinstance(mark.func, ast.Attribute) and mark.func.attr == "replay":
                    name, shows = (arg.value for arg in mark.args if isinstance(arg, ast.Constant))
                    found[str(name)] = Replay(f"{folder.name}/{module.name}::{function.name}", str(shows))
    # In the guide's order: what each shows begins with its section's numeral (一、二、三).
    return dict(sorted(found.items(), key=lambda item: "一二三".find(item[1].shows[:1])))
