# gacc-warehouse — `make run` builds the warehouse from the bundled sample site; `make test` runs every check.
# Needs only python3 (>= 3.11) and pip: uv is bootstrapped into .bootstrap/ when it is not on PATH.

UV := $(shell command -v uv 2>/dev/null || echo .bootstrap/bin/uv)
# uv venvs here get no .pyc at run time (PYTHONDONTWRITEBYTECODE): compile at install, or imports cost seconds.
export UV_COMPILE_BYTECODE := 1
RUN := $(UV) run --frozen --no-sync

.PHONY: run test lint format clean prefect-server deploy worker bench

run: .venv/.synced
	$(RUN) gacc run --period all --mirror-root samples/gacc-site

test: .venv/.synced lint
	$(RUN) pytest

# W1 full backfill and W2 one new month on 1 vs 8 years, on a simulated site (bench/bench.py); JSON in data/bench.
bench: .venv/.synced
	$(RUN) python bench/bench.py --out data/bench

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

# Scheduled operation (README): a local Prefect server, the deployments of prefect.yaml, a process worker.
PREFECT_PORT ?= 4200
PREFECT_ENV := PREFECT_HOME=$(CURDIR)/data/prefect PREFECT_API_URL=http://127.0.0.1:$(PREFECT_PORT)/api \
	PREFECT_SERVER_ANALYTICS_ENABLED=false DO_NOT_TRACK=1

prefect-server: .venv/.synced
	mkdir -p data/prefect
	$(PREFECT_ENV) $(RUN) prefect server start --host 127.0.0.1 --port $(PREFECT_PORT)

deploy: .venv/.synced
	$(PREFECT_ENV) $(RUN) prefect --no-prompt work-pool create gacc-local --type process --overwrite
	$(PREFECT_ENV) $(RUN) prefect work-pool set-concurrency-limit gacc-local 1
	$(PREFECT_ENV) $(RUN) prefect --no-prompt deploy --all

worker: .venv/.synced
	$(PREFECT_ENV) $(RUN) prefect worker start --pool gacc-local

clean:
	rm -rf data/build .pytest_cache .ruff_cache
