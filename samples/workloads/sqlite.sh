#!/bin/bash
# Runs sqlite_app.py unprivileged (as nobody) in a private directory holding a root-only file.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir=$(mktemp -d /tmp/ior-sample-sqlite.XXXXXX)
trap 'rm -rf "$dir"' EXIT
echo "s3cr3t" > "$dir/secret.key"; chmod 0600 "$dir/secret.key"
chown nobody "$dir"; chmod 0755 "$dir"
cp "$here/sqlite_app.py" "$dir/app.py"; chmod 0644 "$dir/app.py"
cd "$dir"
setpriv --reuid nobody --regid nogroup --clear-groups env HOME=/nonexistent /usr/bin/python3 -S "$dir/app.py" "$dir"
