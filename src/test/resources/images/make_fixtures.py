#!/usr/bin/env python3
"""Regenerates the image fixtures of ImageDecoderTest.

All are made from one picture, ../preprocessing/formula_500x333.png scaled down, written next to this
script:

    source.png    the scaled picture as RGB: what the other fixtures must decode to
    cmyk.jpg      the picture as a CMYK JPEG (Adobe APP14, inverted samples, as Photoshop writes them)

Run with Debian's python (python3-pil), from anywhere:
    /usr/bin/python3 src/test/resources/images/make_fixtures.py
"""
import os

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
PICTURE = os.path.join(HERE, "..", "preprocessing", "formula_500x333.png")
SIZE = (120, 80)


def out(name):
    return os.path.join(HERE, name)


def main():
    with Image.open(PICTURE) as picture:
        source = picture.convert("RGB").resize(SIZE, Image.LANCZOS)
    source.save(out("source.png"), optimize=True)
    # Pillow's RGB -> CMYK is C = 255 - R, M = 255 - G, Y = 255 - B, K = 0.
    source.convert("CMYK").save(out("cmyk.jpg"), quality=95)
    for name in sorted(os.listdir(HERE)):
        if not name.endswith(".py"):
            print(name, os.path.getsize(out(name)), "bytes")


if __name__ == "__main__":
    main()
