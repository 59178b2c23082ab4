"""The progress sheet as an XLSX workbook laid out like the plan's form, to print on A4 landscape.

One worksheet per sheet: a unit's own workbook has one, the city's one per lead unit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from application.progress_sheet import COLUMNS, ProgressSheet
from application.public import FORMULA_STARTS

WIDTHS = (6, 24, 30, 48, 60)  # about 26 cm of columns: A4 landscape less the margins
HEADER_ROW = 4
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center")
FONT = "宋体"
NOT_IN_TITLE = re.compile(r"[\[\]:*?/\\]")


def text_cell(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Text stays text: openpyxl would store "=..." as a formula. A cell that starts like one
    is also marked quote-prefixed, so Excel keeps it text when someone edits it."""
    cell: Cell = sheet.cell(row, column, value)
    if isinstance(value, str):
        cell.data_type = "s"
        cell.quotePrefix = value.startswith(FORMULA_STARTS)
    return cell


def _heading(sheet: Worksheet, progress: ProgressSheet) -> None:
    last = len(COLUMNS)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    text_cell(sheet, 1, 1, progress.title).font = Font(name=FONT, size=16, bold=True)
    sheet.cell(1, 1).alignment = CENTRE
    sheet.row_dimensions[1].height = 36
    labels = (
        (2, 1, "年份:", 2, str(progress.period.year)),
        (2, 3, "季度:", 4, progress.quarter_label),
        (3, 1, "填报单位(盖章):", 3, progress.unit_name),
    )
    for row, column, label, value_column, value in labels:
        sheet.cell(row, column, label).font = Font(name=FONT, bold=True)
        text_cell(sheet, row, value_column, value).font = Font(name=FONT)
        sheet.cell(row, value_column).alignment = LEFT
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=2)
    sheet.merge_cells(start_row=3, start_column=3, end_row=3, end_column=last)
    sheet.merge_cells(start_row=2, start_column=4, end_row=2, end_column=last)
    for column, header in enumerate(COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, column, header)
        cell.font = Font(name=FONT, bold=True)
        cell.alignment = CENTRE
        cell.border = BOX
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(ord("A") + column - 1)].width = width


def _rows(sheet: Worksheet, progress: ProgressSheet) -> None:
    for offset, row in enumerate(progress.rows, start=1):
        values = (row.number, row.project, row.goal, row.problems, row.measures)
        for column, value in enumerate(values, start=1):
            cell = text_cell(sheet, HEADER_ROW + offset, column, value)
            cell.alignment = CENTRE if column == 1 else WRAP
            cell.border = BOX
            cell.font = Font(name=FONT)
        lines = max(
            len(str(value)) // max(WIDTHS[i] // 2, 1) + str(value).count("\n") + 1
            for i, value in enumerate(values)
        )
        sheet.row_dimensions[HEADER_ROW + offset].height = max(lines, 4) * 15


def _print_layout(sheet: Worksheet) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    sheet.print_options.horizontalCentered = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)


def _title(progress: ProgressSheet, many: bool, taken: set[str]) -> str:
    base = progress.unit_name if many else f"{progress.period.year}{progress.quarter_label}"
    title = NOT_IN_TITLE.sub("", base)[:28] or progress.unit
    while title in taken:
        title = f"{title[:26]}-{len(taken)}"
    taken.add(title)
    return title


def progress_workbook(sheets: Sequence[ProgressSheet]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    taken: set[str] = set()
    for progress in sheets:
        sheet = workbook.create_sheet(_title(progress, len(sheets) > 1, taken))
        _heading(sheet, progress)
        _rows(sheet, progress)
        _print_layout(sheet)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
