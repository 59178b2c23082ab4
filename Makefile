# Chengxin: `make run` serves the demo city, `make test` passes the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
SRC := domain application infrastructure interfaces demo tests bench
# `make test` runs the suite in this many processes (pytest-xdist), then the few tests that must
# run alone (`serial`: they restart the PostgreSQL the others share).
TEST_WORKERS ?= 2

AXE := tests/e2e/assets/axe.min.js
AXE_VERSION := 4.11.4

.PHONY: run test check lint format bench clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

run: $(STAMP)
	CHENGXIN_DEMO=$${CHENGXIN_DEMO:-1} $(BIN)/chengxin serve --host 127.0.0.1 --port 8000

# axe-core, the accessibility checker the browser tests run on every page: fetched from the npm
# registry here, never at test time.
$(AXE):
	@mkdir -p $(dir $(AXE))
	cd $$(mktemp -d) && npm pack --silent axe-core@$(AXE_VERSION) >/dev/null \
		&& tar xzf axe-core-$(AXE_VERSION).tgz package/axe.min.js \
		&& mv package/axe.min.js $(CURDIR)/$(AXE)

test: $(STAMP) $(AXE)
	@command -v chromium >/dev/null && fc-list :lang=zh 2>/dev/null | grep -q . \
		|| (apt-get update && apt-get install -y chromium fonts-wqy-microhei)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal -m "not serial"
	$(BIN)/pytest -m serial

check: $(STAMP)
	$(BIN)/ruff check $(SRC)
	$(BIN)/ruff format --check $(SRC)
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix $(SRC)
	$(BIN)/ruff format $(SRC)

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var build .pytest_cache .mypy_cache .ruff_cache .hypothesis .import_linter_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
