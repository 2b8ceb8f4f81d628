"""The comparison behind chsi-e2e audit --check-keys, without a browser: bindings and verdicts against a key, the seed's
lines against its curated sentences, and the keys themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from chsi_e2e.keys import (
    SEED_VERDICTS,
    Expected,
    Found,
    Key,
    curated_home,
    found_in,
    load_keys,
    score,
    score_seed,
    seed_verdict,
)
from fixtures.guide import load_guide
from guidebook.any_guide import read_guide
from guidebook.catalogue import CATALOGUE
from harness.evidence import Verdict
from mock_server.profile import PROFILES

GUIDES = Path(__file__).parents[1] / "fixtures" / "guides"
SEED_FILE = Path(__file__).parents[1] / "fixtures" / "seed-guide.txt"


def _key(*sentences: Expected) -> Key:
    return Key("样例", Path("样例.txt"), sentences)


def _expected(text: str, binds: set[str], on_2012: str = "", today: str = "") -> Expected:
    verdicts = {p: v for p, v in (("2012", on_2012), ("current", today)) if v}
    return Expected(text, frozenset(binds), verdicts)


def test_a_guide_that_meets_its_key_passes() -> None:
    """绑定与判定都与钥匙一致：精确率、召回率 100%，判定一致 n/n"""
    key = _key(_expected("点击“是”", {"register.confirm_yes"}, "confirmed"), _expected("教务处", set()))
    found = {
        "点击“是”": Found(frozenset({"register.confirm_yes"}), "confirmed"),
        "教务处": Found(frozenset(), "not covered"),
    }
    result = score(key, found, "2012")
    assert (result.precision, result.recall, result.agreed, result.judged, result.passed) == (1.0, 1.0, 1, 1, True)
    assert result.row() == ("样例", "2012", "100%", "100%", "1/1")


def test_a_verdict_that_differs_fails_and_is_said_in_chinese() -> None:
    """判定不同：不通过，并用中文说出句子、钥匙的判定与审计的判定"""
    key = _key(_expected("点击“有误”", {"photo.wrong"}, "contradicted"))
    result = score(key, {"点击“有误”": Found(frozenset({"photo.wrong"}), "confirmed")}, "2012")
    assert not result.passed
    assert result.problems() == ["样例（2012）“点击“有误””：钥匙为与站点不符，审计为仍然正确"]


def test_bindings_count_per_entry_and_a_missed_sentence_counts_in_recall_only() -> None:
    """多绑一个条目降低精确率；漏绑的句子只计入召回率，不比较判定"""
    key = _key(
        _expected("甲", {"login.page"}, "confirmed"),
        _expected("乙", {"archive.no_record"}, "confirmed"),
        _expected("丙", {"photo.correct", "photo.wrong"}, "confirmed"),
    )
    found = {
        "甲": Found(frozenset({"login.page", "archive.check_info"}), "confirmed"),
        "乙": Found(frozenset(), "not covered"),
        "丙": Found(frozenset({"photo.correct"}), "confirmed"),
    }
    result = score(key, found, "2012")
    assert (result.right, result.wrong, result.hit, result.missed) == (2, 1, 2, 2)
    assert (result.agreed, result.judged) == (2, 2)
    assert (round(result.precision, 2), result.recall, result.passed) == (0.67, 0.5, False)
    assert "绑定精确率 67%、召回率 50%" in result.problems()[0]


def test_a_guide_of_another_website_binds_nothing_and_passes() -> None:
    """别的网站的指南：钥匙与审计都不绑定，精确率与召回率记为 100%"""
    result = score(
        _key(_expected("打开图书馆主页", set())), {"打开图书馆主页": Found(frozenset(), "not covered")}, "current"
    )
    assert (result.precision, result.recall, result.judged, result.passed) == (1.0, 1.0, 0, True)


def test_every_keyed_sentence_has_a_verdict_on_every_profile_and_an_unbound_one_none() -> None:
    """钥匙中每个绑定的句子在每个站点版本上都有判定，判定是审计的结论代码；未绑定的句子没有判定"""
    codes = {str(v) for v in Verdict}
    for key in load_keys(GUIDES):
        for sentence in key.sentences:
            expected = set(PROFILES) if sentence.binds else set()
            assert set(sentence.verdicts) == expected, (key.name, sentence.text)
            assert set(sentence.verdicts.values()) <= codes, (key.name, sentence.text)
            assert sentence.binds <= set(CATALOGUE), (key.name, sentence.text)


def test_the_keys_read_their_guides_and_name_the_files_that_are_no_guides() -> None:
    """钥匙找得到各自的指南；空文件和改名的 Word 文档的钥匙要求给出中文提示"""
    keys = load_keys(GUIDES)
    assert all(key.file.is_file() for key in keys)
    assert sorted(key.name for key in keys if key.message) == ["empty", "word-doc-renamed"]


@pytest.mark.parametrize(
    ("line", "sentence"),
    [
        ("第三步:依次输入用户名、密码。", "reg.3"),
        ("秒,系统自动转入登录页面。", "reg.note"),
        ("3、图像信息有误,点击‚报到教务处学籍管理老师协助处理。", "img.note.3"),
        ("然后点击找回密码,既可以按照提示重置密码。", "login.1"),
        ("相关内容", ""),
    ],
)
def test_each_line_of_the_seeds_file_finds_its_curated_sentence(line: str, sentence: str) -> None:
    """种子指南原文的每一行归入它所属的 guide.toml 句子（两条注意交错的那一行按最长的共同文字归入）"""
    assert curated_home(line, load_guide()) == sentence


def test_the_seeds_text_is_scored_sentence_by_sentence_against_its_own_audit() -> None:
    """种子原文：每个 guide.toml 句子取其各行中最差的判定，与种子自己的审计比较；召回率按 43 条说法计"""
    curated = load_guide()
    guide = read_guide(SEED_FILE, curated=curated)
    home = {s.id: curated_home(s.text, curated) for s in guide.sentences()}
    verdicts = {s.id: Verdict(seed_verdict(home[s.id], "current")) for s in guide.sentences()}
    result = score_seed(curated, found_in(guide, verdicts), "current")
    assert result.passed and result.judged == result.agreed == 20, result.problems()
    assert result.hit + result.missed == len(curated.claims()) and result.recall >= 0.9
    verdicts.update({s.id: Verdict.CONFIRMED for s in guide.sentences() if home[s.id] == "reg.3"})
    worse = score_seed(curated, found_in(guide, verdicts), "current")
    assert [m.expected for m in worse.mismatches] == ["contradicted"] and not worse.passed


def test_the_seeds_table_names_only_its_own_sentences() -> None:
    """种子判定表只列 guide.toml 中的句子，站点版本只有已知的几个"""
    ids = {s.id for s in load_guide().sentences()}
    assert set(SEED_VERDICTS) <= set(PROFILES)
    assert all(set(table) <= ids for table in SEED_VERDICTS.values())
