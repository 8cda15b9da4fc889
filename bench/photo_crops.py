#!/usr/bin/python3
"""Cuts the photographs of Debian's wallpaper packages into a benchmark set of same-size JPEGs.

bench/fetch_photos.sh downloads and extracts the packages, then runs this script:

    photo_crops.py packages                      the Debian packages that hold the photographs
    photo_crops.py check OUT --count N --size WxH
                                                 exit 0 (and print the summary) when OUT already holds that set
    photo_crops.py make ROOT OUT --count N --size WxH
                                                 ROOT/<package>/ holds each package extracted with dpkg-deb -x

Only photographs are used: the packages' renders, illustrations and gradients are left out by the list
below, picked by looking at every picture. Each photograph gives the same number of crops (N / photographs):
4:3 windows covering 75-100% of the width of its largest 4:3 window, at seeded random places, resized
(Lanczos) to WxH and written as baseline JPEG quality 85. Only photographs whose smallest window holds
WxH are used, so nothing is upscaled, unless fewer than MIN_SOURCES qualify (the 12 MP set: no photograph
is that large), when all are used and the smaller ones upscaled; the summary counts them.
OUT/photos.tsv lists every file with its source and window.
"""
import argparse
import os
import random
import statistics
import sys
import zlib

from PIL import Image

# package -> photographs in it (paths inside the package); a folder of images takes its largest file
PHOTOGRAPHS = {
    "lomiri-wallpapers-16.04": [
        f"usr/share/backgrounds/{name}.jpg" for name in (
            "Bridge_by_Sander_Klootwijk", "Dragonfly_by_Bolly", "Picture_0B_by_freespace",
            "Picture_1A_by_freespace", "Wine_by_Jakkub_Mede", "aitzgorri_by_Aitzol_Berasategi",
            "analogpattern_by_Peter_Nerlich", "free_by_Peter_Nerlich", "friends_by_Aitzol_Berasategi",
            "greentock_by_Peter_Nerlich", "life_by_Aitzol_Berasategi", "picosdeeuropa_by_Aitzol_Berasategi",
            "seeding_by_Clements_Engelhardt", "sunset_by_Aitzol_Berasategi")],
    "lomiri-wallpapers-20.04": ["usr/share/backgrounds/Kleiber_by_Lukas_Baubkus.jpg"],
    "mate-backgrounds": [
        f"usr/share/backgrounds/mate/nature/{name}.jpg" for name in (
            "Aqua", "Blinds", "Dune", "FreshFlower", "Garden", "GreenMeadow", "LadyBird", "RainDrops",
            "Storm", "TwoWings", "Wood", "YellowFlower")],
    "plasma-workspace-wallpapers": [
        f"usr/share/wallpapers/{name}/contents/images" for name in (
            "BytheWater", "ColdRipple", "ColorfulCups", "DarkestHour", "EveningGlow", "FallenLeaf", "Grey",
            "Kite", "OneStandsOut", "Path", "summer_1am")],
}
MIN_WINDOW = 0.75  # a crop covers at least this much of the width of the photograph's largest 4:3 window
MIN_SOURCES = 10
QUALITY = 85
MANIFEST = "photos.tsv"


class Source:
    def __init__(self, package, name, path, size):
        self.package = package
        self.name = name
        self.path = path
        self.width, self.height = size

    def largest_window(self, out_w, out_h):
        """Width and height of the largest window of the output's aspect ratio."""
        w = min(self.width, self.height * out_w / out_h)
        return w, w * out_h / out_w


def parse_size(text):
    w, _, h = text.partition("x")
    if not (w.isdigit() and h.isdigit()) or int(w) * 3 != int(h) * 4:
        raise argparse.ArgumentTypeError(f"--size must be WxH at 4:3, e.g. 1600x1200 or 4000x3000, got {text}")
    return int(w), int(h)


def size_of(path):
    with Image.open(path) as image:
        return image.size


def find_sources(root):
    sources = []
    for package, paths in PHOTOGRAPHS.items():
        for path in paths:
            full = os.path.join(root, package, path)
            name = os.path.splitext(os.path.basename(path))[0]
            if os.path.isdir(full):  # plasma ships one picture in several sizes: take the largest
                name = path.split("/")[-3]
                full = max((os.path.join(full, f) for f in os.listdir(full)),
                           key=lambda f: size_of(f)[0] * size_of(f)[1])
            if not os.path.isfile(full):
                sys.exit(f"photo_crops: {package} has no {path}: is it the version this list was made from?")
            sources.append(Source(package, name, os.path.relpath(full, os.path.join(root, package)), size_of(full)))
    return sources


def usable(sources, out_w, out_h):
    big_enough = [s for s in sources if s.largest_window(out_w, out_h)[0] * MIN_WINDOW >= out_w]
    return big_enough if len(big_enough) >= MIN_SOURCES else sources


