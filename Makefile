# Shortcuts for developers; README's two commands are scripts/run.sh and scripts/test.sh
# (they need nothing but bash on a fresh Debian machine).
.PHONY: run test bench screenshots

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh $(PYTEST_ARGS)

bench:
	@bash scripts/bench.sh

screenshots:
	@bash scripts/setup.sh --test && xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py
