# gacc-warehouse — `make run` builds the warehouse from the bundled sample site; `make test` runs every check.
# Needs only python3 (>= 3.11) and pip: uv is bootstrapped into .bootstrap/ when it is not on PATH.

UV := $(shell command -v uv 2>/dev/null || echo .bootstrap/bin/uv)
# uv venvs here get no .pyc at run time (PYTHONDONTWRITEBYTECODE): compile at install, or imports cost seconds.
export UV_COMPILE_BYTECODE := 1
RUN := $(UV) run --frozen --no-sync

.PHONY: run test lint format clean

run: .venv/.synced
	$(RUN) gacc run --period all --mirror-root samples/gacc-site

test: .venv/.synced lint
	$(RUN) pytest

lint: .venv/.synced
	$(RUN) ruff check .
	$(RUN) ruff format --check .

format: .venv/.synced
	$(RUN) ruff format .
	$(RUN) ruff check --fix .

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	touch $@

.bootstrap/bin/uv:
	python3 -m venv .bootstrap
	.bootstrap/bin/pip install --quiet uv

clean:
	rm -rf data/build .pytest_cache .ruff_cache
