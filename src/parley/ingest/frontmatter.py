"""Front matter of a plain-text article: its metadata in a block at the top of the file.

```
---
published: 2022-07-25
source: Example News
---
Headline
First paragraph …
```

The block opens and closes with a line ``---`` and holds ``key: value`` lines; ``title``,
``published``, ``source`` and ``url`` are read (other keys are allowed and ignored). The
article's text is what follows the block, exactly as decoded. A file whose first line is not
``---``, or whose block is not closed or holds a line that is not ``key: value``, has no
front matter: all of it is text.
"""

from __future__ import annotations

import re

KEYS = ("title", "published", "source", "url")
MAX_LINES = 40  # a longer block is not front matter
_FIELD = re.compile(r"^([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$")
_FENCE = re.compile(r"---[ \t]*(?:\r\n|\n|\r)")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(the front matter's known fields, the text after it); ({}, text) when there is none."""
    start = _FENCE.match(text, 1 if text.startswith("\ufeff") else 0)
    if start is None:
        return {}, text
    fields: dict[str, str] = {}
    pos = start.end()
    for _ in range(MAX_LINES):
        end = _FENCE.match(text, pos) or re.compile(r"---[ \t]*$").match(text, pos)
        if end is not None:
            return fields, text[end.end() :]
        nl = min((i for i in (text.find("\n", pos), text.find("\r", pos)) if i >= 0), default=-1)
        if nl < 0:
            return {}, text
        line = text[pos:nl]
        match = _FIELD.match(line)
        if match is None:
            if line.strip():
                return {}, text
        else:
            key, value = match.group(1).lower(), _unquote(match.group(2))
            if key in KEYS and value:
                fields[key] = value
        pos = nl + 2 if text.startswith("\r\n", nl) else nl + 1
    return {}, text


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
