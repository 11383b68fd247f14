"""National code tables the school's student register (学籍) uses.

Ethnic groups: GB/T 3304-1991, 中国各民族名称的罗马字母拼写法和代码, codes 01-56 in the
standard's order, plus 97 (其他) and 98 (外国血统中国籍人士), which the register accepts too.
Political status: GB/T 4762-1984, 政治面貌代码, codes 01-13, named as the register shows them.
The stored values are the codes; the register's import reads the names.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ETHNIC_GROUPS = [
    ("01", "汉族"), ("02", "蒙古族"), ("03", "回族"), ("04", "藏族"), ("05", "维吾尔族"),
    ("06", "苗族"), ("07", "彝族"), ("08", "壮族"), ("09", "布依族"), ("10", "朝鲜族"),
    ("11", "满族"), ("12", "侗族"), ("13", "瑶族"), ("14", "白族"), ("15", "土家族"),
    ("16", "哈尼族"), ("17", "哈萨克族"), ("18", "傣族"), ("19", "黎族"), ("20", "傈僳族"),
    ("21", "佤族"), ("22", "畲族"), ("23", "高山族"), ("24", "拉祜族"), ("25", "水族"),
    ("26", "东乡族"), ("27", "纳西族"), ("28", "景颇族"), ("29", "柯尔克孜族"), ("30", "土族"),
    ("31", "达斡尔族"), ("32", "仫佬族"), ("33", "羌族"), ("34", "布朗族"), ("35", "撒拉族"),
    ("36", "毛南族"), ("37", "仡佬族"), ("38", "锡伯族"), ("39", "阿昌族"), ("40", "普米族"),
    ("41", "塔吉克族"), ("42", "怒族"), ("43", "乌孜别克族"), ("44", "俄罗斯族"),
    ("45", "鄂温克族"),
    ("46", "德昂族"), ("47", "保安族"), ("48", "裕固族"), ("49", "京族"), ("50", "塔塔尔族"),
    ("51", "独龙族"), ("52", "鄂伦春族"), ("53", "赫哲族"), ("54", "门巴族"), ("55", "珞巴族"),
    ("56", "基诺族"),
]  # fmt: skip
OTHER_ETHNICITIES = [("97", "其他"), ("98", "外国血统中国籍人士")]

POLITICAL_STATUSES = [
    ("01", "中共党员"),
    ("02", "中共预备党员"),
    ("03", "共青团员"),
    ("04", "民革会员"),
    ("05", "民盟盟员"),
    ("06", "民建会员"),
    ("07", "民进会员"),
    ("08", "农工党党员"),
    ("09", "致公党党员"),
    ("10", "九三学社社员"),
    ("11", "台盟盟员"),
    ("12", "无党派人士"),
    ("13", "群众"),
]


# The names are the standard's own Chinese terms in every language (the register reads them).
ETHNICITY_CHOICES = ETHNIC_GROUPS + OTHER_ETHNICITIES
POLITICAL_STATUS_CHOICES = POLITICAL_STATUSES

# Provincial-level divisions (GB/T 2260): a household registration region starts with one.
PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
    "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "台湾", "香港",
    "澳门",
)  # fmt: skip


def validate_household_region(value: str) -> None:
    """A region as the register writes it: a province-level name first (广东省东莞市长安镇)."""
    text = (value or "").strip()
    if not text.startswith(PROVINCES) or len(text) < 4:
        raise ValidationError(
            _("Write the region from the province down, e.g. 广东省东莞市长安镇."),
            code="household_region",
        )
