# The two commands of odoo_scr (see README.md), and the others. Everything lives in tools/scr.sh.
#   make pytest ARGS='odoo_scr/tests/test_portal.py -k detail'   pytest with arguments
.PHONY: run test pytest setup bench
ARGS ?=
run:
	@bash tools/scr.sh run
test:
	@bash tools/scr.sh test
pytest:
	@bash tools/scr.sh pytest $(ARGS)
setup:
	@bash tools/scr.sh setup
bench:
	@bash tools/scr.sh bench
