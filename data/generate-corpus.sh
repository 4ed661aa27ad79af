#!/usr/bin/env bash
# Writes a deterministic synthetic skill corpus: data/generate-corpus.sh SIZE OUT_DIR [SEED]
# (the same generator the benchmark and the UI's 1,000-skill import test use).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec "$here/skilldesk" generate-corpus --size "${1:-1000}" --out "${2:?give an output folder}" --seed "${3:-42}"
