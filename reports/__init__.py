"""Document renderers: PDF (ReportLab) and XLSX (XlsxWriter)."""
