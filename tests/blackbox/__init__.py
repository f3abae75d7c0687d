"""odoo_scr driven as its clients drive it: a real server, JSON-RPC and the portal over HTTP."""
