# The two commands of odoo_scr (see README.md). Everything else lives in tools/scr.sh.
.PHONY: run test bench
run:
	@bash tools/scr.sh run
test:
	@bash tools/scr.sh test
bench:
	@bash tools/scr.sh bench
