#!/usr/bin/env bash
# The alert rules and scrape config checked and unit-tested by promtool.
# Fails (does not skip) without promtool: scripts/install-deps installs it.
set -euo pipefail
source_dir=$1
if ! command -v promtool >/dev/null; then
  echo "promtool not found: install the Debian package prometheus (scripts/install-deps does)" >&2
  exit 1
fi
cd "$source_dir/deploy/prometheus"
promtool check rules alerts.yml
promtool test rules alerts_test.yml
promtool check config prometheus.yml
