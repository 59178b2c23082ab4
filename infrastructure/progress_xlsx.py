"""The progress sheet as an XLSX workbook laid out like the seed's form."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from application.progress_sheet import COLUMNS, ProgressSheet
from application.public import FORMULA_STARTS

WIDTHS = (6, 26, 30, 48, 64)
HEADER_ROW = 4
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
FONT = "宋体"


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
    sheet.row_dimensions[1].height = 32
    sheet.cell(2, 1, "年份:").font = Font(name=FONT, bold=True)
    sheet.cell(2, 2, progress.period.year)
    sheet.cell(2, 3, "季度:").font = Font(name=FONT, bold=True)
    sheet.cell(2, 4, progress.quarter_label)
    sheet.cell(3, 1, "填报单位(盖章):").font = Font(name=FONT, bold=True)
    sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=2)
    text_cell(sheet, 3, 3, progress.unit_name)
    sheet.cell(3, 4, f"数据截至 {progress.cutoff.isoformat()}")
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
        lines = max(str(value).count("\n") + 1 for value in values)
        sheet.row_dimensions[HEADER_ROW + offset].height = max(lines, 5) * 16


def progress_workbook(progress: ProgressSheet) -> bytes:
    workbook = Workbook()
    sheet = workbook.worksheets[0]
    sheet.title = f"{progress.period.year}{progress.quarter_label}"
    _heading(sheet, progress)
    _rows(sheet, progress)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
