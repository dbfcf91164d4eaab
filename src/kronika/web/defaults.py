"""The server's defaults, in a module that imports nothing: the CLI shows them in ``--help`` and
must not pay for importing the web stack to do so."""

DEFAULT_QUEUE = 8  # analyses waiting for a worker; each holds its request body in memory
DEFAULT_ANSWER_CACHE_MB = 64.0  # read API answers kept per server process (kronika.web.answers)
