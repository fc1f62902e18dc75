#!/usr/bin/env bash
# Prints the version: `git describe --tags` (v0.2.0, or v0.2.0-3-gabc1234 after a tag)
# without its leading v, else FyneApp.toml's Version (a checkout without tags, a tarball).
set -euo pipefail
cd "$(dirname "$0")/.."
if v=$(git describe --tags --match 'v[0-9]*' 2>/dev/null); then
  echo "${v#v}"
else
  sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml
fi
