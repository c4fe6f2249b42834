"""A roster workbook is measured before anything reads it: a zip bomb, a sheet declaring a
million rows, an upload past the size limit are refused with a clear Vietnamese message,
and nothing is stored or parsed."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collaborators.importer import ImportFileError, plan_roster_import, roster_import_preview
from collaborators.models import ImportBatch

from .xlsx import rewritten, workbook_bytes, zip_bomb

pytestmark = pytest.mark.django_db

NS = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
TOO_BIG = "Khi giải nén, sổ tính này sẽ chiếm hơn"


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return zip_bomb(120)  # 120 MB of rows in about 0.4 MB


@pytest.fixture
def openpyxl_never_opens(monkeypatch):
    import openpyxl

    def refuse(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def test_the_bomb_is_a_real_workbook_that_would_be_read(bomb):
    import zipfile

    parts = zipfile.ZipFile(io.BytesIO(bomb)).infolist()
    assert len(bomb) < 1024 * 1024 and sum(p.file_size for p in parts) > 120 * 1024 * 1024


def test_a_zip_bomb_is_refused_at_upload_without_being_opened(client_for, accounts, bomb,
                                                              openpyxl_never_opens):
    response = client_for(accounts["officer"]).post(
        reverse("collaborators:import"), {"file": SimpleUploadedFile("ds.xlsx", bomb)})
    page = response.content.decode()
    assert response.status_code == 200 and TOO_BIG in page and "40 MB" in page
    assert not ImportBatch.objects.exists()


def test_a_zip_bomb_already_stored_is_refused_by_the_plan(accounts, bomb, openpyxl_never_opens):
    plan = plan_roster_import(fileobj=io.BytesIO(bomb), user=accounts["officer"])
    assert TOO_BIG in plan.file_error


def test_the_uncompressed_limit_is_a_setting(accounts, settings, openpyxl_never_opens):
    settings.ROSTER_IMPORT_MAX_UNCOMPRESSED_BYTES = 100_000
    rows = [["Họ và tên", "Mã đơn vị"], *[[f"Người Số {i}", "BK"] for i in range(2000)]]
    plan = plan_roster_import(fileobj=io.BytesIO(workbook_bytes(rows)), user=accounts["officer"])
    assert TOO_BIG in plan.file_error and "0,1 MB" in plan.file_error


def test_a_part_compressed_beyond_belief_is_refused(accounts, openpyxl_never_opens):
    # 8 MB (under the size limit) that deflates a thousandfold: no roster compresses so well
    padded = rewritten(workbook_bytes([["Họ và tên", "Mã đơn vị"]]),
                       [NS, b"<sheetData>", b" " * (8 * 1024 * 1024), b"</sheetData></worksheet>"])
    plan = plan_roster_import(fileobj=io.BytesIO(padded), user=accounts["officer"])
    assert TOO_BIG in plan.file_error


def test_a_sheet_declaring_a_million_rows_is_refused_before_they_are_read(accounts, units):
    tiny = rewritten(workbook_bytes([["Họ và tên", "Mã đơn vị"]]), [
        NS, b'<dimension ref="A1:XFD1048576"/><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan</t></is>'
        b'</c><c r="B1" t="inlineStr"><is><t>M\xc3\xa3 \xc4\x91\xc6\xa1n v\xe1\xbb\x8b</t></is>'
        b"</c></row></sheetData></worksheet>"])
    plan = plan_roster_import(fileobj=io.BytesIO(tiny), user=accounts["officer"])
    assert "có hơn 10000 dòng" in plan.file_error


def test_a_row_numbered_a_million_is_not_padded_with_empty_rows(accounts, units):
    # no dimension: the reader would yield 999,998 empty rows before this one
    far = rewritten(workbook_bytes([["Họ và tên", "Mã đơn vị"]]), [
        NS, b"<sheetData>"
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>Ho va ten</t></is></c>'
        b'<c r="B1" t="inlineStr"><is><t>Ma don vi</t></is></c></row>'
        b'<row r="2"><c r="A2" t="inlineStr"><is><t>Nguyen Van An</t></is></c>'
        b'<c r="B2" t="inlineStr"><is><t>BK</t></is></c></row>'
        b'<row r="1000000"><c r="XFD1000000" t="inlineStr"><is><t>x</t></is></c></row>'
        b"</sheetData></worksheet>"])
    plan = plan_roster_import(fileobj=io.BytesIO(far), user=accounts["officer"])
    assert "có hơn 10000 dòng" in plan.file_error


def test_the_row_limit_is_a_setting(accounts, units, settings):
    settings.ROSTER_IMPORT_MAX_ROWS = 3
    rows = [["Họ và tên", "Mã đơn vị"], *[[f"Người Số {i}", "BK"] for i in range(4)]]
    plan = plan_roster_import(fileobj=io.BytesIO(workbook_bytes(rows)), user=accounts["officer"])
    assert "có hơn 3 dòng" in plan.file_error
    plan = plan_roster_import(fileobj=io.BytesIO(workbook_bytes(rows[:4])),
                              user=accounts["officer"])
    assert plan.ok and len(plan.to_create) == 3


class ReadOnlyInChunks(SimpleUploadedFile):
    """An upload that fails the test if anything reads it whole."""

    def read(self, size=-1):
        assert size is not None and size > 0, "the upload was read whole"
        return super().read(size)


def test_an_upload_past_the_limit_is_refused_while_it_is_copied(accounts, settings):
    settings.COLLABORATORS_IMPORT_MAX_MB = 0.1
    content = workbook_bytes([["Họ và tên", "Mã đơn vị"],
                              *[[f"Người Số {os.urandom(30).hex()}", "BK"] for i in range(3000)]])
    assert len(content) > 0.1 * 1024 * 1024
    with pytest.raises(ImportFileError, match="lớn hơn 0,1 MB"):
        roster_import_preview(upload=ReadOnlyInChunks("ds.xlsx", content),
                              by=accounts["officer"])
    assert not ImportBatch.objects.exists()


def test_a_normal_upload_is_copied_in_chunks_and_kept(accounts, units):
    batch = roster_import_preview(
        upload=ReadOnlyInChunks("ds.xlsx", workbook_bytes([["Họ và tên", "Mã đơn vị"],
                                                           ["Nguyễn Văn An", "BK"]])),
        by=accounts["officer"])
    assert batch.file and ImportBatch.objects.count() == 1
