"""The addon's pure rules, loaded from their files without an Odoo registry.

``odoo_scr/criteria.py`` imports nothing from Odoo: it is loaded by path. The working-day
counting of ``odoo_scr/models/resource_calendar.py`` lives on the calendar model; its
module imports Odoo's ORM (classes only: no database, no registry) and is loaded by path
under a module name of its own, so that importing it does not import the whole addon.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

ADDON = Path(__file__).resolve().parents[2] / "odoo_scr"


def load(relative, name):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ADDON / relative)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def criteria():
    return load("criteria.py", "odoo_scr_pure_criteria")


@pytest.fixture(scope="session")
def calendar_rules():
    # Odoo's model classes must live under odoo.addons.<module>: a name no addon has, laid
    # out as the addon is, so that the model's relative import of statutory_day finds it.
    package = "odoo.addons.odoo_scr_pure_rules"
    load("statutory_day.py", f"{package}.statutory_day")
    return load("models/resource_calendar.py", f"{package}.models.resource_calendar")
