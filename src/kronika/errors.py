"""One catalogue of user-facing errors, each with a code and a message that says how to fix it.

A user error is never a traceback: the CLI prints ``kronika: error: <file>[:<line>]: <reason>``
and exits non-zero. In multi-document runs failures become :class:`Failure` records that are
reported at the end (and stored in ``errors`` tables / ``errors.jsonl``) while the rest goes on.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

_CODE = re.compile(r"\[(E\d{3})\]")


class KronikaError(Exception):
    """An error the user can act on. ``code`` is stable (E-numbers, like spaCy's catalogue)."""

    code = "E000"

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def where(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "

    def __str__(self) -> str:
        return f"{self.where()}{self.message}"


class ReadError(KronikaError):
    """The input could not be read as a document (empty, binary, too large, malformed...)."""

    code = "E100"


class ConfigError(KronikaError):
    """A setting or option is invalid (unknown model, bad date, malformed KB file...)."""

    code = "E200"


class StageError(KronikaError):
    """A pipeline stage failed on one document."""

    code = "E300"


@dataclass
class Failure:
    """A document that could not be processed, kept so a batch can report it and go on."""

    path: str | None
    reason: str
    stage: str = "read"
    line: int | None = None
    code: str = ReadError.code

    @classmethod
    def from_error(cls, err: KronikaError, stage: str = "read") -> Failure:
        # Messages carry their catalogue code ("[E110] not valid JSON"); record that one, not the class's.
        m = _CODE.match(err.message)
        return cls(path=err.path, reason=err.message, stage=stage, line=err.line, code=m[1] if m else err.code)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {self.reason}"
