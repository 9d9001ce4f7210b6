"""Kept for imports written before :mod:`speechkit.readers`; read files through that package."""
from __future__ import annotations

from .readers import MAX_BYTES, Document, decode, read_path

__all__ = ["MAX_BYTES", "Document", "decode", "read_path"]
