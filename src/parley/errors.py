"""Errors a user can cause. The CLI prints their message, never a traceback."""

from __future__ import annotations


class ParleyError(Exception):
    """A problem with input or options that the user can fix."""


class InputError(ParleyError):
    """One input (file, URL, feed entry, JSONL line) could not be turned into an article.

    ``input`` names it as the user gave it (path, URL, ``path:line``, ``path#entry``);
    ``reason`` is one sentence a person can act on.
    """

    def __init__(self, input: str, reason: str) -> None:
        super().__init__(f"{input}: {reason}")
        self.input = input
        self.reason = reason

    def to_dict(self) -> dict[str, str]:
        return {"input": self.input, "reason": self.reason}
