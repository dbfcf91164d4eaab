# kronika's web UI and API over a store on a volume:
#   docker build -t kronika .
#   docker run -p 8000:8000 -v kronika-data:/data kronika                       # serve /data/kronika.db
#   docker run -v kronika-data:/data -v "$PWD/articles:/in:ro" kronika ingest /in --db /data/kronika.db
# The image has what `pip install .` gives a user (kronika and its spaCy model), no test tools.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 KRONIKA_DB=/data/kronika.db \
    KRONIKA_CACHE=/data/cache
WORKDIR /app
COPY pyproject.toml README.md ./
COPY src ./src
RUN pip install --no-cache-dir . && useradd --create-home --uid 10001 kronika && mkdir -p /data \
    && chown kronika /data
COPY samples ./samples
USER kronika
VOLUME ["/data"]
EXPOSE 8000
ENTRYPOINT ["kronika"]
# 0.0.0.0 inside the container; the published port is what the host exposes. Writes (storing an
# analyzed article from the web) need the token when one is set: -e KRONIKA_TOKEN=... --token.
CMD ["serve", "--db", "/data/kronika.db", "--host", "0.0.0.0", "--port", "8000", "--analysis-workers", "1"]
