#!/bin/bash
# A build-and-archive job: tar+gzip a source tree, unpack it, commit it to a fresh git repo,
# gc it and clone it. The tree is the kernel's UAPI headers, the same on every Debian host.
set -euo pipefail
src=${ARCHIVE_SRC:-/usr/include/linux}
dir=$(mktemp -d /tmp/ior-sample-archive.XXXXXX)
trap 'rm -rf "$dir"' EXIT
tar -czf "$dir/src.tgz" -C "$(dirname "$src")" "$(basename "$src")"
mkdir "$dir/work"
tar -xzf "$dir/src.tgz" -C "$dir/work"
cd "$dir/work"
export GIT_AUTHOR_NAME=ior GIT_AUTHOR_EMAIL=ior@example.invalid GIT_COMMITTER_NAME=ior GIT_COMMITTER_EMAIL=ior@example.invalid
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
git init -q -b main .
git add -A
git commit -q -m "import $(basename "$src")"
git gc -q
git clone -q "$dir/work" "$dir/clone"
