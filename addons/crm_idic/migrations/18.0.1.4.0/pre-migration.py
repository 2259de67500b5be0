"""A board line may now be about a salesperson's own work, without a customer: the
unique occurrence moves from a constraint on (signal, customer, company, key) to a
unique index that counts a missing customer as one (created by the model's init)."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "ALTER TABLE crm_idic_action DROP CONSTRAINT IF EXISTS crm_idic_action_occurrence_unique"
    )
    cr.execute(
        "DELETE FROM ir_model_constraint WHERE name = %s",
        ("crm_idic_action_occurrence_unique",),
    )
