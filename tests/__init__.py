"""Tests of odoo_scr from outside the addon (see README, "Running one test")."""
