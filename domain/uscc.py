"""The unified social credit code (统一社会信用代码) of GB 32100-2015.

18 characters from `0-9 A-H J-N P-R T U W-Y`: the registration authority (1 机构编制, 2 外交,
3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 工商/市场监管, A 中央军委改革和编制办公室,
N 农业, Y 其他), its category character, the 6-digit GB/T 2260 code of the registering region,
the 9-character organisation code of GB 11714 and the check character (weights 3^i mod 31,
computed by python-stdnum's `cn.uscc.calc_check_digit`).

`stdnum.cn.uscc.validate` accepts digits only in the first 8 characters, so it refuses the codes
of the authorities A, N and Y; its check-character function is used, its validation is not.

The embedded organisation code's own GB 11714 check character is *not* enforced: codes given
since 2015 (the `MA…` codes of market regulation, the codes of individual businesses, village
collectives and other authorities) could not be confirmed here to pass it, and refusing a real
code is worse than missing a typo that the final check character already catches (it detects
every single-character error).

National bodies carry the region code 100000 (the state), which is in no edition of GB/T 2260.
"""

from __future__ import annotations

from stdnum.cn import uscc as stdnum_uscc

from domain.identifiers import Checked, Reason, Scheme, is_region_code, refuse

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
NATIONAL_REGION = "100000"
# registration authority → its category characters (GB 32100-2015, table 1 and its amendments)
CATEGORIES: dict[str, str] = {
    "1": "1239",  # 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他
    "2": "19",  # 外国常驻新闻机构, 其他
    "3": "123459",  # 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
    "4": "19",  # 外国在华文化中心, 其他
    "5": "1239",  # 社会团体, 民办非企业单位, 基金会, 其他
    "6": "129",  # 外国/港澳台旅游部门常驻代表机构, 其他
    "7": "129",  # 宗教活动场所, 宗教院校, 其他
    "8": "19",  # 基层工会, 其他
    "9": "123",  # 企业, 个体工商户, 农民专业合作社
    "A": "19",  # 军队事业单位, 其他
    "N": "1239",  # 组级, 村级, 乡镇级集体经济组织, 其他
    "Y": "1",  # 其他
}


def check_uscc(code: str) -> Checked:
    scheme = Scheme.USCC
    if len(code) != 18:
        raise refuse(scheme, Reason.LENGTH, code, "it has 18 characters")
    if any(c not in ALPHABET for c in code):
        raise refuse(scheme, Reason.CHARACTERS, code, "I, O, S, V and Z are never used")
    categories = CATEGORIES.get(code[0])
    if categories is None:
        raise refuse(scheme, Reason.CHARACTERS, code, f"{code[0]} is no registration authority")
    if code[1] not in categories:
        raise refuse(
            scheme, Reason.CHARACTERS, code, f"{code[1]} is no category of authority {code[0]}"
        )
    region = code[2:8]
    if region != NATIONAL_REGION and not is_region_code(region):
        raise refuse(scheme, Reason.REGION, code, f"{region} is no GB/T 2260 code")
    if code[-1] != stdnum_uscc.calc_check_digit(code[:17]):
        raise refuse(scheme, Reason.CHECK, code, "the check character does not match")
    return Checked(scheme, code)
