"""Private uploads: where they are stored, what is accepted, how they are served.

Every uploaded file (a decision scan, a directive's PDF, evidence of progress, minutes) is
private: there is no MEDIA_URL route, the stored name is random (it says nothing about the
person or the record), and a download goes through a view that checks permission and
answers with `private_file_response`, which forbids caching, sniffing and running it."""

from __future__ import annotations

import mimetypes
import uuid
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext as _

SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    # Office files are zip containers.
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
}
DOCUMENTS = (".pdf", ".docx", ".xlsx", ".jpg", ".jpeg", ".png")
SCANS = (".pdf", ".jpg", ".jpeg", ".png")


def upload_max_bytes() -> int:
    return getattr(settings, "PORTAL_UPLOAD_MAX_MB", 10) * 1024 * 1024


@dataclass(frozen=True)
class RandomName:
    """An `upload_to`: `<folder>/<year>/<random hex><suffix>`. A class rather than a closure
    so that migrations can write it down."""

    folder: str

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePath(filename).suffix.lower()
        return f"{self.folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"

    def deconstruct(self):
        return ("portal.files.RandomName", (self.folder,), {})


def kinds_of(suffixes: tuple[str, ...]) -> str:
    """The accepted kinds as a person reads them: "PDF, JPG or PNG"."""
    names = list(dict.fromkeys("JPG" if s == ".jpeg" else s[1:].upper() for s in suffixes))
    if len(names) == 1:
        return names[0]
    return _("%(first)s or %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def validate_upload(upload, *, suffixes: tuple[str, ...] = DOCUMENTS,
                    max_bytes: int | None = None) -> None:
    """Refuse a file of another type, larger than the limit, or whose first bytes are not
    what its name says (a renamed executable, a damaged scan), with a Vietnamese message."""
    if not upload or not hasattr(upload, "size"):
        return
    limit = max_bytes or upload_max_bytes()
    suffix = PurePath(upload.name).suffix.lower()
    if suffix not in suffixes:
        raise ValidationError(_("This kind of file is not accepted: upload a %(kinds)s file.")
                              % {"kinds": kinds_of(suffixes)}, code="file_type")
    if upload.size > limit:
        raise ValidationError(_("The file is larger than %(n)s MB.")
                              % {"n": limit // 1024 // 1024}, code="file_size")
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(SIGNATURES[suffix]):
        raise ValidationError(
            _("The file's content is not a %(kind)s; it may be damaged or renamed.")
            % {"kind": suffix[1:].upper()}, code="file_content")


def private_file_response(field_file, *, filename: str,
                          attachment: bool | None = None) -> FileResponse:
    """The stored file named `filename` (the suffix is the stored one): shown in the
    browser if it is a PDF or a picture, downloaded otherwise, unless `attachment` says."""
    if not field_file:
        raise Http404
    suffix = PurePath(field_file.name).suffix.lower()
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    if attachment is None:
        attachment = suffix not in (".pdf", ".png", ".jpg", ".jpeg")
    # FileResponse guesses the type from the name when mimetypes does not know it here.
    response = FileResponse(handle, as_attachment=attachment, filename=f"{filename}{suffix}",
                            content_type=mimetypes.types_map.get(suffix))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response
