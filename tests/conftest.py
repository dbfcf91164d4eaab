"""Shared fixtures: the reference article (from ../shared), and one spaCy pipeline per test session.

Every data set the tests and the quality gate read ships in ``data/``; only the copyrighted
reference article, with its ``check.py`` and ``expected.json``, is read from ``../shared``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/pg.py, the throwaway PostgreSQL server

# The test command runs the same examples every time (a red build must be reproducible, whoever
# runs it); KRONIKA_HYPOTHESIS=explore draws new ones, to look for bugs on purpose.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.register_profile("explore", deadline=None)
hypothesis_settings.load_profile("explore" if os.environ.get("KRONIKA_HYPOTHESIS") == "explore" else "ci")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "samples" / "panorama-2023-05-18-central-asian-leaders.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


REFERENCE_SKIP = (
    "the copyrighted reference article is read only from ../shared (never copied into the project), "
    "which is not present; every other data set ships in data/"
)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared``, for the reference article's ``check.py`` and ``expected.json`` only."""
    if not (SHARED / "reference").is_dir():
        pytest.skip(REFERENCE_SKIP)
    return SHARED


@pytest.fixture(scope="session")
def reference_path() -> Path:
    if not REFERENCE.is_file():
        pytest.skip(REFERENCE_SKIP)
    return REFERENCE


@pytest.fixture(scope="session")
def pg_server():
    """Base URL of one PostgreSQL server for the whole session (``KRONIKA_TEST_PG_URL`` or a throwaway one).

    Store and batch tests share it, so a session starts at most one server.
    """
    if os.environ.get("KRONIKA_TEST_PG_URL"):
        yield os.environ["KRONIKA_TEST_PG_URL"].rstrip("/")
        return
    from pg import pg_bindir, throwaway_server

    if pg_bindir() is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    with throwaway_server() as url:
        yield url


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline (model loaded once for the whole session)."""
    from kronika.pipeline import get_pipeline
    from kronika.settings import Settings

    return get_pipeline(Settings())


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp


@pytest.fixture(scope="session")
def reference_record(reference_path, pipeline):
    """The reference article analyzed once per session, as the record dict users get."""
    from kronika.pipeline import analyze_paths

    (rec,) = list(analyze_paths([str(reference_path)]))
    return rec.to_dict()
