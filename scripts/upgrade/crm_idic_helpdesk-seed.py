# ruff: noqa: F821 (`env` is given by odoo shell)
# Run by scripts/test-upgrade in `odoo shell` on the previous version of crm_idic_helpdesk
# (before 18.0.1.2.0): tickets rated by staff on the home-made 0-5 field, with comments,
# for the migration to Odoo's ratings.
Partner = env["res.partner"]
customer = Partner.create({"name": "Upgrade Rated Co", "is_company": True})
buyer = Partner.create({"name": "Upgrade Rated Buyer", "parent_id": customer.id})
agent = env.ref("base.user_admin")
done = env["helpdesk.ticket.stage"].search([("closed", "=", True)], limit=1)
Ticket = env["helpdesk.ticket"]
for value in ("0", "1", "2", "3", "4", "5"):
    ticket = Ticket.create(
        {
            "name": f"Upgrade rated {value}",
            "description": "<p>rated</p>",
            "partner_id": (buyer if value in ("2", "4") else customer).id,
            "user_id": False if value == "3" else agent.id,
        }
    )
    ticket.stage_id = done
    ticket.write({"idic_rating": value, "idic_rating_comment": f"Comment {value}"})
Ticket.create(
    {"name": "Upgrade never rated", "description": "<p>x</p>", "partner_id": customer.id}
).stage_id = done
env.cr.commit()
print("UPGRADE-SEED-OK")
