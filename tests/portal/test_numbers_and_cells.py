import csv
import io
from decimal import Decimal

import openpyxl
from django.utils import translation

from portal.numbers import format_figure, format_percent, percent, ratio, rounded
from portal.spreadsheets import safe_cell, safe_text


def test_half_up_where_binary_floats_round_down():
    # round(10.65, 1) == 10.6 in floating point: the table/chart disagreement of issue 9.
    assert rounded(10.65) == Decimal("10.7")
    assert rounded(0.05) == Decimal("0.1")
    assert percent(64, 600) == Decimal("10.7")
    assert ratio(3, 8, per=100, places=0) == Decimal("38")
    assert percent(5, 0) is None


def test_figures_are_written_for_the_active_language():
    with translation.override("vi"):
        assert format_percent(percent(106, 1000)) == "10,6 %"
        assert format_figure(12345.25) == "12.345,3"
    with translation.override("en"):
        assert format_figure(12345.25) == "12,345.3"
    assert format_percent(None) == ""


def test_csv_text_that_starts_like_a_formula_is_quoted():
    rows = [safe_text(v) for v in ["=1+1", "+84 912", "-x", "@SUM(A1)", "Bình thường", 7]]
    out = io.StringIO()
    csv.writer(out).writerow(rows)
    assert out.getvalue().strip() == "'=1+1,'+84 912,'-x,'@SUM(A1),Bình thường,7"


def test_xlsx_text_that_starts_like_a_formula_stays_text():
    book = openpyxl.Workbook()
    sheet = book.active
    for row, value in enumerate(['=HYPERLINK("http://127.0.0.1","x")', "Nguyễn Văn A", 3],
                                start=1):
        safe_cell(sheet.cell(row=row, column=1), value)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    cells = list(openpyxl.load_workbook(data).active["A"])
    assert [c.data_type for c in cells] == ["s", "s", "n"]
    assert cells[0].value.startswith("=HYPERLINK") and cells[0].quotePrefix
