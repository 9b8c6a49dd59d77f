#!/bin/sh
# Make sure the freedesktop validators `make lint` runs on packaging/ are present:
# desktop-file-validate (desktop-file-utils) and appstreamcli (appstream).
# Missing tools are installed with apt-get when running as root on Debian/Ubuntu;
# otherwise the missing package names are printed for the user to install.
set -eu
tools="desktop-file-validate:desktop-file-utils appstreamcli:appstream"
missing=""
for pair in $tools; do
  tool=${pair%%:*}; pkg=${pair#*:}
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing validators:$missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
  echo "make lint needs these system packages:$missing (install them with your package manager)" >&2
  exit 1
fi
