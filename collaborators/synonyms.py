"""The names offices really write in the choice columns of a roster sheet.

A sheet says "Cán bộ hành chính", "CB hành chính" or "Viên chức hành chính" for the same
composition group; each is accepted. Matching ignores diacritics, case, punctuation and
spacing (`choice_key`), so "CÁN BỘ  HÀNH-CHÍNH" is "Cán bộ hành chính" too. Besides these,
every column accepts its labels (Vietnamese and English) and stored values. Written with
their diacritics: the first few are shown as examples when a cell is refused.
"""

from __future__ import annotations

import re

from portal.text import fold

SYNONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "network_role": {
        "officer": ("Cán bộ DLXH", "Cán bộ dư luận", "Cán bộ dư luận xã hội", "CB DLXH",
                    "Cán bộ phụ trách DLXH", "Phụ trách dư luận xã hội", "Cán bộ"),
        "collaborator": ("CTV", "CTV DLXH", "Cộng tác viên", "Cộng tác viên DLXH",
                         "Cộng tác viên dư luận", "CTV dư luận xã hội"),
        "reporter": ("BCV", "Báo cáo viên", "Báo cáo viên DLXH"),
        "propagandist": ("TTV", "Tuyên truyền viên", "Tuyên truyền viên miệng",
                         "Tuyên truyền"),
    },
    "gender": {
        "male": ("Nam", "Nam giới", "M", "Trai", "Ông"),
        "female": ("Nữ", "Nữ giới", "F", "Gái", "Bà"),
        "other": ("Khác",),
    },
    "group": {
        "leader": ("Lãnh đạo", "Quản lý", "Lãnh đạo, quản lý", "CB lãnh đạo", "CB quản lý",
                   "Cán bộ lãnh đạo", "Cán bộ quản lý", "Cán bộ lãnh đạo quản lý", "LĐQL",
                   "Ban giám hiệu", "BGH", "Lãnh đạo đơn vị"),
        "lecturer": ("GV", "Giảng viên cơ hữu", "Giáo viên", "Cán bộ giảng dạy", "CB giảng dạy",
                     "CBGD", "Giảng dạy"),
        "researcher": ("NCV", "Nghiên cứu viên", "Cán bộ nghiên cứu", "CB nghiên cứu",
                       "Nghiên cứu"),
        "administrative": ("Cán bộ hành chính", "CB hành chính", "CBHC", "Hành chính",
                           "Viên chức hành chính", "Nhân viên hành chính", "Chuyên viên",
                           "Nhân viên", "Hành chính văn phòng", "Văn phòng",
                           "Cán bộ hành chính văn phòng", "Hành chính, phục vụ"),
        "worker": ("Công nhân", "NLĐ", "Lao động", "Lao động hợp đồng", "Nhân viên phục vụ",
                   "Phục vụ"),
        "young": ("Cán bộ trẻ", "CB trẻ", "Trẻ", "Đoàn viên trẻ", "Giảng viên trẻ",
                  "Viên chức trẻ"),
        "other": ("Khác", "Khác (ghi rõ)"),
    },
    "status": {
        "active": ("Hoạt động", "Đang hoạt động", "Còn hoạt động", "Đang tham gia",
                   "Tham gia", "Đang làm"),
        "paused": ("Tạm nghỉ", "Tạm dừng", "Tạm ngưng", "Nghỉ tạm thời"),
        "ended": ("Đã thôi", "Thôi", "Nghỉ", "Đã nghỉ", "Kết thúc", "Đã kết thúc",
                  "Thôi tham gia", "Nghỉ hưu", "Chuyển công tác"),
    },
}

_PUNCTUATION = re.compile(r"[\s,;/\\.\-–—_+&()\[\]*:'\"]+")


def choice_key(text: object) -> str:
    """"CB  Hành-chính (*)" -> "cb hanh chinh": no diacritics, case or punctuation."""
    return " ".join(_PUNCTUATION.sub(" ", fold(str(text or ""))).split())


def synonym_lookup(field: str) -> dict[str, str]:
    """Every synonym of `field`'s choices, by its `choice_key`, -> the stored value."""
    return {choice_key(name): value
            for value, names in SYNONYMS.get(field, {}).items() for name in names}


def examples(field: str, count: int = 3) -> list[str]:
    """A few of the names offices write, one per choice first, for a refusal message."""
    table = SYNONYMS.get(field, {})
    firsts = [names[0] for names in table.values() if names]
    return firsts[:count]
