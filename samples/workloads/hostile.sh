#!/bin/bash
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir=$(mktemp -d /tmp/ior-sample-hostile.XXXXXX)
trap 'rm -rf "$dir"' EXIT
/usr/bin/python3 -S "$here/hostile_names.py" "$dir"
