"""Cross-article analysis: entity identity, the story-event merge rule, timelines, balance, networks.

Everything here is pure (records and dicts in, dicts out) so the knowledge base, the web app and the
evaluation share one definition of "the same event" and "the same actor".
"""
