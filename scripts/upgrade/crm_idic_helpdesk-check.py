# ruff: noqa: F821 (`env` is given by odoo shell)
# Run by scripts/test-upgrade in `odoo shell` after the update to 18.0.1.2.0: the 1-5
# ratings staff recorded on tickets became Odoo ratings (consumed, given by the ticket's
# customer to its assignee, the comment as feedback, the value unchanged), "0" none; the
# demo tickets keep their one rating; the old columns are gone; the customer's measures
# read the new ratings.
problems = []
Ticket = env["helpdesk.ticket"]
Rating = env["rating.rating"]
agent = env.ref("base.user_admin")
customer = env["res.partner"].search([("name", "=", "Upgrade Rated Co")])
for value in range(6):
    ticket = Ticket.search([("name", "=", f"Upgrade rated {value}")])
    if len(ticket) != 1:
        problems.append(f"ticket {value} missing")
        continue
    ratings = Rating.search([("res_model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
    if value == 0:
        if ratings or ticket.idic_customer_rating:
            problems.append(f"'not rated' got a rating: {ratings.mapped('rating')}")
        continue
    expected = {
        "count": 1,
        "rating": float(value),
        "consumed": True,
        "partner": ticket.partner_id,
        "rated": agent.partner_id if value != 3 else env["res.partner"],
        "feedback": f"Comment {value}",
        "on ticket": float(value),
        "last": float(value),
    }
    found = {
        "count": len(ratings),
        "rating": ratings[:1].rating,
        "consumed": ratings[:1].consumed,
        "partner": ratings[:1].partner_id,
        "rated": ratings[:1].rated_partner_id,
        "feedback": ratings[:1].feedback,
        "on ticket": ticket.idic_customer_rating,
        "last": ticket.rating_last_value,
    }
    wrong = {key: (found[key], want) for key, want in expected.items() if found[key] != want}
    if wrong:
        problems.append(f"rating {value}: {wrong}")
never = Ticket.search([("name", "=", "Upgrade never rated")])
if never.rating_ids or never.idic_customer_rating:
    problems.append("a ticket never rated got a rating")
# the demo's rated tickets: their one rating (the demo's), not a second one
demo = [
    env.ref(f"crm_idic_helpdesk.demo_ticket_{name}", raise_if_not_found=False)
    for name in ("vnpt_1", "vnpt_2", "hoa_phat_1", "minh_khoa_1", "tan_long_1")
]
for ticket in filter(None, demo):
    consumed = ticket.rating_ids.filtered("consumed")
    if len(consumed) != 1 or not ticket.idic_customer_rating:
        problems.append(f"demo {ticket.name}: {consumed.mapped('rating')}")
for column in ("idic_rating", "idic_rating_comment"):
    env.cr.execute(
        "SELECT 1 FROM information_schema.columns "
        "WHERE table_name = 'helpdesk_ticket' AND column_name = %s",
        [column],
    )
    if env.cr.fetchall():
        problems.append(f"the old column {column} is still there")
# the customer's tab: ratings 1, 3, 5 on the company, 2 and 4 on its buyer
if customer.idic_ticket_rating != 3.0 or round(customer.idic_ticket_satisfied_rate, 1) != 40.0:
    problems.append(
        f"measures: {customer.idic_ticket_rating} {customer.idic_ticket_satisfied_rate}"
    )
print("UPGRADE-CHECK-FAILED: " + "; ".join(problems) if problems else "UPGRADE-CHECK-OK")
