"""What the executor for any school's guide (e2e/any_guide.py) says in an audit: e2e/ holds no Chinese but the guide's
own words, so its reasons and the site's side of a quantity are worded here."""

from __future__ import annotations

from mock_server.profile import described

# Why a word the guide did not quote, and the site does not show, is left unjudged.
UNQUOTED_NOT_SHOWN = "指南没有给它加引号，站点上也没有这个名称：可能只是叙述用语，不当作站点上的名称核对"


def either_way(shown: str) -> str:
    """Why one of two ways a guide offers is left unjudged: the other is on the site."""
    return f"指南给了两种做法，另一种“{shown}”站点上有，照它做即可；这一种不另作判定"


def not_walked(profile: str, why: str) -> str:
    """Why a checkpoint was not reached: the flow to it stopped earlier."""
    return f"{described(profile)}的流程没有走到这里：{why}"


def no_such_step(profile: str, says: str) -> str:
    """Why a checkpoint was not reached: the site's flow has no such place."""
    return f"{described(profile)}没有这一步：{says}"


def did_otherwise(shown: str) -> str:
    """A checkpoint's rule that did not hold, with what the site showed."""
    return f"站点在这里没有照指南说的做：{shown}"


def lasted(stated: str, after: bool) -> str:
    """What a link or code the guide says lasts `stated` (24小时内) did, in its place: still working after that time,
    or expired before it."""
    span = stated.removesuffix("内")
    return f"超过{span}仍然" if after else f"不到{span}就已失效"


def larger_taken(stated: str) -> str:
    """What the site did with a photo a little over the size the guide states, in its place."""
    return f"超过{stated}的图片也能上传"


def digits(lengths: tuple[int, ...]) -> str:
    """Lengths the site takes, as a guide writes them: 15位或18位."""
    return "或".join(f"{n}位" for n in lengths)
