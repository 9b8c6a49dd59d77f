#!/bin/sh
# Make sure the command-line tools a make target runs are present. Arguments are
# TOOL:PACKAGE pairs (the command and the Debian package that has it), for example
# `desktop-file-validate:desktop-file-utils` for `make lint`'s validators.
# Missing tools are installed with apt-get when running as root on Debian/Ubuntu;
# otherwise the missing package names are printed for the user to install.
set -eu
missing=""
for pair in "$@"; do
  tool=${pair%%:*}; pkg=${pair#*:}
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing:$missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
  echo "this needs these system packages:$missing (install them with your package manager)" >&2
  exit 1
fi
