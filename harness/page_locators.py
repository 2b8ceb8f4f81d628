"""Playwright locators the page's own script can follow: CSS, role, label, and, or, nth and visible, in the main frame.

A look through Playwright's locator from the page's script (Locator.evaluate_all) first sets up Playwright's selector
machinery in that document's main world, which on each new document costs more than the look itself; the same
locator followed by the page's own script costs a plain evaluation. Roles, accessible names, labels and visibility
are computed as Playwright computes them for the pages this suite visits; whatever else a selector holds (text
engines, frames, has-text, layout, hidden elements by request) is left to Playwright, as is deciding that an element
is not there (tests/looks_checked.py compares every such look of a whole run with Playwright's own).
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from playwright.sync_api import Locator

from harness.tracing import unseen

# The roles followed here: implicit ones by element, and whether an element of that role is named by its content.
ROLES = {"button", "link", "heading", "navigation", "table", "article", "dialog", "form", "status", "alert"}
_NAMED_BY_CONTENT = {"button", "link", "heading"}
# Playwright's own CSS extensions: a selector using one is Playwright's to follow.
_PLAYWRIGHT_CSS = re.compile(
    r":(has-text|text|text-is|text-matches|visible|nth-match|light|right-of|left-of|above|below|near)\b"
)
_ENGINE = re.compile(r"^([a-zA-Z_0-9+:*-]+)=(.*)$", re.S)
_ROLE = re.compile(r'^([a-z]+)(?:\[name=("(?:[^"\\]|\\.)*")([si]?)\])?$', re.S)
_QUOTED = re.compile(r'^("(?:[^"\\]|\\.)*")([si]?)$', re.S)

# The elements a plan ([[kind, ...], ...]) finds from the document, as Playwright's querySelectorAll finds them:
# each part from the elements the one before found (and/or from the plan's own root), in document order.
RESOLVE = """
(plan) => {
  const norm = (s) => String(s || "").replace(/\\u200b/g, "").trim().replace(/\\s+/g, " ");
  const styleVisible = (el) => getComputedStyle(el).visibility === "visible"
    && (!el.checkVisibility || el.checkVisibility());
  const hiddenForAria = (el) => {
    for (let e = el; e; e = e.parentElement) {
      if (e.getAttribute("aria-hidden") === "true" || getComputedStyle(e).display === "none") return true;
    }
    return !styleVisible(el);
  };
  const visible = (el) => {
    if (!styleVisible(el)) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const implicitRole = (el) => {
    const tag = el.tagName;
    if (tag === "BUTTON") return "button";
    if (tag === "INPUT") return ["button", "submit", "reset", "image"].includes(el.type) ? "button" : "";
    if ((tag === "A" || tag === "AREA") && el.hasAttribute("href")) return "link";
    if (/^H[1-6]$/.test(tag)) return "heading";
    const own = { NAV: "navigation", TABLE: "table", ARTICLE: "article", DIALOG: "dialog", OUTPUT: "status" }[tag];
    if (own) return own;
    if (tag === "FORM") return authorName(el) ? "form" : "";
    return "";
  };
  const roleOf = (el) => {
    const given = (el.getAttribute("role") || "").trim().split(/\\s+/)[0];
    return given || implicitRole(el);
  };
  const textOf = (node) => {  // the name an element's content gives it, leaving hidden parts out
    let out = "";
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) out += child.nodeValue;
      else if (child.nodeType === Node.ELEMENT_NODE && !hiddenForAria(child)) {
        const label = child.getAttribute("aria-label");
        if (label && label.trim()) out += " " + label + " ";
        else if (child.tagName === "IMG") out += " " + (child.getAttribute("alt") || "") + " ";
        else if (child.tagName === "INPUT") out += " " + (child.value || "") + " ";
        else {
          const inline = getComputedStyle(child).display.startsWith("inline");
          out += (inline ? "" : " ") + textOf(child) + (inline ? "" : " ");
        }
      }
    }
    return out;
  };
  const authorName = (el) => {
    const ids = (el.getAttribute("aria-labelledby") || "").trim();
    if (ids) {
      const parts = ids.split(/\\s+/).map((id) => document.getElementById(id)).filter(Boolean);
      if (parts.length) return norm(parts.map((p) => p.getAttribute("aria-label") || textOf(p)).join(" "));
    }
    return norm(el.getAttribute("aria-label"));
  };
  const nameOf = (el, role) => {
    const author = authorName(el);
    if (author) return author;
    if (el.tagName === "INPUT") {
      if (el.type === "image") return norm(el.getAttribute("alt"));
      return norm(el.value || { submit: "Submit", reset: "Reset" }[el.type] || "");
    }
    if (el.tagName === "TABLE" && el.caption) return norm(textOf(el.caption));
    const content = ROLES_BY_CONTENT.includes(role) ? norm(textOf(el)) : "";
    return content || norm(el.getAttribute("title"));
  };
  const matches = (text, want, exact) => exact ? text === norm(want)
    : text.toLowerCase().includes(norm(want).toLowerCase());
  const labelsOf = (el) => {
    const ids = (el.getAttribute("aria-labelledby") || "").trim();
    const byIds = ids.split(/\\s+/).map((id) => document.getElementById(id)).filter(Boolean);
    if (ids) return byIds.map((l) => l.textContent);
    const aria = el.getAttribute("aria-label");
    if (aria !== null && aria.trim()) return [aria];
    const labelable = ["BUTTON", "METER", "OUTPUT", "PROGRESS", "SELECT", "TEXTAREA"].includes(el.tagName)
      || (el.tagName === "INPUT" && el.type !== "hidden");
    return labelable && el.labels ? [...el.labels].map((l) => l.textContent) : [];
  };
  const descendants = (root) => [...root.querySelectorAll("*")];
  const engines = {
    css: (root, [css]) => [...root.querySelectorAll(css)],
    role: (root, [role, name, exact]) => descendants(root).filter((el) => roleOf(el) === role && !hiddenForAria(el)
      && (name === null || matches(nameOf(el, role), name, exact))),
    label: (root, [text, exact]) => descendants(root)
      .filter((el) => labelsOf(el).some((l) => matches(norm(l), text, exact))),
  };
  const inOrder = (els) => [...new Set(els)].sort((a, b) =>
    a === b ? 0 : a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1);
  const follow = (parts, root) => {
    let found = [root];
    for (const [kind, ...args] of parts) {
      if (kind === "nth") found = found.slice(args[0], args[0] + 1);
      else if (kind === "visible") found = found.filter((el) => visible(el) === args[0]);
      else if (kind === "and") {
        const had = new Set(found);
        found = follow(args[0], root).filter((el) => had.has(el));
      }
      else if (kind === "or") found = inOrder([...found, ...follow(args[0], root)]);
      else found = [...new Set(found.flatMap((el) => engines[kind](el, args)))];
    }
    return found;
  };
  return follow(plan, document);
}
""".replace("ROLES_BY_CONTENT", json.dumps(sorted(_NAMED_BY_CONTENT)))


def evaluate_all(target: Locator, function: str, arg: Any = None) -> Any:
    """Locator.evaluate_all(function, arg), the elements found by the page's own script where it can follow `target`
    and finds any; otherwise by Playwright, whose locator alone says that nothing matches."""
    with unseen():  # the harness's own look: not in a trace
        plain = followed(target, function, arg)
        return plain[1] if plain is not None and plain[0] else target.evaluate_all(function, arg)


def evaluate(target: Locator, function: str, arg: Any = None) -> Any:
    """Locator.evaluate(function, arg) on the one element `target` matches, found by the page's own script where it
    can follow `target` and finds exactly one; otherwise by Playwright, whose strict locator says what is wrong."""
    with unseen():
        plain = followed(target, f"(els, arg) => ({function})(els[0], arg)", arg)
        return plain[1] if plain is not None and plain[0] == 1 else target.evaluate(function, arg)


def count(target: Locator) -> int:
    """Locator.count(), counted by the page's own script where it can follow `target` and finds any; otherwise by
    Playwright, whose locator alone says that nothing matches."""
    with unseen():
        plain = followed(target, "() => null")
        return plain[0] if plain is not None and plain[0] else target.count()


def followed(target: Locator, function: str, arg: Any = None) -> tuple[int, Any] | None:
    """What `function` (a page script taking the elements and `arg`) makes of the elements `target` matches, with how
    many it matched, followed by the page's own script; None when only Playwright can follow `target`. `function` is
    not called when nothing matched."""
    parts = plan(target)
    if parts is None:
        return None
    count, value = target.page.evaluate(_script(function), [parts, arg])
    return int(count), value


@cache
def _script(function: str) -> str:
    """The page script that follows a plan and hands what it found to `function` (built once per function: every
    guide step's action runs one)."""
    return f"""async ([plan, arg]) => {{
      const els = ({RESOLVE})(plan);
      return [els.length, els.length ? await ({function})(els, arg) : null];
    }}"""


def plan(target: Locator) -> list[Any] | None:
    """`target`'s selector as parts RESOLVE follows, or None when only Playwright can follow it (another frame, an
    engine or option not followed here)."""
    impl = target._impl_obj  # the selector and frame Playwright keeps; no public API gives them
    if impl._frame != target.page.main_frame._impl_obj:
        return None
    return _parts(impl._selector)


def _parts(selector: str) -> list[Any] | None:
    """A selector string split into followed parts (Playwright's selector syntax), or None."""
    parts: list[Any] = []
    for text in _split(selector):
        part = _part(text)
        if part is None:
            return None
        parts.append(part)
    return parts


def _part(text: str) -> list[Any] | None:
    """One part of a selector (engine=body, or CSS) as RESOLVE follows it, or None."""
    engine = _ENGINE.match(text)
    name, body = (engine.group(1), engine.group(2)) if engine else ("css", text)
    if name == "css":
        odd = not body or body.startswith(('"', "'", "//", "(", "..")) or _PLAYWRIGHT_CSS.search(body)
        return None if odd else ["css", body]  # text and XPath are Playwright's too
    if name == "nth" and re.fullmatch(r"\d+", body):
        return ["nth", int(body)]
    if name == "visible" and body in ("true", "false"):
        return ["visible", body == "true"]
    if name in ("internal:and", "internal:or"):
        inner = _parts(json.loads(body))
        return None if inner is None else [name.removeprefix("internal:"), inner]
    if name == "internal:role":
        role = _ROLE.match(body)
        if role is None or role.group(1) not in ROLES:
            return None
        return ["role", role.group(1), json.loads(role.group(2)) if role.group(2) else None, role.group(3) == "s"]
    if name == "internal:label":
        quoted = _QUOTED.match(body)
        return None if quoted is None else ["label", json.loads(quoted.group(1)), quoted.group(2) == "s"]
    return None


def _split(selector: str) -> list[str]:
    """The parts between `>>`, outside quotes, as Playwright splits a selector."""
    parts, start, quote, index = [], 0, "", 0
    while index < len(selector):
        character = selector[index]
        if character == "\\":
            index += 2
            continue
        if quote and character == quote:
            quote = ""
        elif not quote and character in "\"'`":
            quote = character
        elif not quote and selector.startswith(">>", index):
            parts.append(selector[start:index].strip())
            start = index + 2
            index += 1
        index += 1
    parts.append(selector[start:].strip())
    return parts
