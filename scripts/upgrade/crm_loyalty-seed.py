# ruff: noqa: F821 (`env` is given by odoo shell)
# Run by scripts/test-upgrade in `odoo shell` on the previous version of crm_loyalty:
# member cards on contacts, as that version allowed, for the 18.0.1.2.0 fold-in.
program = env["loyalty.program"].create(
    {
        "name": "Upgrade ranks",
        "program_type": "loyalty",
        "applies_on": "both",
        "trigger": "auto",
        "crm_loyalty_ranked": True,
        "crm_loyalty_amount_per_point": 10000,
        "rule_ids": [(0, 0, {"reward_point_mode": "money", "reward_point_amount": 0.0001})],
        "crm_loyalty_tier_ids": [
            (0, 0, {"name": "Member", "sequence": 1, "threshold": 0}),
            (0, 0, {"name": "Silver", "sequence": 2, "threshold": 500}),
        ],
    }
)
Partner = env["res.partner"]
customer = Partner.create({"name": "Upgrade Customer Co", "is_company": True})
first = Partner.create({"name": "Upgrade Contact One", "parent_id": customer.id})
second = Partner.create({"name": "Upgrade Contact Two", "parent_id": customer.id})
alone = Partner.create({"name": "Upgrade Lonely Co", "is_company": True})
lonely = Partner.create({"name": "Upgrade Lonely Contact", "parent_id": alone.id})
Card = env["loyalty.card"]
rows = []
for partner, points in ((customer, 100), (first, 200), (second, 300), (lonely, 50)):
    card = Card.create({"program_id": program.id, "partner_id": partner.id})
    rows.append(
        {
            "card_id": card.id,
            "description": "Earned",
            "issued": points,
            "crm_loyalty_kind": "order",
        }
    )
Card._crm_loyalty_post(rows)
Card.search([("program_id", "=", program.id)])._crm_loyalty_assess()
env.cr.commit()
print("UPGRADE-SEED-OK")
