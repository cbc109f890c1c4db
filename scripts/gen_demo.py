#!/usr/bin/env python3
"""Writes the demo county's CSV files under demo/ (deterministic: same output every run).

The files are committed; this script documents how they were made and can make them again:
    python3 scripts/gen_demo.py
"""
import csv
import os
import random

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "demo")
rng = random.Random(20261128)

COUNTY = "清河县"
DIVISION = "130534"  # administrative division code used in the demo merchants' credit codes

DEPARTMENTS = [
    ("XZSP", "县行政审批服务局", ["综合受理股", "投资项目审批股", "市场准入审批股", "社会事务审批股", "政务服务股"]),
    ("SCJG", "县市场监督管理局", ["登记注册股", "食品安全监管股", "药品医疗器械监管股", "特种设备安全监察股", "价格监督检查股", "质量发展股"]),
    ("SWJ", "县税务局", ["纳税服务股", "征收管理股", "税政股", "法制股"]),
    ("ZRZY", "县自然资源和规划局", ["国土空间规划股", "不动产登记股", "耕地保护股", "地籍测绘股"]),
    ("ZJJ", "县住房和城乡建设局", ["建筑市场管理股", "房地产市场监管股", "城建股", "行政审批股"]),
    ("RSJ", "县人力资源和社会保障局", ["就业促进股", "社会保险股", "劳动关系股", "人才开发股"]),
    ("FGJ", "县发展和改革局", ["投资股", "价格股", "能源股", "经济运行股"]),
    ("GXJ", "县工业和信息化局", ["企业服务股", "产业发展股", "节能与综合利用股"]),
    ("SWU", "县商务局", ["外贸股", "市场运行股", "招商股"]),
    ("STHJ", "县生态环境分局", ["环评股", "污染防治股", "生态环境执法大队", "总量控制股"]),
    ("JTJ", "县交通运输局", ["运输管理股", "建设管理股", "路政股"]),
    ("NYJ", "县农业农村局", ["农产品质量安全股", "农业产业化股", "畜牧兽医股", "种植业股"]),
    ("SLJ", "县水利局", ["水资源管理股", "工程建设管理股", "河湖管理股"]),
    ("YJJ", "县应急管理局", ["安全生产基础股", "危险化学品监管股", "综合协调股"]),
    ("WJJ", "县卫生健康局", ["医政医管股", "公共卫生股", "综合监督股"]),
    ("YBJ", "县医疗保障局", ["医药服务管理股", "基金监管股", "待遇保障股"]),
]
# departments most merchants deal with, and how often
DEALING_WEIGHTS = {"XZSP": 9, "SCJG": 9, "SWJ": 8, "RSJ": 5, "ZJJ": 4, "ZRZY": 3, "STHJ": 3, "FGJ": 2, "GXJ": 3,
                   "SWU": 2, "JTJ": 2, "NYJ": 2, "SLJ": 1, "YJJ": 3, "WJJ": 2, "YBJ": 2}

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰春梅海燕鹏飞宇浩凯晨阳欣怡婷雪琳嘉俊博文斌亮新宏亚楠晓峰波辉云龙佳慧"
BRANDS = ["恒通", "华瑞", "鑫源", "宏达", "盛世", "金穗", "瑞丰", "永兴", "德润", "博远", "嘉禾", "泰和", "利民", "兴旺", "东方",
          "新联", "正大", "天成", "福源", "汇丰", "润泽", "长青", "顺达", "安康", "信诚", "广厦", "晨光", "绿源", "明珠", "宏图",
          "众和", "万家", "益农", "惠民", "鼎盛", "同创", "康泰", "锦程", "中和", "远航"]
INDUSTRIES = [
    ("餐饮", ["餐饮管理", "饭店", "食品"]), ("批发零售", ["商贸", "超市", "百货"]), ("建筑业", ["建筑工程", "建设工程", "装饰工程"]),
    ("制造业", ["机械制造", "塑料制品", "纺织", "电子科技"]), ("交通物流", ["物流", "运输", "汽车服务"]),
    ("农业", ["农业开发", "种植专业合作社", "养殖"]), ("信息技术", ["信息技术", "网络科技", "软件"]),
    ("医药卫生", ["医药", "大药房", "医疗器械"]), ("房地产", ["房地产开发", "物业服务"]), ("文化旅游", ["文化传媒", "旅游开发", "酒店管理"]),
]
CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def person_name(used):
    while True:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
        if name not in used:
            used.add(name)
            return name


def org_code():
    """A GB 11714 organization code (8 characters and its check character)."""
    body = "MA" + "".join(rng.choice(CREDIT_ALPHABET) for _ in range(6))
    values = [int(c) if c.isdigit() else ord(c) - 55 for c in body]
    check = 11 - sum(v * w for v, w in zip(values, [3, 7, 9, 10, 5, 8, 4, 2])) % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


def credit_code(kind):
    first17 = kind + DIVISION + org_code()
    total = sum(CREDIT_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS))
    return first17 + CREDIT_ALPHABET[(31 - total % 31) % 31]


def phone():
    return rng.choice(["138", "139", "150", "151", "158", "186", "187", "135", "177", "199"]) + "".join(
        rng.choice("0123456789") for _ in range(8))


