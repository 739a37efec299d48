# Two commands: `make run` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
VISSEL_DATA_DIR ?= var
# The address in staff e-mails follows the port the demo is served on.
VISSEL_BASE_URL ?= http://127.0.0.1:$(PORT)
export VISSEL_DATA_DIR VISSEL_BASE_URL

.PHONY: run test lint format messages

$(BIN)/vissel: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

run: $(BIN)/vissel
	$(BIN)/vissel create-kek
	$(BIN)/vissel migrate --noinput
	$(BIN)/vissel create-demo --port $(PORT)
	$(BIN)/vissel create-demo-history
	$(BIN)/vissel tick
	$(BIN)/vissel serve --port $(PORT)

test: $(BIN)/vissel lint
	$(BIN)/pytest -n 2 --dist worksteal --durations=10

lint: $(BIN)/vissel
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: $(BIN)/vissel
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Refresh the Swedish catalogue from the sources and compile it (needs gettext).
messages: $(BIN)/vissel
	cd vissel && ../$(BIN)/django-admin makemessages -l sv --no-location --no-obsolete
	cd vissel && ../$(BIN)/django-admin compilemessages -l sv
