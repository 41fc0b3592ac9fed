"""A GACC site simulator: years of GACC-shaped pages, in each year's real layout, from a known ground truth.

Pages are real GACC pages refilled (``refill.py``: the splicing engine; ``pages.py``: the by-country
families), so the warehouse's own parsers read them exactly as they read GACC's.
"""
