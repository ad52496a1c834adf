"""The data pipeline: validate `data/raw`, import publisher files, build the DuckDB file."""
