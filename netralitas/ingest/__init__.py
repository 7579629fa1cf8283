"""The one import path: read a file, map its headers and values, validate, load in one transaction."""

from .load import ImportOptions, ImportReport, import_file, undo_batch

__all__ = ["ImportOptions", "ImportReport", "import_file", "undo_batch"]
