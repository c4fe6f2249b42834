"""How big a roster workbook may be, checked before anything reads it.

An .xlsx is a zip of XML files. A small upload can unpack to gigabytes (a 0.86 MB "zip
bomb" cost 118 s of CPU and 689 MB of memory per preview), and a tiny sheet can declare a
million rows that the reader pads with empty cells. So, before openpyxl opens a file: the
zip's own directory (which costs no decompression) must announce at most
ROSTER_IMPORT_MAX_UNCOMPRESSED_BYTES in all, no member may be compressed beyond
ROSTER_IMPORT_MAX_COMPRESSION_RATIO, and the sheet may declare at most
ROSTER_IMPORT_MAX_ROWS rows (plus the title rows above the header). Python's zipfile never
inflates a member beyond the size its directory announces, so the announced sizes bound
the work that follows.
"""

from __future__ import annotations

import zipfile
from typing import IO

from django.conf import settings
from django.utils.translation import gettext as _

MB = 1024 * 1024
MAX_ENTRIES = 500  # a workbook saved by Excel or LibreOffice has a few dozen parts
MAX_COLUMNS = 100  # a roster has 16 columns; cells further right are never read
RATIO_FLOOR = MB  # parts smaller than this may compress as well as they like
CHUNK = 64 * 1024


class ImportFileError(Exception):
    """The file as a whole cannot be read (not .xlsx, damaged, too big, no header, missing
    columns)."""


def max_upload_bytes() -> int:
    return int(float(getattr(settings, "COLLABORATORS_IMPORT_MAX_MB", 10)) * MB)


def max_uncompressed_bytes() -> int:
    return int(getattr(settings, "ROSTER_IMPORT_MAX_UNCOMPRESSED_BYTES", 40 * MB))


def max_compression_ratio() -> int:
    return int(getattr(settings, "ROSTER_IMPORT_MAX_COMPRESSION_RATIO", 100))


def max_rows() -> int:
    return int(getattr(settings, "ROSTER_IMPORT_MAX_ROWS",
                       getattr(settings, "COLLABORATORS_IMPORT_MAX_ROWS", 10000)))


def damaged() -> ImportFileError:
    return ImportFileError(_("The file is damaged or is not an Excel workbook; open it in "
                             "Excel, save it again as .xlsx and upload it."))


def _megabytes(size: int) -> str:
    return f"{size / MB:.0f}" if size >= 10 * MB else f"{size / MB:.1f}".replace(".", ",")


def _too_big() -> ImportFileError:
    return ImportFileError(_(
        "Unpacked, this workbook would take more than %(n)s MB, far more than a roster needs: "
        "it may hold hidden sheets, pictures or formatted empty rows. Copy only the roster "
        "into a new workbook, save it as .xlsx and upload that.")
        % {"n": _megabytes(max_uncompressed_bytes())})


def check_archive(fileobj: IO[bytes]) -> None:
    """Refuse a workbook whose parts would unpack beyond the limits (reading only the zip's
    directory); the file is left at its start."""
    try:
        with zipfile.ZipFile(fileobj) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise damaged() from exc
    finally:
        fileobj.seek(0)
    if len(parts) > MAX_ENTRIES or sum(p.file_size for p in parts) > max_uncompressed_bytes():
        raise _too_big()
    ratio = max_compression_ratio()
    for part in parts:
        if part.file_size > RATIO_FLOOR and part.file_size > ratio * max(part.compress_size, 1):
            raise _too_big()


def row_limit(header_search_rows: int) -> int:
    """Rows a sheet may have in all: the data rows, and the title rows above the header."""
    return max_rows() + header_search_rows


def too_many_rows() -> ImportFileError:
    return ImportFileError(_(
        "The sheet has more than %(n)s rows (empty rows below the data count too); delete the "
        "empty rows or split it into several files.") % {"n": max_rows()})


def copy_in_chunks(source, target: IO[bytes]) -> int:
    """Copy an upload into `target` a chunk at a time, refusing it as soon as it passes the
    upload limit (whatever size the request announced). Returns the size."""
    limit, size = max_upload_bytes(), 0
    source.seek(0)
    # read(CHUNK), not chunks(): an in-memory upload's chunks() is one read() of it all
    for chunk in iter(lambda: source.read(CHUNK), b""):
        size += len(chunk)
        if size > limit:
            raise ImportFileError(_("The file is larger than %(n)s MB.")
                                  % {"n": _megabytes(limit)})
        target.write(chunk)
    target.seek(0)
    return size
