"""Texts of the licence and commitment pages: the public site's 公示类型 filter and cards, and
the workbench's forms."""

from __future__ import annotations

Pair = tuple[str, str]

REGISTER_TEXTS: dict[str, Pair] = {
    "public.kind": ("公示类型", "Kind of record"),
    "public.kind.all": ("全部处罚和名单", "Penalties and lists"),
    "public.kind.penalty": ("行政处罚", "Administrative penalties"),
    "public.kind.licence": ("行政许可", "Administrative licences"),
    "public.kind.commitment": ("信用承诺", "Credit commitments"),
    "public.kind.lists": ("名单", "Black, focus and red lists"),
    "public.licence": ("行政许可", "Administrative licence"),
    "public.commitment": ("信用承诺", "Credit commitment"),
    "public.issuer": ("许可机关", "Issuing department"),
    "public.taker": ("承诺受理部门", "Department"),
    "public.valid": ("有效期", "Validity"),
    "public.valid.value": ("{start} 至 {end}", "{start} to {end}"),
    "public.valid.open": ("长期", "open-ended"),
    "public.published_at": ("公示日期", "Published on"),
    "opendata.licences": ("行政许可（CSV）", "Licences (CSV)"),
    "opendata.commitments": ("信用承诺（CSV）", "Credit commitments (CSV)"),
    "wb.subject.licences": ("行政许可", "Administrative licences"),
    "wb.subject.licences.none": ("暂无行政许可。", "No licence."),
    "wb.licence.record": ("登记行政许可", "Record a licence"),
    "wb.licence.record.note": (
        "以本部门名义登记；登记即公示（决定之日起7个工作日内）。",
        "Recorded for your department and published at once (due within 7 working days of the "
        "decision).",
    ),
    "wb.licence.record.go": ("登记许可", "Record the licence"),
    "wb.subject.commitments": ("信用承诺", "Credit commitments"),
    "wb.subject.commitments.none": ("暂无信用承诺。", "No commitment."),
    "wb.commitment.record": ("登记信用承诺", "Record a credit commitment"),
    "wb.commitment.record.go": ("登记承诺", "Record the commitment"),
    "wb.commitment.breach": ("认定违诺并立案", "Find it broken and open a case"),
    "wb.commitment.breach.go": ("认定违诺", "Record the breach"),
    "wb.commitment.case": ("违诺案件", "Case"),
}

REGISTER_FLASHES: dict[str, Pair] = {
    "licence_recorded": ("行政许可已登记并公示。", "Licence recorded and published."),
    "commitment_recorded": ("信用承诺已登记并公示。", "Commitment recorded and published."),
    "commitment_broken": ("已认定违诺，并已立案。", "Breach recorded; a case is open."),
}

COMMITMENT_STATUS: dict[str, Pair] = {
    "in_force": ("履约中", "In force"),
    "fulfilled": ("已履约", "Fulfilled"),
    "broken": ("已违诺", "Broken"),
}
