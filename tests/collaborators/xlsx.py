"""Build .xlsx files in memory the way offices fill them."""

import io

from openpyxl import Workbook, load_workbook


def workbook_bytes(rows, *, title="Danh sách") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def read_rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]


def rewritten(content: bytes, sheet_xml_parts, *, level: int = 9) -> bytes:
    """The workbook `content` with its first sheet's XML replaced by the concatenation of
    `sheet_xml_parts` (bytes), written as it streams: how a "zip bomb" is made."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info.filename, source.read(info.filename))
        with target.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for part in sheet_xml_parts:
                sheet.write(part)
    return out.getvalue()


def zip_bomb(megabytes: int) -> bytes:
    """A real roster workbook (it opens in Excel) whose sheet unpacks to `megabytes` MB of
    rows, about a thousand times its size in the zip."""
    header = workbook_bytes([["Họ và tên", "Mã đơn vị"]])
    row = b'<row r="2"><c r="A2" t="inlineStr"><is><t>Nguyen Van A</t></is></c></row>'
    chunk = row * (1024 * 1024 // len(row))
    return rewritten(header, [b'<worksheet xmlns="http://schemas.openxmlformats.org/'
                              b'spreadsheetml/2006/main"><sheetData>',
                              *([chunk] * megabytes), b"</sheetData></worksheet>"])
