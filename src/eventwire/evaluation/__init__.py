"""Scoring against gold files, and every benchmark with its synthetic news."""
