"""What a settled page offers a student by role and name (controls, fields, headings), and which a guide word means."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Locator, Page
from rapidfuzz import fuzz, process

from guidebook.terms import normalised
from harness import page_locators

# How the page's controls and fields are found and named, as a student reads them (a field by its label).
_NAMING = """
  // Shown, as Playwright's role and label locators see it: laid out, not hidden, not inside an aria-hidden part.
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility === "visible"
    && !el.closest("[aria-hidden=true]");
  const text = (el) => (el.getAttribute("aria-label") || el.innerText || el.value || "").replace(/\\s+/g, " ").trim();
  const label = (el) => (el.labels && el.labels.length ? el.labels[0].innerText : el.getAttribute("aria-label") || "")
    .replace(/\\s+/g, " ").trim();
  const controlsIn = (root) => [...root.querySelectorAll(
    "button, a[href], input[type=submit], input[type=button], [role=button]")].filter(visible);
  const roleOf = (el) => (el.getAttribute("role") === "button" || el.tagName !== "A" ? "button" : "link");
  const fieldsIn = (root) => [...root.querySelectorAll(
    "input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea")]
    .filter((el) => visible(el) || el.type === "file");
  const fieldRole = (el) => (el.type === "file" ? "file" : el.tagName === "SELECT" ? "combobox" : "textbox");
"""
# Every visible control, field and heading, named as a student reads it. READ: the same, as an expression settle()
# can evaluate within its own look at the page.
_INVENTORY = f"""
(root) => {{
  {_NAMING}
  const controls = controlsIn(root).map((el) => ({{ role: roleOf(el), name: text(el) }}));
  const fields = fieldsIn(root).map((el) => ({{ role: fieldRole(el), name: label(el) }}));
  const headings = [...root.querySelectorAll("h1, h2, h3")].filter(visible).map(text);
  return {{ controls, fields, headings, title: document.title }};
}}
"""
# The elements of the whole page a Found names ([role, name]), found as the inventory found it and as a guide step
# locates it (a control: the first shown one of that name; a field: every one of that label), in the page's own
# script: a look at them needs none of Playwright's selector machinery in the page (its first use on each new
# document costs more than the look).
FIND = f"""
([role, name]) => {{
  {_NAMING}
  const root = document.documentElement;
  if (role === "link" || role === "button") {{
    return controlsIn(root).filter((el) => roleOf(el) === role && text(el) === name).slice(0, 1);
  }}
  return fieldsIn(root).filter((el) => fieldRole(el) === role && label(el) === name);
}}
"""
READ = f"({_INVENTORY.strip()})(document.documentElement)"
# How alike two names must be (0–100) for the site's nearest name to be offered as what it shows instead.
NEAR = 70
# The fewest characters of a mail's subject the guide must give, in order, to name it by some of its words.
PARTLY = 4


@dataclass(frozen=True)
class Found:
    """An element a student can see: its role and name."""

    role: str
    name: str


@dataclass(frozen=True)
class Inventory:
    """What one page (or part of it) offers, as read in one look."""

    controls: tuple[Found, ...]
    fields: tuple[Found, ...]
    uploads: tuple[Found, ...]
    headings: tuple[str, ...]
    title: str

    @classmethod
    def of(cls, scope: Page | Locator) -> Inventory:
        """Read the page, or the part `scope` locates."""
        root = scope.locator(":root") if isinstance(scope, Page) else scope
        return cls.read(page_locators.evaluate(root, _INVENTORY))

    @classmethod
    def read(cls, look: dict[str, Any]) -> Inventory:
        """What READ found on a page."""
        fields = [Found(f["role"], f["name"]) for f in look["fields"] if f["role"] != "file"]
        uploads = [Found("file", f["name"]) for f in look["fields"] if f["role"] == "file"]
        return cls(
            tuple(Found(c["role"], c["name"]) for c in look["controls"] if c["name"]),
            tuple(f for f in fields if f.name),
            tuple(u for u in uploads if u.name),
            tuple(h for h in look["headings"] if h),
            look["title"],
        )

    def __add__(self, other: Inventory) -> Inventory:
        """What two looks at a page offered together."""
        return Inventory(
            self.controls + other.controls, self.fields + other.fields, self.uploads + other.uploads,
            self.headings + other.headings, " ".join(t for t in (self.title, other.title) if t),
        )  # fmt: skip

    def control(self, word: str, *, partial: bool = False, role: str = "") -> Found | None:
        """The control whose name is the guide's word (spaces, brackets and punctuation aside); `partial`: whose name
        holds it (a mail's subject); `role`: any control of that role, for a word that names a kind (链接)."""
        if role:
            return next((c for c in self.controls if c.role == role), None)
        want = normalised(word)
        named = (c for c in self.controls if normalised(c.name) == want or (partial and mentions(c.name, want)))
        return next(named, None)

    def field(self, word: str, uploads: bool = False) -> Found | None:
        """The field the guide's word names: its label exactly, else a label that differs by a qualifier or two
        characters (身份证号码 / 身份证号, 姓名 / 真实姓名), never a longer label that names another field."""
        pool = self.uploads if uploads else self.fields
        want = normalised(word)
        exact = next((f for f in pool if normalised(f.name) == want), None)
        return exact or next((f for f in pool if _same_field(want, normalised(f.name))), None)

    def page_named(self, word: str) -> bool:
        """True when the page's heading or title is the page the guide names (登录页面 → 个人用户登录)."""
        want = normalised(_bare_page(word))
        names = [normalised(h) for h in (*self.headings, self.title)]
        return bool(want) and any(want in name for name in names)

    def nearest(self, word: str, kind: str) -> str:
        """The site's name most like the guide's word among what the page offers of that kind ("" if none is near)."""
        pool = {"control": [c.name for c in self.controls], "field": [f.name for f in self.fields],
                "upload": [u.name for u in self.uploads], "page": list(self.headings[:1])}[kind]  # fmt: skip
        if kind == "page":
            return pool[0] if pool else self.title
        best = process.extractOne(word, pool, scorer=fuzz.WRatio) if pool else None
        return best[0] if best and best[1] >= NEAR else ""


def located(scope: Page | Locator, found: Found) -> Locator:
    """Where a guide step acts on what the inventory found (as FIND finds it): a control, the first shown one of its
    role and name; a field, by its label."""
    if found.role in ("button", "link"):
        return scope.get_by_role(found.role, name=found.name, exact=True).filter(visible=True).first  # type: ignore[arg-type]
    return scope.get_by_label(found.name, exact=True)


def mentions(name: str, word: str) -> bool:
    """A mail's subject as a student recognises it from the guide's words: 学信网激活邮件 is 学信网帐号激活邮件, and
    激活邮件 is 请激活您的帐号 (a mail need not call itself one)."""
    name = normalised(name)
    if word in name:
        return True
    core = next((word.removesuffix(kind) for kind in ("电子邮件", "邮件") if word.endswith(kind)), word)
    if core != word and len(core) >= 2 and core in name:
        return True
    rest = iter(name)  # every character of the guide's words, in order, among the subject's
    return len(core) >= PARTLY and all(character in rest for character in core)


def _bare_page(word: str) -> str:
    """A page's name without the word for page: 实名注册页面 → 实名注册."""
    for suffix in ("页面", "界面", "网页", "首页", "窗口"):
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


def _same_field(want: str, label: str) -> bool:
    """Two names of one field: one holds the other and they differ by at most two characters."""
    short, long = sorted((want, label), key=len)
    return len(short) >= 2 and short in long and len(long) - len(short) <= 2 and not long.startswith(("确认", "再次"))
