"""Pure rules of the helpdesk link: service levels, resolution times, ticket measures.

Imports nothing from Odoo: the addon gathers the numbers with set-based queries and
calls these functions; ``tests/test_helpdesk_core.py`` tests them without a database.
"""
