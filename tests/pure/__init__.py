"""Rules of odoo_scr tested as plain Python: no database, no Odoo registry."""
