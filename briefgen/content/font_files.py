"""A brand's font file → accepted, with the size it unpacks to; or the reason it is refused.

A WOFF holds each table (and its metadata) as a zlib stream and a WOFF2 all its tables as one Brotli stream, so
a file of a few kilobytes can unpack to gigabytes, which a renderer's font reader allocates: WeasyPrint hands
WOFF and WOFF2 to fontTools, which inflates a stream whole before it compares it with the header. So the header
and table directory are read first, from the file's first bytes, and what they say each stream unpacks to is
capped; then each stream is inflated here at most that far, and must end there. A TrueType or OpenType file is
stored unpacked: its size is its file's.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import NamedTuple

from briefgen.content.figures import FileKind

MAX_FONT_BYTES = 20_000_000
"""What one font may unpack to: more than a font covering Chinese, Japanese and Korean needs (Noto Sans CJK's
largest is 16 MB). A TrueType or OpenType file is held to it by its size."""
MAX_BRAND_FONT_BYTES = 60_000_000
"""What a brand's fonts may unpack to together: each is embedded in every HTML page and PDF it styles."""

FONT_FILE = FileKind({".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"},
                     "a TrueType, OpenType or WOFF font", "font", "fonts/Brand-Regular.ttf", "brand file",
                     MAX_FONT_BYTES)

_SFNT_SIGNATURES = (b"\x00\x01\x00\x00", b"OTTO", b"true")
_WOFF = struct.Struct(">4sIIHHIHHIIIII")
"""WOFF 1.0's header: signature, flavor, length, numTables, reserved, totalSfntSize, version (2), metaOffset,
metaLength, metaOrigLength, privOffset, privLength."""
_WOFF_TABLE = struct.Struct(">4sIIII")
"""A WOFF table directory entry: tag, offset, compLength, origLength, origChecksum."""
_WOFF2 = struct.Struct(">4sIIHHIIHHIIIII")
"""WOFF2's header: WOFF's, with totalCompressedSize after totalSfntSize."""
_WOFF2_LONGEST_ENTRY = 1 + 4 + 5 + 5
"""A WOFF2 table directory entry at its longest: flags, a tag of its own, and two UIntBase128 lengths."""
_GLYF_LOCA = (10, 11)
"""The indices of `glyf` and `loca` in WOFF2's known tags: their lengths as stored follow other rules."""


class _Stream(NamedTuple):
    """A compressed stream in a font file, and what its header says it unpacks to."""

    name: str
    offset: int
    stored: int
    unpacked: int


class _Claims(NamedTuple):
    """What a font's header says: the bytes it unpacks to in all, and its compressed streams."""

    unpacked: int
    streams: list[_Stream]


def unpacked_size(path: Path) -> int:
    """The bytes the font at `path` unpacks to; ValueError if it is not a font, its header does not match the
    file, it unpacks to more than MAX_FONT_BYTES, or a stream in it unpacks to other than its header says."""
    size = path.stat().st_size
    with path.open("rb") as file:
        head = file.read(_WOFF2.size)
        signature = head[:4]
        if signature in _SFNT_SIGNATURES:
            return size
        if signature == b"wOFF":
            claims, inflate, kind = _woff(head + file.read(_WOFF_TABLE.size * _count(head)), size), _zlib, "WOFF"
        elif signature == b"wOF2":
            claims, inflate, kind = _woff2(head + file.read(_WOFF2_LONGEST_ENTRY * _count(head)), size), \
                _brotli, "WOFF2"
        else:
            raise ValueError("is not a TrueType, OpenType or WOFF font file")
        if claims.unpacked > MAX_FONT_BYTES:
            raise ValueError(f"unpacks to {claims.unpacked:,} bytes, as its header says; the limit for a font is "
                             f"{MAX_FONT_BYTES:,}")
        file.seek(0)
        data = file.read()
    for stream in claims.streams:
        if inflate(data[stream.offset:stream.offset + stream.stored], stream.unpacked) != stream.unpacked:
            raise ValueError(f"is a {kind} font whose {stream.name} does not unpack to the {stream.unpacked:,} "
                             "bytes its header says")
    return claims.unpacked


def _count(head: bytes) -> int:
    """numTables, which WOFF and WOFF2 both write after their signature, flavor and length."""
    return struct.unpack_from(">H", head, 12)[0] if len(head) >= 14 else 0


