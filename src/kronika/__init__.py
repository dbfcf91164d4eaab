"""kronika: turn news reports and commentary into a sourced, queryable chronicle of events.

The public API is small: read and analyze articles, and (from :mod:`kronika.store`) keep them in
a store that answers timeline, balance and search queries.
"""

from kronika.version import __version__

__all__ = ["Article", "Settings", "__version__", "analyze_paths", "analyze_text"]


def __getattr__(name: str) -> object:  # lazy: importing kronika must not load spaCy
    if name in ("analyze_text", "analyze_paths"):
        from kronika import pipeline

        return getattr(pipeline, name)
    if name == "Article":
        from kronika.record import Article

        return Article
    if name == "Settings":
        from kronika.settings import Settings

        return Settings
    raise AttributeError(name)
