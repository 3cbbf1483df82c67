"""Spreadsheets in and out: reading a structure's CSV or XLSX file (`reading`), the import
framework built on it (`imports`, `previews`, `views`), and exports no spreadsheet will run
as formulas (`exports`)."""
