"""A separate writer process for the concurrency and interruption tests.

``python writer.py DB START END [SLOW]`` ingests the synthetic articles START..END-1 into DB;
with SLOW it pauses between documents so the test can interrupt it in the middle of a run.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store.records import Builder

PAIRS = [("tokayev", "putin"), ("putin", "lukashenko"), ("eu", "kaz"), ("rus", "ukr"), ("tokayev", "mirziyoyev")]


def article(i: int):
    """Article i: two reports; articles i and i+5 describe the same meeting, so they merge."""
    a, b = PAIRS[i % len(PAIRS)]
    day = 1 + (i // len(PAIRS)) % 2  # a reporting pair every 5 articles, on alternating days
    month = 1 + i // 10
    return (
        Builder(f"Report {i}", f"Desk {i % 3}", f"2022-{month:02d}-{day + 1:02d}", f"https://t.invalid/w/{i}")
        .say(
            f"Item {i}: the leaders met for talks on trade and security.",
            "CONSULT",
            [a],
            [b],
            f"2022-{month:02d}-{day:02d}",
            mode="meet",
        )
        .say(f"Item {i}: a statement criticised the other side.", "ACCUSE", [b], [a], f"2022-{month:02d}")
        .build()
    )


def items(start: int, end: int, slow: bool):
    for i in range(start, end):
        yield article(i)
        if slow:
            time.sleep(0.2)  # pacing only, so the parent can interrupt mid-run; nothing is timed


if __name__ == "__main__":
    import signal

    # A test interrupts this process with SIGINT. A shell that starts a job in the background
    # (`land.sh ... &`) makes it and its children ignore SIGINT, and Python then installs no
    # KeyboardInterrupt handler: the writer would finish its run and the test could not interrupt it.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    from kronika.store import open_store

    db, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    store = open_store(db)
    report = store.ingest(items(start, end, len(sys.argv) > 4))
    print(report.new, report.skipped, flush=True)