def write(name, header, rows, bom=False):
    with open(os.path.join(OUT, name), "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as f:
        writer = csv.writer(f, lineterminator="\r\n" if bom else "\n")
        writer.writerow(header)
        writer.writerows(rows)


def main():
    os.makedirs(OUT, exist_ok=True)
    people = set()

    roster = []
    for d_index, (code, name, sections) in enumerate(DEPARTMENTS, start=1):
        seq = 0
        for section in sections:
            seq += 1
            position = "大队长" if section.endswith("大队") else "股长"
            start = f"{rng.randint(2012, 2024)}-{rng.randint(1, 12):02d}-{rng.choice([1, 1, 15]):02d}"
            roster.append([code, name, section, f"G{d_index:02d}{seq:02d}", person_name(people), position, start, "是"])
            if rng.random() < 0.12:  # a few large sections also have a deputy who is rated
                seq += 1
                roster.append([code, name, section, f"G{d_index:02d}{seq:02d}", person_name(people),
                               "副股长", f"{rng.randint(2018, 2025)}-{rng.randint(1, 12):02d}-01", "是"])
    write("roster.csv", ["部门代码", "部门名称", "股室", "工号", "姓名", "职务", "任职日期", "在职"], roster, bom=True)

    merchants = []
    names = set()
    codes = set()
    while len(merchants) < 420:
        industry, kinds = rng.choice(INDUSTRIES)
        individual = rng.random() < 0.15
        brand = rng.choice(BRANDS)
        if individual:
            name = f"{COUNTY}{brand}{rng.choice(kinds)}店"
        else:
            name = f"{COUNTY}{brand}{rng.choice(kinds)}有限公司"
        if name in names:
            name = name.replace(COUNTY, COUNTY + rng.choice(["城关镇", "东关", "西街", "南湖", "北苑", "开发区"]), 1)
        if name in names:
            continue
        code = credit_code("92" if individual else "91")
        if code in codes:
            continue
        names.add(name)
        codes.add(code)
        merchants.append([code, name, industry, person_name(people), phone()])
    write("merchants.csv", ["统一社会信用代码", "企业名称", "行业", "联系人", "联系电话"], merchants, bom=True)

    dealings = []
    department_codes = list(DEALING_WEIGHTS)
    weights = [DEALING_WEIGHTS[c] for c in department_codes]
    for merchant in merchants:
        for year in (2025, 2026):
            if year == 2025 and rng.random() < 0.2:
                continue  # some merchants are new this year
            chosen = set()
            for _ in range(rng.randint(2, 5)):
                chosen.add(rng.choices(department_codes, weights)[0])
            for department in sorted(chosen):
                dealings.append([merchant[0], str(year), department])
    # 2024 was added later, from its own generator, so that the rows above stay as they were.
    earlier = random.Random(2024)
    for merchant in merchants:
        if earlier.random() < 0.35:
            continue  # fewer merchants were invited that year
        chosen = set()
        for _ in range(earlier.randint(2, 4)):
            chosen.add(earlier.choices(department_codes, weights)[0])
        for department in sorted(chosen):
            dealings.append([merchant[0], "2024", department])
    write("dealings.csv", ["统一社会信用代码", "年度", "部门代码"], dealings)

    supervisors = []
    categories = ["人大代表"] * 11 + ["政协委员"] * 10 + ["企业代表"] * 10 + ["其他"] * 2
    affiliations = {
        "人大代表": ["县人大代表（城关镇）", "县人大代表（开发区）", "县人大代表（南湖乡）", "县人大代表（北苑镇）"],
        "政协委员": ["县政协委员（工商联界）", "县政协委员（经济界）", "县政协委员（农业界）", "县政协委员（医卫界）"],
        "其他": ["县律师协会", "县个体劳动者协会"],
    }
    for index, category in enumerate(categories, start=1):
        if category == "企业代表":
            affiliation = merchants[index * 7][1]
        else:
            affiliation = rng.choice(affiliations[category])
        supervisors.append([f"JD{index:03d}", person_name(people), category, affiliation, phone(), "是"])
    write("supervisors.csv", ["编号", "姓名", "类别", "工作单位", "联系电话", "在职"], supervisors)

    # 目标责任考核 for 2025 and 2026: one row per department, and two chiefs with their own.
    for year in (2025, 2026):
        rows = []
        for code, _, _ in DEPARTMENTS:
            rows.append([code, "", *[f"{rng.uniform(72, 97):.1f}" for _ in range(4)], ""])
        rows.append(["", "G0101", "96.0", "92.5", "95.0", "90.0", "窗口服务标兵，单独考核"])
        rows.append(["", "G0202", "70.0", "65.0", "68.5", "60.0", "年内两次被投诉"])
        write(f"assessment-{year}.csv", ["部门代码", "工号", "组织领导", "工作宣传", "任务落实", "工作亮点", "备注"], rows)
    # 2024, from its own generator (see the dealings above).
    rows = [[code, "", *[f"{earlier.uniform(72, 97):.1f}" for _ in range(4)], ""] for code, _, _ in DEPARTMENTS]
    rows.append(["", "G0101", "94.0", "90.0", "93.5", "88.0", "窗口服务标兵，单独考核"])
    write("assessment-2024.csv", ["部门代码", "工号", "组织领导", "工作宣传", "任务落实", "工作亮点", "备注"], rows)

    print(f"demo: {len(DEPARTMENTS)} departments, {sum(len(d[2]) for d in DEPARTMENTS)} sections, "
          f"{len(roster)} chiefs, {len(merchants)} merchants, {len(dealings)} dealings, {len(supervisors)} supervisors")


if __name__ == "__main__":
    main()
