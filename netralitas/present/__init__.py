"""Presentation: DataFrames in, figures, tables and HTML out (no streamlit)."""
