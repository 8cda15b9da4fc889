#!/usr/bin/python3
"""The reference tutorial's embedding loop, timed: the Python figure that `bench ingest --compare-python` sets
beside the pipeline's.

For every batch of 100 files: PIL opens each one (converted to RGB), torchvision's Resize(R), CenterCrop(S),
ToTensor() and Normalize(ImageNet mean, std) make the tensors, and the SqueezeNet TorchScript model runs on
the stacked batch under torch.no_grad(), with torch.set_num_threads(cores). R is S * 256 / 224 rounded, as
the project's descriptors do (256 for 224, 128 for 112). The model output becomes the descriptor's vector
(pooled and normalised as in embed.Descriptor), a negligible cost next to the model's. The clock runs from
the first file opened to the last batch's vectors; the model is loaded and run twice on a batch of zeros
first, since TorchScript profiles its first runs (the pipeline warms up likewise).

Prints one JSON line: images, seconds, images_per_s, input_size, torch_threads and more.

    /usr/bin/python3 bench/python_reference_loop.py --file-list FILES.txt [--input-size 224]
        [--model ../shared/models/squeezenet1_0.pt] [--descriptor logits] [--threads N]

Needs Debian's python3-torch, python3-torchvision and python3-pil (/usr/bin/python3).
"""
import argparse
import json
import os
import time

import PIL
import torch
import torchvision
from PIL import Image
from torchvision import transforms

MODELS = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "shared", "models")
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]
DESCRIPTORS = ("logits", "logits-normalized", "gem", "max", "avg")
WARM_UP_RUNS = 2


def vectors(output, descriptor, gem_p):
    """The descriptor's vectors of a batch: logits as they are, or a [N, C, H, W] feature map pooled."""
    if descriptor == "gem":
        output = output.clamp(min=1e-6).pow(gem_p).mean(dim=(2, 3)).pow(1.0 / gem_p)
    elif descriptor == "max":
        output = output.amax(dim=(2, 3))
    elif descriptor == "avg":
        output = output.mean(dim=(2, 3))
    return output if descriptor == "logits" else torch.nn.functional.normalize(output, dim=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file-list", required=True, help="a text file, one image path a line")
    parser.add_argument("--input-size", type=int, default=224, help="the crop the model sees (default: 224)")
    parser.add_argument("--model", default=os.path.join(MODELS, "squeezenet1_0.pt"))
    parser.add_argument("--descriptor", choices=DESCRIPTORS, default="logits")
    parser.add_argument("--gem-p", type=float, default=3.0)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()

    with open(args.file_list) as f:
        files = [line.strip() for line in f if line.strip()]
    if not files:
        parser.error(f"{args.file_list} lists no file")
    resize = round(args.input_size * 256 / 224)
    preprocess = transforms.Compose([transforms.Resize(resize), transforms.CenterCrop(args.input_size),
                                     transforms.ToTensor(), transforms.Normalize(MEAN, STD)])
    torch.set_num_threads(args.threads)
    model = torch.jit.load(args.model, map_location="cpu").eval()
    with torch.no_grad():
        for _ in range(WARM_UP_RUNS):
            model(torch.zeros(min(args.batch_size, len(files)), 3, args.input_size, args.input_size))

    load_seconds = inference_seconds = 0.0
    shape = None
    start = time.perf_counter()
    with torch.no_grad():
        for first in range(0, len(files), args.batch_size):
            loaded = time.perf_counter()
            batch = torch.stack([preprocess(Image.open(path).convert("RGB"))
                                 for path in files[first:first + args.batch_size]])
            inferred = time.perf_counter()
            shape = list(vectors(model(batch), args.descriptor, args.gem_p).shape[1:])
            load_seconds += inferred - loaded
            inference_seconds += time.perf_counter() - inferred
    seconds = time.perf_counter() - start

    print(json.dumps({
        "images": len(files),
        "seconds": round(seconds, 2),
        "images_per_s": round(len(files) / seconds, 2),
        "input_size": args.input_size,
        "resize": resize,
        "batch_size": args.batch_size,
        "torch_threads": torch.get_num_threads(),
        "open_and_preprocess_seconds": round(load_seconds, 2),
        "inference_seconds": round(inference_seconds, 2),
        "descriptor": args.descriptor,
        "vector_shape": shape,
        "model": os.path.basename(args.model),
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "pillow": PIL.__version__,
    }))


if __name__ == "__main__":
    main()
