"""The shape of a guide's text: its table of contents and how its sections are numbered."""

from __future__ import annotations

import re

# A numeral that opens a section: 一、 二、 …
SECTION_NUMERAL = "[一二三四五六七八九十]+、"
# An entry of a 目录: a section's numeral and title, dots, and "- page -".
TOC_ENTRY = re.compile(rf"({SECTION_NUMERAL}\S+?)\s*\.{{3,}}\s*-\s*(\d+)\s*-")
