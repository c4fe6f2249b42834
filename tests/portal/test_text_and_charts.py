from portal.charts import Series, bar_chart, column_chart, stacked_bar
from portal.text import fold, name_sort_key


def test_fold_removes_vietnamese_diacritics_and_case():
    assert fold("Dư LUẬN  xã hội") == "du luan xa hoi"
    assert fold("Đoàn viên Đặng") == "doan vien dang"
    assert fold("nguyen van") in fold("Nguyễn Văn Phúc")


def test_names_sort_by_given_name_first():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Anh", "Phạm Minh Ân"]
    assert sorted(names, key=name_sort_key) == [
        "Nguyễn Thị An", "Phạm Minh Ân", "Lê Anh", "Trần Văn Bình"]


def test_bar_chart_writes_every_label_and_value_as_text():
    svg = bar_chart([("Bách khoa", 4.5), ("Quốc tế", 1.25)], title="CTV/100 ĐV",
                    decimals=1, target=3, highlight={"Quốc tế"})
    assert svg.startswith("<svg") and 'aria-label="CTV/100 ĐV"' in svg
    assert "Bách khoa" in svg and "4,5" in svg and "1,3" in svg  # half up, decimal comma
    assert svg.count('fill="#b23a48"') == 1  # the unit below target stands out
    assert "stroke-dasharray" in svg  # the target line


def test_stacked_bar_percentages_add_up():
    svg = stacked_bar([("Nam", 30), ("Nữ", 10)], title="Giới tính")
    assert "Nam: 30 (75,0 %)" in svg and "Nữ: 10 (25,0 %)" in svg


def test_column_chart_escapes_labels_and_draws_a_legend():
    svg = column_chart(["T1", "<b>"], [Series("Kỳ này", [3, 4]), Series("Kỳ trước", [1, 2])],
                       title="Xu hướng")
    assert "&lt;b&gt;" in svg and "<b>" not in svg
    assert "Kỳ này" in svg and "Kỳ trước" in svg


def test_long_labels_are_cut_to_fit_and_kept_whole_in_a_tooltip():
    long = "Công đoàn Trường Đại học Khoa học Xã hội và Nhân văn và một cái tên rất dài nữa"
    svg = bar_chart([(long, 1.0), ("BK", 2.0)], title="t", width=360)
    assert f"<title>{long}</title>" in svg
    assert "…" in svg


def test_column_labels_wrap_onto_several_lines():
    svg = column_chart(["Thông tin bên ngoài, thông tin xấu độc", "Khác"],
                       [Series("Kỳ này", [3, 4])], title="t", width=320)
    assert svg.count("<tspan") >= 3  # the long label takes several lines, "Khác" one


def test_chart_labels_round_half_up_like_the_pages():
    """1,45 and 36,5 are where binary floats and truncation went wrong (1,4; 36)."""
    from django.template import Context, Template

    svg = bar_chart([("A", 29 * 100 / 2000), ("B", 73 * 100 / 200)], title="t", decimals=1)
    assert ">1,5<" in svg and ">36,5<" in svg
    svg = bar_chart([("B", 73 * 100 / 200)], title="t", suffix="%")
    page = Template("{% load portal_tags %}{{ a|figure:1 }} {{ b|pct }} {{ c|pct }}").render(
        Context({"a": 29 * 100 / 2000, "b": 73 * 100 / 200, "c": None}))
    assert ">37 %<" in svg and page == "1,5 37 % —"


def test_parts_that_mean_bad_news_are_drawn_in_their_colour():
    from portal.charts import BAD, GOOD, NEUTRAL

    svg = stacked_bar([("Tích cực", 3), ("Trung lập", 2), ("Tiêu cực", 5)], title="t",
                      colors=[GOOD, NEUTRAL, BAD])
    assert svg.count(f'fill="{BAD}"') == 2 and svg.count(f'fill="{GOOD}"') == 2
    assert "#2e8b57" not in svg  # the palette's green is not used for "Tiêu cực"