def shares(count, n):
    """Crops per source: the same for every photograph, so that none dominates the set."""
    return [count // n + (1 if i < count % n else 0) for i in range(n)]


def windows(source, n, out_w, out_h):
    """n distinct crop boxes (left, top, right, bottom), the same on every run."""
    max_w, _ = source.largest_window(out_w, out_h)
    rng = random.Random(zlib.crc32(f"{source.package}/{source.path}".encode()))
    boxes = []
    while len(boxes) < n:
        w = rng.uniform(MIN_WINDOW * max_w, max_w)
        h = w * out_h / out_w
        left, top = rng.uniform(0, source.width - w), rng.uniform(0, source.height - h)
        box = (round(left), round(top), round(left + w), round(top + h))
        if box not in boxes:
            boxes.append(box)
    return boxes


def plan(sources, count, out_w, out_h):
    """(file name, source, box) for every image of the set."""
    chosen = usable(sources, out_w, out_h)
    return [(f"{s.package}-{s.name}-{k:03d}.jpg", s, box)
            for s, n in zip(chosen, shares(count, len(chosen)))
            for k, box in enumerate(windows(s, n, out_w, out_h))]


def header(count, out_w, out_h):
    """The set's first line; a change to this script changes it too, so a rerun then remakes the set."""
    with open(__file__, "rb") as f:
        script = zlib.crc32(f.read())
    return f"# count={count} size={out_w}x{out_h} quality={QUALITY} script={script:08x}"


def read_manifest(out):
    path = os.path.join(out, MANIFEST)
    if not os.path.isfile(path):
        return None, []
    with open(path) as f:
        lines = f.read().splitlines()
    return lines[0], [line.split("\t") for line in lines[2:]]


def summary(out, rows, out_w, out_h):
    sizes = [os.path.getsize(os.path.join(out, row[0])) for row in rows]
    sources = {(row[1], row[2]) for row in rows}
    upscaled = sum(1 for row in rows if row[4] == "yes")
    print(f"{len(rows)} JPEGs {out_w}x{out_h} quality {QUALITY} in {out}: crops of {len(sources)} photographs "
          f"of {len({row[1] for row in rows})} Debian packages (up to "
          f"{max(sum(1 for r in rows if (r[1], r[2]) == s) for s in sources)} crops each), {upscaled} upscaled; "
          f"median {int(statistics.median(sizes))} bytes, total {sum(sizes) / 1e6:.0f} MB")


def complete(out, count, out_w, out_h):
    first, rows = read_manifest(out)
    return first == header(count, out_w, out_h) and len(rows) == count \
        and all(os.path.isfile(os.path.join(out, row[0])) for row in rows)


def make(root, out, count, out_w, out_h):
    os.makedirs(out, exist_ok=True)
    images = plan(find_sources(root), count, out_w, out_h)
    if len(images) != count:
        sys.exit(f"photo_crops: planned {len(images)} images, not {count}")
    _, old_rows = read_manifest(out)
    names = {name for name, _, _ in images}
    for row in old_rows:  # files of an earlier plan (another count or size): ours to remove
        if row[0] not in names and os.path.isfile(os.path.join(out, row[0])):
            os.remove(os.path.join(out, row[0]))
    missing = {}
    for name, source, box in images:
        if not os.path.isfile(os.path.join(out, name)):
            missing.setdefault(source, []).append((name, box))
    for source, crops in missing.items():  # each photograph is decoded once
        with Image.open(os.path.join(root, source.package, source.path)) as image:
            pixels = image.convert("RGB")
        for name, box in crops:
            target = os.path.join(out, name)
            pixels.resize((out_w, out_h), Image.Resampling.LANCZOS, box=box).save(target + ".part", "JPEG",
                                                                                 quality=QUALITY)
            os.replace(target + ".part", target)  # a file that exists is whole: a rerun skips it
    rows = [[name, source.package, source.path, ",".join(map(str, box)), "yes" if box[2] - box[0] < out_w else "no"]
            for name, source, box in images]
    with open(os.path.join(out, MANIFEST), "w") as f:
        f.write(header(count, out_w, out_h) + "\n")
        f.write("file\tpackage\tsource\tbox\tupscaled\n")
        f.writelines("\t".join(row) + "\n" for row in rows)
    summary(out, rows, out_w, out_h)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("packages")
    for name in ("check", "make"):
        command = commands.add_parser(name)
        if name == "make":
            command.add_argument("root")
        command.add_argument("out")
        command.add_argument("--count", type=int, default=1000)
        command.add_argument("--size", type=parse_size, default=(1600, 1200))
    args = parser.parse_args()
    if args.command == "packages":
        print(" ".join(PHOTOGRAPHS))
    elif args.command == "check":
        if not complete(args.out, args.count, *args.size):
            sys.exit(1)
        summary(args.out, read_manifest(args.out)[1], *args.size)
    else:
        make(args.root, args.out, args.count, *args.size)


if __name__ == "__main__":
    main()
