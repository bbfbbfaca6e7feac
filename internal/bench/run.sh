#!/usr/bin/env bash
# The whole-process benchmark report, kept under its old name: see
# `go run ./internal/bench/cmd/benchtool report -h` and docs/performance.md.
# Usage: internal/bench/run.sh [FLAGS] [SIZE ...]   (default: 10k 100k 1m)
set -euo pipefail
cd "$(dirname "$0")/../.."
exec go run ./internal/bench/cmd/benchtool report "$@"
