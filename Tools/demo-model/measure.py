"""Measurements on generated pictures, shared by evaluate.py (and mirrored in Swift by
Tests/DemoModelTests/PictureMeasurements.swift; keep the two in step).

All functions take an RGB picture as a uint8 array [H, W, 3].

  classify        nearest named colour (dataset.COLOURS) per pixel, and its distance
  background      the most common colour class of the picture
  object_colour   the most common class among confident pixels that are not background
  is_cut          whether confident non-background pixels touch the frame
  high_frequency  mean squared 4-neighbour Laplacian of R, G and B (0..1 units): edge sharpness
"""
import numpy as np

from dataset import COLOURS, COLOUR_NAMES

PALETTE = np.array([COLOURS[name] for name in COLOUR_NAMES], dtype=np.float64)  # [8, 3]
CONFIDENT_DISTANCE = 60.0     # RGB distance under which a pixel counts as a named colour
MIN_OBJECT_PIXELS = 12        # fewer confident non-background pixels: no object found
MIN_BORDER_PIXELS = 3         # object pixels on the outermost ring that make the object "cut"


def classify(image):
    """(class index [H, W], distance to that palette colour [H, W])."""
    pixels = image.astype(np.float64)[..., None, :]              # [H, W, 1, 3]
    distances = np.sqrt(((pixels - PALETTE) ** 2).sum(axis=-1))  # [H, W, 8]
    classes = distances.argmin(axis=-1)
    return classes, np.take_along_axis(distances, classes[..., None], axis=-1)[..., 0]


def background(image):
    classes, _ = classify(image)
    counts = np.bincount(classes.ravel(), minlength=len(COLOUR_NAMES))
    return COLOUR_NAMES[int(counts.argmax())]


def object_mask(image):
    classes, distances = classify(image)
    bg = COLOUR_NAMES.index(background(image))
    return (classes != bg) & (distances < CONFIDENT_DISTANCE), classes


def object_colour(image):
    """The dominant colour of the non-background pixels, or None when there is no object."""
    mask, classes = object_mask(image)
    if mask.sum() < MIN_OBJECT_PIXELS:
        return None
    counts = np.bincount(classes[mask], minlength=len(COLOUR_NAMES))
    return COLOUR_NAMES[int(counts.argmax())]


def is_cut(image):
    """True when the object reaches the frame: at least MIN_BORDER_PIXELS object pixels on the
    outermost row or column."""
    mask, _ = object_mask(image)
    border = np.concatenate([mask[0, :], mask[-1, :], mask[1:-1, 0], mask[1:-1, -1]])
    return int(border.sum()) >= MIN_BORDER_PIXELS


def high_frequency(image):
    """Mean over the red, green and blue planes (0..1) of the squared discrete Laplacian, interior
    pixels only. Per channel rather than on luma, so edges between colours of equal brightness
    (red on blue) count too."""
    rgb = image.astype(np.float64) / 255.0
    lap = 4 * rgb[1:-1, 1:-1] - rgb[:-2, 1:-1] - rgb[2:, 1:-1] - rgb[1:-1, :-2] - rgb[1:-1, 2:]
    return float((lap ** 2).mean())
