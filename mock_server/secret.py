"""Comparing what a browser sent with a secret the site kept, in constant time, whatever characters it sent."""

from __future__ import annotations

import hmac


def same_secret(sent: str, kept: str) -> bool:
    """True when `sent` is `kept`; compared as UTF-8 bytes, since compare_digest raises on a str outside ASCII (a
    full-width digit typed by a Chinese input method, or any character an outsider puts in a cookie or a form)."""
    return hmac.compare_digest(sent.encode("utf-8", "surrogatepass"), kept.encode("utf-8", "surrogatepass"))
