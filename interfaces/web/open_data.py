"""The open data as people download it: a CSV that opens in a spreadsheet in Chinese (a UTF-8
byte-order mark, Chinese column names and values), or with `?format=codes` the coded CSV of
the export API (§6, unchanged) for programs; the page says how many records there are and when
the site last changed."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import Response, StreamingResponse

from application.public import PUBLIC_FIELDS, csv_text
from domain.disclosure import DisclosedEntry
from interfaces.api.deps import System
from interfaces.web.i18n import Translator
from interfaces.web.rendering import PageRoute, render
from interfaces.web.session import MaybeVisitor

router = APIRouter(route_class=PageRoute, include_in_schema=False)
RED = "red"
BOM = "\ufeff"  # spreadsheets read the file as UTF-8 only with it
CHINESE_HEADERS = {
    "entry_id": "记录编号",
    "list_type": "名单类型",
    "domain": "领域",
    "severity": "失信程度",
    "subject_kind": "主体类型",
    "subject_name": "主体名称",
    "identifier": "统一社会信用代码/证件号码",
    "department": "认定部门",
    "decision_no": "决定书文号",
    "decision_date": "决定日期",
    "published_at": "公示日期",
    "publication_ends": "公示截止日期",
    "under_objection": "异议处理中",
    "legal_basis": "处罚依据",
    "penalty_content": "处罚内容",
}
LABELLED = {"list_type": "list_type", "severity": "severity", "subject_kind": "subject_kind"}


def chinese_row(t: Translator, item: DisclosedEntry) -> list[Any]:
    row: list[Any] = []
    for name in PUBLIC_FIELDS:
        value = getattr(item, name)
        if name == "severity" and item.list_type == RED:
            value = ""  # an honour has no degree of dishonesty
        elif name in LABELLED:
            value = t.label(LABELLED[name], value) if value else ""
        elif name == "domain":
            value = t.domain(value)
        elif name == "department":
            value = t.department(value)
        elif name == "under_objection":
            value = t("yes") if value else t("no")
        row.append(value)
    return row


@router.get("/public/open-data")
def open_data(request: Request, system: System, _: MaybeVisitor) -> Response:
    return render(request, "public/open_data.html", {"summary": system.public.summary()})


@router.get("/public/open-data/records.csv")
def records_csv(
    request: Request,
    system: System,
    _: MaybeVisitor,
    fmt: Annotated[Literal["chinese", "codes"], Query(alias="format")] = "chinese",
) -> Response:
    if fmt == "codes":
        chunks: Iterator[str] = system.public.export("csv")
        name = "chengxin-public-codes.csv"
    else:
        t = Translator("zh", system.reference)
        header = [CHINESE_HEADERS[field] for field in PUBLIC_FIELDS]
        rows = (chinese_row(t, item) for item in system.public.rows())
        chunks = with_bom(csv_text(header, rows))
        name = "chengxin-public.csv"
    return StreamingResponse(
        (chunk.encode("utf-8") for chunk in chunks),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def with_bom(chunks: Iterator[str]) -> Iterator[str]:
    yield BOM
    yield from chunks
