"""gacc-warehouse: China Customs (GACC) trade statistics as a DuckDB star schema."""

__version__ = "0.1.0"
