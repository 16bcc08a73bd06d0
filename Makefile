# Two commands on a fresh machine: `make run` and `make test` (see README.md). `make check` is
# the quick one while working: lint and the tests but the browser and year-long ones.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# What the browser tests need from Debian: chromium, CJK fonts so it can draw Chinese, and
# poppler's pdftotext to read where a printed page put its words.
DEBIAN_PACKAGES := chromium fonts-noto-cjk poppler-utils
# pytest-xdist. In `make test` the browser tests run in two groups, each on one worker with its
# chromium; `make check` has none, and plain load balancing costs less per test. `make test` runs
# a worker more than the cores: its tests wait on PostgreSQL, chromium and the `lianxi` processes
# they start, and a third worker fills those waits (on 2 cores: 304 s with two, 289 s with three).
WORKERS := $(shell echo $$(( $$(nproc) + 1 )))
XDIST_TEST ?= -n $(WORKERS) --dist loadgroup
XDIST_CHECK ?= -n auto --dist load
# `make run PORT=5050`: where the demo is served; links in its mails follow (LIANXI_BASE_URL's default).
PORT = 5000

.PHONY: run test check install translations system-packages postgres modeler lint bench bench-scale clean

run: install translations
	$(BIN)/lianxi init-db --demo
	LIANXI_PORT=$(PORT) $(BIN)/lianxi serve --host 127.0.0.1

# Where PYTHONDONTWRITEBYTECODE is set (it is on these machines), every process of a run — each
# worker, and each `lianxi` and script-helper process the tests start — would compile the code
# afresh. The suite keeps its compiled files: once compiled up front, and pytest's rewritten tests.
test: install translations system-packages postgres modeler lint
	$(BIN)/python -m compileall -q -j 0 engine webui notifications
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest $(XDIST_TEST)

check: install translations postgres modeler lint
	$(BIN)/python -m compileall -q -j 0 engine webui notifications
	PYTHONDONTWRITEBYTECODE= $(BIN)/pytest $(XDIST_CHECK) -m "not slow and not browser"

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

translations: install
	$(BIN)/pybabel compile -d webui/translations

system-packages:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages: $$missing"; \
		$(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q $$missing; \
	fi

# The tests that promise PostgreSQL behaviour run against the local server; start it if the
# machine has one that is stopped. When none can be reached those tests fail, never skip.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || \
		( ls /etc/postgresql >/dev/null 2>&1 && \
		  $(SUDO) pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | tail -1) main start ) || \
		echo "warning: no PostgreSQL at 127.0.0.1:5432; its tests will fail"

# bpmn-moddle, with which bpmn.io and Camunda Modeler open and save BPMN: the modeler round trip of
# tests/engine/workflow/test_modeler_roundtrip.py. Debian's node and npm where there are none.
modeler: tests/modeler/node_modules/.package-lock.json

tests/modeler/node_modules/.package-lock.json: tests/modeler/package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q nodejs npm; }
	npm ci --prefix tests/modeler --no-audit --no-fund

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install translations
	$(BIN)/python -m bench.run
	$(BIN)/python -m bench.run --postgresql postgresql://postgres@127.0.0.1:5432/test
	$(BIN)/python -m bench.passes
	$(BIN)/python -m bench.passes --postgresql postgresql://postgres@127.0.0.1:5432/test

# The passes, the inbox and the ledger at 1,000 and 10,000 open tasks across many bodies (some
# minutes), on SQLite and on PostgreSQL; `make bench-scale LARGE=1` adds 100,000 (much longer).
# docs/PERFORMANCE.md, "At scale".
bench-scale: install translations
	$(BIN)/python -m bench.scale $(if $(LARGE),--large)
	$(BIN)/python -m bench.scale $(if $(LARGE),--large) --postgresql postgresql://postgres@127.0.0.1:5432/test

clean:
	rm -rf $(VENV) instance .pytest_cache
