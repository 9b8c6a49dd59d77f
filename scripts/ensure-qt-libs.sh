#!/bin/sh
# Make sure the system libraries that Qt's platform plugins load are present.
#   offscreen: what headless tests need;  window: also what a real X11 window needs.
# Missing libraries are installed with apt-get when running as root on Debian/Ubuntu;
# otherwise the missing package names are printed for the user to install.
set -eu
mode=${1:-offscreen}
libs="libEGL.so.1:libegl1 libGL.so.1:libgl1 libxkbcommon.so.0:libxkbcommon0 libfontconfig.so.1:libfontconfig1 libfreetype.so.6:libfreetype6 libdbus-1.so.3:libdbus-1-3 libglib-2.0.so.0:libglib2.0-0"
if [ "$mode" = window ]; then
  libs="$libs libxkbcommon-x11.so.0:libxkbcommon-x11-0 libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4 libxcb-keysyms.so.1:libxcb-keysyms1 libxcb-image.so.0:libxcb-image0 libxcb-render-util.so.0:libxcb-render-util0 libxcb-randr.so.0:libxcb-randr0 libxcb-shape.so.0:libxcb-shape0 libxcb-xkb.so.1:libxcb-xkb1 libX11-xcb.so.1:libx11-xcb1"
fi
command -v ldconfig >/dev/null 2>&1 || exit 0
have=$(ldconfig -p 2>/dev/null || true)
missing=""
for pair in $libs; do
  lib=${pair%%:*}; pkg=${pair#*:}
  echo "$have" | grep -q "$lib" || missing="$missing $pkg"
done
# A font is needed to render any text.
if command -v fc-list >/dev/null 2>&1 && [ -z "$(fc-list 2>/dev/null | head -1)" ]; then
  missing="$missing fonts-dejavu-core"
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system libraries for Qt:$missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
  echo "Qt needs these system packages:$missing (install them with your package manager)" >&2
fi
