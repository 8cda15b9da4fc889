#!/usr/bin/env bash
# A benchmark set of real photographs from Debian's wallpaper packages, cut to one size:
#
#   bench/fetch_photos.sh OUT_DIR [--count N] [--size 1600x1200|4000x3000]
#
# Downloads the packages with `apt-get download` into a temporary folder (nothing is installed),
# extracts them with `dpkg-deb -x`, and writes N JPEGs (default 1000, 1600x1200, quality 85) into
# OUT_DIR with bench/photo_crops.py, which says which photographs are used and how they are cropped
# (several crops per photograph). Idempotent: a complete set is left as it is (no download), a partial
# one is completed. Needs Debian's python3-pil (/usr/bin/python3, or $PYTHON). Never commit the images.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PY=${PYTHON:-/usr/bin/python3}
die() { echo "fetch_photos: $*" >&2; exit 1; }

[ $# -ge 1 ] && [[ "$1" != -* ]] || die "usage: bench/fetch_photos.sh OUT_DIR [--count N] [--size 1600x1200|4000x3000]"
OUT=$1
shift
ARGS=("$@")
"$PY" -c 'import PIL' 2>/dev/null || die "$PY has no Pillow: apt-get install python3-pil"

# exit 0: the set is there; 1: it is not (yet); anything else: bad arguments
status=0
"$PY" "$HERE/photo_crops.py" check "$OUT" "${ARGS[@]}" || status=$?
[ "$status" -eq 1 ] || exit "$status"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
read -r -a PACKAGES <<< "$("$PY" "$HERE/photo_crops.py" packages)"
# apt drops to the _apt user to download, who cannot write into a private temporary folder
SANDBOX=()
[ "$(id -u)" -eq 0 ] && SANDBOX=(-o APT::Sandbox::User=root)
(cd "$WORK" && apt-get -qq "${SANDBOX[@]}" download "${PACKAGES[@]}") \
  || die "apt-get download ${PACKAGES[*]} failed (run apt-get update first?)"
for package in "${PACKAGES[@]}"; do
  mkdir -p "$WORK/root/$package"
  dpkg-deb -x "$WORK/${package}"_*.deb "$WORK/root/$package"
done
"$PY" "$HERE/photo_crops.py" make "$WORK/root" "$OUT" "${ARGS[@]}"
