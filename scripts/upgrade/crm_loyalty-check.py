# ruff: noqa: F821 (`env` is given by odoo shell)
# Run by scripts/test-upgrade in `odoo shell` after the update: the contacts' cards were
# folded into their customer's card (balance = history), the index exists.
Card = env["loyalty.card"].with_context(active_test=False)
program = env["loyalty.program"].search([("name", "=", "Upgrade ranks")])
customer = env["res.partner"].search([("name", "=", "Upgrade Customer Co")])
alone = env["res.partner"].search([("name", "=", "Upgrade Lonely Co")])
problems = []
cards = Card.search([("program_id", "=", program.id)])
card = cards.filtered(lambda c: c.partner_id == customer)
if len(card) != 1 or card.points != 600 or sum(card.history_ids.mapped("issued")) != 600:
    problems.append(f"customer card: {card.mapped('points')} {card.history_ids.mapped('issued')}")
if card and card.crm_loyalty_tier_id.name != "Silver":
    problems.append(f"customer rank: {card.crm_loyalty_tier_id.name}")
lonely = cards.filtered(lambda c: c.partner_id == alone)
if len(lonely) != 1 or lonely.points != 50:
    problems.append(f"lonely card: {lonely.mapped('points')}")
on_contacts = Card.search([("crm_loyalty_ranked", "=", True)]).filtered(
    lambda c: c.partner_id and c.partner_id != c.partner_id.commercial_partner_id
)
if on_contacts:
    problems.append(f"cards still on contacts: {on_contacts.ids}")
env.cr.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'loyalty_card_crm_loyalty_member_uniq'")
if not env.cr.fetchone():
    problems.append("no member index")
print("UPGRADE-CHECK-FAILED: " + "; ".join(problems) if problems else "UPGRADE-CHECK-OK")
