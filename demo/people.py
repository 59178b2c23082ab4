"""The people and firms of the demo city: plausible names, identifiers with valid check digits.

Everything is drawn from a seeded random generator, so the same seed gives the same city.
Identifiers carry Huai'an's area codes (3208xx); resident IDs have real birth dates.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from stdnum.cn import ric, uscc

from domain.subject import SubjectKind

AREAS = ("320802", "320803", "320804", "320812", "320813", "320826", "320830", "320831")
OLD_AREAS = ("322201", "322221", "322227", "322229", "322230", "322231", "322232")
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红玲兰飞鹏辉建国志宏海波宁欣怡浩然子轩"
    "梓涵雨桐思远佳琪文博俊杰晓东春梅秋菊德成淑珍永胜立新"
)
FIRM_WORDS = (
    "恒信",
    "华瑞",
    "金诚",
    "淮润",
    "运河",
    "清江",
    "鼎盛",
    "宏达",
    "新安",
    "洪泽湖",
    "盱眙",
    "金湖",
    "涟漪",
    "楚州",
    "翔宇",
    "天成",
    "利民",
    "众兴",
    "同心",
    "丰源",
)
TRADES = (
    ("建筑工程", "有限公司"),
    ("商贸", "有限公司"),
    ("物流", "有限公司"),
    ("食品", "有限公司"),
    ("医药连锁", "有限公司"),
    ("网络科技", "有限公司"),
    ("融资担保", "有限公司"),
    ("旅行社", "有限公司"),
    ("客运", "有限公司"),
    ("文化传媒", "有限公司"),
    ("环保科技", "股份有限公司"),
    ("农业开发", "有限公司"),
    ("劳务派遣", "有限公司"),
    ("演艺经纪", "有限公司"),
    ("体育发展", "有限公司"),
    ("化工", "有限公司"),
)
ORG_FORMS = ("分公司", "合伙企业（有限合伙）", "经营部")
ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


@dataclass(frozen=True)
class Resident:
    kind: SubjectKind
    identifier: str
    name: str


def resident_id(rng: random.Random, born: date) -> str:
    """A Huai'an area code in use in the birth year (before 1983: the old prefecture's)."""
    serial = f"{born:%Y%m%d}{rng.randrange(1, 999):03d}"
    areas = rng.sample(AREAS, len(AREAS)) + rng.sample(OLD_AREAS, len(OLD_AREAS))
    for area in areas:
        number = f"{area}{serial}"
        number += ric.calc_check_digit(number + "0")
        if ric.is_valid(number):
            return number
    raise ValueError(f"no Huai'an area code was in use in {born.year}")


def organisation_code(rng: random.Random) -> str:
    """A GB 11714 organisation code: eight digits and their check character."""
    digits = [rng.randrange(10) for _ in range(8)]
    check = 11 - sum(d * w for d, w in zip(digits, ORG_CODE_WEIGHTS, strict=True)) % 11
    return "".join(map(str, digits)) + {10: "X", 11: "0"}.get(check, str(check))


def credit_code(rng: random.Random, category: str = "1") -> str:
    body = f"9{category}{rng.choice(AREAS)}{organisation_code(rng)}"
    return body + uscc.calc_check_digit(body)


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def birth_date(rng: random.Random, today: date, minor: bool = False) -> date:
    years = rng.uniform(12, 17.5) if minor else rng.uniform(20, 70)
    return today - timedelta(days=int(years * 365.25))


def person(rng: random.Random, today: date, minor: bool = False) -> Resident:
    identifier = resident_id(rng, birth_date(rng, today, minor))
    return Resident(SubjectKind.NATURAL_PERSON, identifier, person_name(rng))


def company(rng: random.Random) -> Resident:
    trade, form = rng.choice(TRADES)
    name = f"淮安{rng.choice(FIRM_WORDS)}{trade}{form}"
    return Resident(SubjectKind.LEGAL_PERSON, credit_code(rng), name)


def organisation(rng: random.Random) -> Resident:
    trade, _ = rng.choice(TRADES)
    name = f"淮安{rng.choice(FIRM_WORDS)}{trade}{rng.choice(ORG_FORMS)}"
    return Resident(SubjectKind.UNINCORPORATED_ORG, credit_code(rng), name)


def residents(rng: random.Random, today: date, count: int, minors: int = 4) -> list[Resident]:
    """`count` distinct subjects: half persons (a few of them minors), the rest firms."""
    found: dict[str, Resident] = {}
    names: set[str] = set()
    makers = (
        lambda: person(rng, today, minor=len(found) < minors),
        lambda: person(rng, today),
        lambda: company(rng),
        lambda: organisation(rng) if rng.random() < 0.3 else company(rng),
    )
    while len(found) < count:
        resident = makers[len(found) % len(makers)]()
        if resident.identifier not in found and resident.name not in names:
            found[resident.identifier] = resident
            names.add(resident.name)
    return list(found.values())
