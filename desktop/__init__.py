"""Porpiang for the desktop: the app, its local store and the services between them."""

from importlib import metadata

try:
    __version__ = metadata.version("porpiang")
except metadata.PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0+unknown"
