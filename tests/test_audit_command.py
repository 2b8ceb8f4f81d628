"""`chsi-e2e audit FILE` as a school's office runs it: a guide of theirs gets its audit, Allure results and handouts
under reports/audits/<name>/<profile>/; what is no guide gets a clear Chinese message; the seed's own reports stay."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from chsi_e2e.audit import Fit, fit_summary
from guidebook.model import Sentence
from harness.audit import Audit, SentenceAudit
from harness.evidence import Verdict
from mock_server.profile import described

ROOT = Path(__file__).parents[1]
GUIDES = ROOT / "fixtures" / "guides"
SEED_AUDIT = ROOT / "reports" / "guide-audit.json"


def _audit(file: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chsi_e2e.cli", "audit", str(file), *options],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def _seed_audit() -> bytes | None:
    return SEED_AUDIT.read_bytes() if SEED_AUDIT.is_file() else None


@pytest.fixture
def own_copy(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """A guide of the corpus under a name of this test's own, its reports folder removed afterwards."""
    name = f"测试-{request.node.name.split('[')[0][-20:]}"
    folder = ROOT / "reports" / "audits" / name
    shutil.rmtree(folder, ignore_errors=True)
    yield tmp_path / f"{name}.txt"
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"", "文件是空的"),
        ((GUIDES / "word-doc-renamed.txt").read_bytes(), "这不是纯文本文件"),
        ("学信网".encode() * 200_000, "不像一份操作指南"),
    ],
    ids=["empty", "word-document", "two-megabytes"],
)
def test_what_is_no_guide_is_refused_in_chinese_and_nothing_is_written(own_copy: Path, data: bytes, says: str) -> None:
    """No guide: a non-zero exit with the reason in Chinese, no folder made, the seed's audit untouched."""
    own_copy.write_bytes(data)
    before = _seed_audit()
    run = _audit(own_copy)
    assert run.returncode != 0 and says in run.stdout + run.stderr, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    assert not (ROOT / "reports" / "audits" / own_copy.stem).exists() and _seed_audit() == before


def test_a_traditional_guide_gets_its_audit_and_handouts_in_its_own_folder(own_copy: Path) -> None:
    """A guide in traditional characters on today's site: its audit page and JSON, its results and a printed handout
    whose headings carry the audit's corrections, all under reports/audits/<name>/current/; the seed's audit stays."""
    shutil.copy(GUIDES / "traditional-2015.txt", own_copy)
    before = _seed_audit()
    run = _audit(own_copy, "--site-profile", "current")
    out = ROOT / "reports" / "audits" / own_copy.stem / "current"
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    audit = json.loads((out / "guide-audit.json").read_text(encoding="utf-8"))
    assert audit["profile"] == "current" and "contradicted" in audit["counts"]
    assert (out / "guide-audit.html").is_file() and any((out / "allure-results").glob("*-result.json"))
    handouts = sorted((out / "walkthroughs").glob("*.html"))
    assert handouts and [p.with_suffix(".pdf").is_file() for p in handouts] == [True] * len(handouts)
    page = handouts[0].read_text(encoding="utf-8")
    fixed = [c["suggestion"] for c in audit["claims"] if c["verdict"] == "contradicted" and c.get("suggestion")]
    assert fixed and any(f in page for f in fixed), "the handout's headings carry the audit's corrections"
    assert "今天的学信网" in page and f"手册（{described('current')}）" in run.stdout
    assert _seed_audit() == before


def test_a_guide_of_another_website_is_audited_as_not_covered(own_copy: Path) -> None:
    """A library's guide: the command runs, every sentence is 未覆盖 with its reason, nothing is blamed on the site."""
    shutil.copy(GUIDES / "other-website.txt", own_copy)
    run = _audit(own_copy)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    audit = json.loads((ROOT / "reports" / "audits" / own_copy.stem / "2012" / "guide-audit.json").read_text("utf-8"))
    assert {verdict for verdict, n in audit["counts"].items() if n} == {"not covered"}, audit["counts"]


def test_words_the_guide_does_not_quote_are_not_held_against_the_site(own_copy: Path) -> None:
    """登录成功后 names no control: a right sentence stays 仍然正确, the word is listed unjudged with the reason, and the
    names it does quote count as checked."""
    own_copy.write_text(
        "图像校对小提示\n1、打开学信网，登录成功后，点击“学籍信息”。\n3、照片没有问题就点击“正确”。\n", encoding="utf-8"
    )
    run = _audit(own_copy)
    assert run.returncode == 0 and "Traceback" not in run.stdout + run.stderr, run.stdout[-3000:] + run.stderr
    assert "test_the_guide_against_the_site" not in run.stdout  # pytest's own output stays in the run's log
    out = ROOT / "reports" / "audits" / own_copy.stem / "2012"
    audit = json.loads((out / "guide-audit.json").read_text(encoding="utf-8"))
    assert audit["sentences"] == {"s1": "not covered", "s2": "confirmed", "s3": "confirmed"}
    assert audit["terms"]["checked"] == [["s2", "学籍信息"], ["s3", "正确"]]
    assert [t[:2] for t in audit["terms"]["unchecked"]] == [["s2", "成功"]]
    assert (out / "运行记录.txt").is_file()


def _fit(profile: str, *verdicts: Verdict) -> Fit:
    """An era's audit in which each sentence got the verdict given, in order."""
    sentences = {
        f"s{n}": SentenceAudit(Sentence(f"s{n}", "note", "点击“学信档案”", ()), v) for n, v in enumerate(verdicts, 1)
    }
    return Fit(profile, Audit(profile, [], sentences), Path("guide-audit.html"))


HOLDS, FAILS, NONE = Verdict.CONFIRMED, Verdict.CONTRADICTED, Verdict.NOT_COVERED


@pytest.mark.parametrize(
    ("fits", "best", "says"),
    [
        (
            [_fit("2012", HOLDS, HOLDS, HOLDS), _fit("current", HOLDS, FAILS, FAILS)],
            "2012",
            "最接近站点版本 2012（3/3 句仍然成立）",
        ),
        (
            [_fit("2012", HOLDS, FAILS, NONE), _fit("current", FAILS, HOLDS, NONE)],
            "",
            "同样接近（各 1/2 句仍然成立），分不出",
        ),
        ([_fit("2012", HOLDS, NONE), _fit("current", FAILS, NONE)], "2012", "能核对的只有 1 句，这个判断仅供参考"),
        ([_fit("2012", NONE), _fit("current", NONE)], "", "没有能在学信网上核对的句子"),
    ],
    ids=["明显更接近", "两个时期打平", "只有一句能核对", "一句也不能核对"],
)
def test_which_site_names_an_era_only_when_the_sentences_tell_them_apart(fits: list[Fit], best: str, says: str) -> None:
    """--which-site：打平时不硬选一个时期；能核对的句子太少时说明仅供参考"""
    named, _, summary = fit_summary(fits)
    assert named == best and says in summary
