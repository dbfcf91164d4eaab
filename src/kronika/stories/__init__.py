"""Across articles: story events and the views built on them.

One happening reported by several articles becomes one *story event* (:mod:`.merge`, comparing
actors by :mod:`.entities` keys and dates by :mod:`.dates` ranges); :mod:`.balance` and
:mod:`.network` summarise story events by PLOVER quad class (:mod:`.quad`). Timelines are the
store's ordered, filtered story events (:func:`kronika.store.Store.timeline`).

Everything here is pure (records and dicts in, dicts out) so the store, the web app and the
evaluation share one definition of "the same event" and "the same actor". The name is
``stories`` rather than ``analyze``: ``kronika analyze`` (and ``analyze_text``, ``/api/analyze``)
means running the pipeline on documents.
"""
