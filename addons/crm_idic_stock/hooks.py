def post_init_hook(env):
    """A company installing the addon has open deliveries already: those of its customers
    served first become urgent at once, not at the customer's next change of level or
    segment."""
    env["stock.picking"]._idic_follow_customers()
