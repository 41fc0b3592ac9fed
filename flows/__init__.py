"""Prefect wiring for gacc-warehouse: flows call ``warehouse`` functions as tasks, nothing more.

Prefect reads its settings when first imported, so the project's defaults are set here, before any flow
module imports it: Prefect's state lives inside the project's data directory, and nothing is reported home.
"""

import os
from pathlib import Path

_DATA = Path(os.environ.get("GACC_DATA_DIR", Path(__file__).resolve().parent.parent / "data"))
os.environ.setdefault("PREFECT_HOME", str(_DATA / "prefect"))
Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)  # Prefect will not create parents
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
# The first start of an ephemeral server migrates a new SQLite database: slower than the 20 s default allows.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
