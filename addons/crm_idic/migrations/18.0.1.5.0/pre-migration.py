"""Revenue is now net of the credit notes issued against each order: orders and lines get
a refunded amount (created and filled in one statement by the models' ``_auto_init``), and
the index of confirmed orders the scoring reads is rebuilt under a new name with it."""


def migrate(cr, version):
    if not version:
        return
    cr.execute("DROP INDEX IF EXISTS sale_order_idic_confirmed_index")
