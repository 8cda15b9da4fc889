"""Regenerates the image fixtures of ImageDecoderTest.

All are made from one picture, ../preprocessing/formula_500x333.png scaled down, written next to this
script:

    source.png    the scaled picture as RGB: what the next two must decode to
    cmyk.jpg      the picture as a CMYK JPEG (Adobe APP14, inverted samples, as Photoshop writes them)
    lossless.webp the picture as lossless WebP (VP8L): decodes to exactly source.png
    blocks.png    the picture in flat 8x8 blocks, for fixtures that lose detail:
    lossy.webp    the blocks as lossy WebP (VP8). Its colour planes have half the resolution, and decoders
                  fill them in differently: flat blocks keep that difference to their edges
    upright.jpg   the blocks as an ordinary JPEG
    orientation-N.jpg, N = 2..8
                  the blocks stored turned or mirrored, with an EXIF Orientation tag N that tells viewers
                  how to show them upright (N = 6 with a big-endian TIFF header, as Nikon writes)

Turned upright, the orientation fixtures decode to exactly the pixels of upright.jpg: a flat block has
only a DC coefficient, which is the same however the block is stored. (A detailed picture would not do:
the inverse DCT rounds a mirrored or transposed block a level or two differently here and there.)

Run with Debian's python (python3-pil), from anywhere:
    /usr/bin/python3 src/test/resources/images/make_fixtures.py
"""
import io
import os
import struct

from PIL import Image, ImageOps

HERE = os.path.dirname(os.path.abspath(__file__))
PICTURE = os.path.join(HERE, "..", "preprocessing", "formula_500x333.png")
SIZE = (120, 80)
BLOCK = 8

# EXIF Orientation -> how the upright picture is stored; showing it upright undoes this
# (PIL's ImageOps.exif_transpose).
STORED_AS = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,  # counter-clockwise: a camera held turned clockwise
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def out(name):
    return os.path.join(HERE, name)


def exif_segment(orientation, byte_order):
    """An APP1 Exif segment whose TIFF IFD0 holds a Make tag and then the Orientation tag."""
    e = "<" if byte_order == b"II" else ">"
    make = b"image-search\0"
    entries = 2
    data_offset = 8 + 2 + 12 * entries + 4
    tiff = byte_order + struct.pack(e + "HI", 42, 8) + struct.pack(e + "H", entries)
    tiff += struct.pack(e + "HHII", 0x010F, 2, len(make), data_offset)  # Make, ASCII, stored after the IFD
    tiff += struct.pack(e + "HHIHH", 0x0112, 3, 1, orientation, 0)      # Orientation, SHORT, left-justified
    tiff += struct.pack(e + "I", 0) + make
    payload = b"Exif\0\0" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def with_exif(jpeg, segment):
    """Inserts the segment after SOI and the JFIF APP0 segment, where cameras put it."""
    assert jpeg[:2] == b"\xff\xd8"
    at = 2
    if jpeg[2:4] == b"\xff\xe0":
        at += 2 + struct.unpack(">H", jpeg[4:6])[0]
    return jpeg[:at] + segment + jpeg[at:]


def write_orientations(blocks):
    blocks.save(out("upright.jpg"), quality=90, subsampling=0)  # 4:4:4: colour blocks are flat too
    with Image.open(out("upright.jpg")) as upright:
        upright_pixels = upright.tobytes()
    for orientation, transpose in STORED_AS.items():
        stored = io.BytesIO()
        blocks.transpose(transpose).save(stored, format="JPEG", quality=90, subsampling=0)
        byte_order = b"MM" if orientation == 6 else b"II"
        name = out("orientation-%d.jpg" % orientation)
        with open(name, "wb") as f:
            f.write(with_exif(stored.getvalue(), exif_segment(orientation, byte_order)))
        # Pillow reads the tag back and, turned upright, the stored pixels are exactly the upright ones.
        with Image.open(name) as image:
            assert image.getexif()[0x0112] == orientation
            assert ImageOps.exif_transpose(image).tobytes() == upright_pixels, name


def main():
    with Image.open(PICTURE) as picture:
        source = picture.convert("RGB").resize(SIZE, Image.LANCZOS)
    source.save(out("source.png"), optimize=True)
    # Pillow's RGB -> CMYK is C = 255 - R, M = 255 - G, Y = 255 - B, K = 0.
    source.convert("CMYK").save(out("cmyk.jpg"), quality=95)
    source.save(out("lossless.webp"), lossless=True, method=6)
    small = ImageOps.autocontrast(source.resize((SIZE[0] // BLOCK, SIZE[1] // BLOCK), Image.LANCZOS))
    blocks = small.resize(SIZE, Image.NEAREST)
    blocks.save(out("blocks.png"), optimize=True)
    blocks.save(out("lossy.webp"), quality=90, method=6)
    write_orientations(blocks)
    for name in sorted(os.listdir(HERE)):
        if not name.endswith(".py"):
            print(name, os.path.getsize(out(name)), "bytes")


if __name__ == "__main__":
    main()