def _woff(data: bytes, size: int) -> _Claims:
    """What a WOFF's header and table directory say: its tables, each a zlib stream inflated on its own (stored
    as is where it would not shrink), in the font they make, and its metadata."""
    if len(data) < _WOFF.size:
        raise ValueError("is a WOFF font cut short in its header")
    _, _, length, count, _, total, _, _, meta_offset, meta_stored, metadata, _, _ = _WOFF.unpack_from(data)
    if length != size or len(data) < _WOFF.size + count * _WOFF_TABLE.size:
        raise ValueError("is a WOFF font whose header does not match the file (cut short, or altered)")
    tables, streams = 0, []
    for index in range(count):
        tag, offset, stored, unpacked, _ = _WOFF_TABLE.unpack_from(data, _WOFF.size + index * _WOFF_TABLE.size)
        if stored > unpacked or offset + stored > size:
            raise ValueError("is a WOFF font whose table directory does not match the file")
        if stored < unpacked:
            streams.append(_Stream(f"table {tag.decode('latin-1')!r}", offset, stored, unpacked))
        tables += (unpacked + 3) & ~3  # each table starts on a 4-byte boundary in the font
    if meta_stored:
        streams.append(_Stream("metadata", meta_offset, meta_stored, metadata))
    return _Claims(int(max(total, 12 + 16 * count + tables) + metadata), streams)


def _woff2(data: bytes, size: int) -> _Claims:
    """What a WOFF2's header and table directory say: its one Brotli stream (the tables, some transformed), the
    font rebuilt from it, and its metadata (Brotli too); the greatest of what they claim."""
    if len(data) < _WOFF2.size:
        raise ValueError("is a WOFF2 font cut short in its header")
    _, flavor, length, count, _, total, stored, _, _, meta_offset, meta_stored, metadata, _, _ = \
        _WOFF2.unpack_from(data)
    if length != size:
        raise ValueError("is a WOFF2 font whose header does not match the file (cut short, or altered)")
    if flavor == int.from_bytes(b"ttcf"):
        raise ValueError("is a WOFF2 font collection; give each font of it as a file of its own")
    position, stream, tables = _WOFF2.size, 0, 0
    for _ in range(count):
        if position >= len(data):
            raise ValueError("is a WOFF2 font whose table directory is cut short")
        flags = data[position]
        tag_index, transform = flags & 0x3F, flags >> 6
        position += 1 + (4 if tag_index == 63 else 0)
        is_glyf_or_loca = tag_index in _GLYF_LOCA or (tag_index == 63 and data[position - 4:position] in
                                                      (b"glyf", b"loca"))
        unpacked, position = _base128(data, position)
        in_stream = unpacked
        if (transform == 0) == is_glyf_or_loca:  # a transformed table gives its length in the stream too
            in_stream, position = _base128(data, position)
        tables += (unpacked + 3) & ~3
        stream += in_stream
    if position + stored > size:
        raise ValueError("is a WOFF2 font whose header does not match the file (cut short, or altered)")
    streams = [_Stream("stream of tables", position, stored, stream)]
    if meta_stored:
        streams.append(_Stream("metadata", meta_offset, meta_stored, metadata))
    return _Claims(int(max(total, 12 + 16 * count + tables, stream) + metadata), streams)


def _base128(data: bytes, position: int) -> tuple[int, int]:
    """A WOFF2 UIntBase128 at `position`, and the position after it; ValueError if it is malformed."""
    value = 0
    for offset in range(5):
        if position + offset >= len(data):
            break
        byte = data[position + offset]
        if (offset == 0 and byte == 0x80) or value >> 25:  # a leading zero, or past 32 bits
            break
        value = value << 7 | byte & 0x7F
        if not byte & 0x80:
            return value, position + offset + 1
    raise ValueError("is a WOFF2 font whose table directory does not read as WOFF2's")


def _zlib(stored: bytes, unpacked: int) -> int | None:
    """The bytes the zlib stream `stored` unpacks to, inflating no more than `unpacked` and one; None if it goes
    on past them, is cut short or is no zlib stream."""
    inflater = zlib.decompressobj()
    try:
        inflated = inflater.decompress(stored, unpacked + 1)
    except zlib.error:
        return None
    return len(inflated) if inflater.eof else None


def _brotli(stored: bytes, unpacked: int) -> int | None:
    """As _zlib, for a Brotli stream (brotli stops within a block of its limit: at most twice `unpacked`)."""
    import brotli  # only a brand with a WOFF2 font needs it

    decompressor = brotli.Decompressor()
    try:
        inflated: bytes = decompressor.process(stored, output_buffer_limit=unpacked + 1)
    except brotli.error:
        return None
    return len(inflated) if decompressor.is_finished() else None
