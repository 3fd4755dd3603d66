"""Exports of the meeting pack: XLSX (a sheet per part), CSV (one long table) and PDF (laid out
for print, with the same plotly figures as SVG). All read one ``pakket.Pakket``."""
