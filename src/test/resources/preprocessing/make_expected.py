#!/usr/bin/env python3
"""Regenerates the fixtures of ImagePreprocessorTest.

Writes three deterministic test images as PNG and, for each, the tensor torchvision's reference
preprocessing would produce:

    Resize(256) -> CenterCrop(224) -> ToTensor() -> Normalize(ImageNet mean, std)

torchvision itself is not needed: its steps on a PIL image are re-done here with Pillow and numpy,
with the same arithmetic (see the comments), so the expected values are computed independently of
the Java code under test.

Output per image NAME: NAME.png and NAME.f32.gz, the float32 tensor of shape [3, 224, 224]
(channels first, row-major), little-endian, gzip-compressed.

Run with Debian's python (python3-pil, python3-numpy), from anywhere:
    /usr/bin/python3 src/test/resources/preprocessing/make_expected.py
"""
import gzip
import os

import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
RESIZE = 256
CROP = 224
MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)

# name -> (width, height)
IMAGES = {
    "formula_32x32": (32, 32),     # upscale, like a CIFAR-10 image
    "formula_40x30": (40, 30),     # non-square, landscape, upscale; left crop offset rounds half to even
    "formula_500x333": (500, 333), # downscale: exercises Pillow's antialiasing (widened filter)
}


def formula_pixel(x, y):
    """The colour of pixel (x, y); ImagePreprocessorTest checks the decoded PNG against it too."""
    return ((x * 7 + y * 3) % 256, (x * x + y) % 256, (x * y * 5) % 256)


def make_image(width, height):
    data = np.zeros((height, width, 3), dtype=np.uint8)
    for y in range(height):
        for x in range(width):
            data[y, x] = formula_pixel(x, y)
    return Image.fromarray(data, "RGB")


def reference_tensor(img):
    img = img.convert("RGB")
    # torchvision.transforms.functional.resize(img, 256): the shorter side becomes 256 and the longer
    # one int(256 * long / short) (_compute_resized_output_size truncates), bilinear via PIL.
    w, h = img.size
    short, long = (w, h) if w <= h else (h, w)
    new_short, new_long = RESIZE, int(RESIZE * long / short)
    new_w, new_h = (new_short, new_long) if w <= h else (new_long, new_short)
    if (new_w, new_h) != (w, h):
        img = img.resize((new_w, new_h), Image.BILINEAR)
    # torchvision.transforms.functional.center_crop(img, 224)
    w, h = img.size
    top = int(round((h - CROP) / 2.0))
    left = int(round((w - CROP) / 2.0))
    img = img.crop((left, top, left + CROP, top + CROP))
    # ToTensor(): HWC uint8 -> CHW float32 / 255;  Normalize(): (t - mean) / std, in float32.
    chw = np.asarray(img, dtype=np.uint8).transpose(2, 0, 1).astype(np.float32)
    chw = chw / np.float32(255)
    chw = (chw - MEAN[:, None, None]) / STD[:, None, None]
    assert chw.dtype == np.float32 and chw.shape == (3, CROP, CROP)
    return chw


def main():
    for name, (width, height) in IMAGES.items():
        png = os.path.join(HERE, name + ".png")
        make_image(width, height).save(png, optimize=True)
        with Image.open(png) as img:  # read back the file the Java test reads
            tensor = reference_tensor(img)
        # mtime=0 keeps the .gz byte-identical between runs.
        with open(os.path.join(HERE, name + ".f32.gz"), "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as out:
                out.write(tensor.astype("<f4").tobytes())
        print(name, (width, height), "sum per channel", tensor.sum(axis=(1, 2), dtype=np.float64))


if __name__ == "__main__":
    main()
