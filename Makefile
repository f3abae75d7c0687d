# The two commands of odoo_scr (see README.md), and the others. Everything lives in tools/scr.sh.
#   make pytest ARGS='odoo_scr/tests/test_portal.py -k detail'   pytest with arguments
.PHONY: run test pytest setup bench readme
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
# odoo_scr/README.rst from the fragments in odoo_scr/readme/ (OCA's layout)
readme:
	@bash tools/scr.sh readme
# issue 19: Locust against prefork Odoo, the fault scripts, the streaming-replica run
# (bench/loadtest/run.py; not part of make test: each takes minutes)
.PHONY: loadtest faults replica
loadtest:
	@bash tools/scr.sh loadtest
faults:
	@bash tools/scr.sh faults
replica:
	@bash tools/scr.sh replica
