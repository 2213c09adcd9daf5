"""Opens a workbook with openpyxl and prints, as JSON, what a test checks of each sheet: its
name, rows, frozen pane, whether every header cell is bold, column widths, number formats of
the second row, and the first data row's values.

Usage: /usr/bin/python3 openpyxl_inspect.py FILE.xlsx
"""

import datetime
import json
import sys

import openpyxl


def shown(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def main():
    workbook = openpyxl.load_workbook(sys.argv[1])
    sheets = []
    for sheet in workbook.worksheets:
        header = next(sheet.iter_rows(min_row=1, max_row=1), ())
        second = next(sheet.iter_rows(min_row=2, max_row=2), ())
        sheets.append({
            "name": sheet.title,
            "rows": sheet.max_row,
            "frozen": sheet.freeze_panes,
            "header_bold": bool(header) and all(cell.font is not None and cell.font.b for cell in header),
            "header": [cell.value for cell in header],
            "widths": [sheet.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width
                       for i in range(len(header))],
            "formats": [cell.number_format for cell in second],
            "values": [shown(cell.value) for cell in second],
        })
    json.dump({"sheets": sheets}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
