"""What the other addons' board signals read, for bench_action_board.py ``--all``.

Set-based SQL on the bench customers (``Bench customer %``) and salespeople, with the
records a company would configure (the ready loyalty program, a partner reward, a
ticket stage, the evaluation period) made through the ORM:

- crm_loyalty: a ranked card for one customer in three (rank by id, one in seven below
  its rank's threshold, reviews within 90 days, one in twenty warned of expiring
  points), a reward asked for by one card in 200;
- crm_idic_helpdesk: an open complaint past or near its deadline for one customer in 50;
- crm_dealer_tiers: one customer in 50 a dealer of a tier, with a running contract
  ending within 120 days, and one dealer in four with a tier review proposal;
- crm_evaluation: every salesperson's draft weekly report of last week, and a computed
  period of this month with a revenue target per salesperson, half of them behind.

Each part runs only when its addon is installed.
"""

import datetime

from odoo.tools import SQL

PATTERN = "Bench customer %"


def installed(env, module):
    return bool(
        env["ir.module.module"].search_count([("name", "=", module), ("state", "=", "installed")])
    )


def shape(env, users, today):
    """Give the bench customers what the installed addons' signals read. Returns the
    addons shaped."""
    company = env.ref("base.main_company")
    shaped = []
    for module, builder in (
        ("crm_loyalty", shape_loyalty),
        ("crm_idic_helpdesk", shape_helpdesk),
        ("crm_dealer_tiers", shape_dealers),
        ("crm_evaluation", shape_evaluation),
    ):
        if installed(env, module):
            builder(env, company, users, today)
            shaped.append(module)
    env.cr.execute(
        "ANALYZE loyalty_card; ANALYZE res_partner"
        if "crm_loyalty" in shaped
        else "ANALYZE res_partner"
    )
    return shaped


def shape_loyalty(env, company, users, today):
    program = env.ref("crm_loyalty.program_customer_loyalty")
    program.write({"active": True, "currency_id": company.currency_id.id})
    tiers = program._crm_loyalty_tiers()
    reward = env["crm.loyalty.partner.reward"].create(
        {
            "name": "Bench hotel night",
            "program_id": program.id,
            "supplier_id": company.partner_id.id,
            "category": "hotel",
            "points_cost": 100,
        }
    )
    env.flush_all()
    env.cr.execute(
        SQL(
            """
            INSERT INTO loyalty_card (program_id, company_id, partner_id, code, points, active,
                                      crm_loyalty_ranked, crm_loyalty_tier_id,
                                      crm_loyalty_qualifying_points, crm_loyalty_review_date,
                                      crm_loyalty_expiry_notice_points,
                                      crm_loyalty_expiry_notice_date,
                                      create_uid, write_uid, create_date, write_date)
            SELECT %(program)s, %(company)s, p.id, 'BB-' || p.id, 500 + mod(p.id, 1000), TRUE,
                   TRUE, (%(tiers)s::int[])[1 + mod(p.id, %(ntiers)s)],
                   CASE WHEN mod(p.id, 7) = 0 THEN 0 ELSE 10000000 END,
                   %(today)s::date + mod(p.id, 90),
                   CASE WHEN mod(p.id, 20) = 0 THEN 50 ELSE 0 END,
                   CASE WHEN mod(p.id, 20) = 0 THEN %(today)s::date + mod(p.id, 40) END,
                   1, 1, now(), now()
              FROM res_partner p
             WHERE p.name LIKE %(pattern)s AND mod(p.id, 3) = 0;
            INSERT INTO crm_loyalty_redemption (card_id, reward_id, state, partner_id,
                                                company_id, points, name,
                                                create_uid, write_uid, create_date, write_date)
            SELECT c.id, %(reward)s, 'requested', c.partner_id, c.company_id, 100,
                   'BR-' || c.id, 1, 1, now(), now()
              FROM loyalty_card c
             WHERE c.program_id = %(program)s AND mod(c.partner_id, 200) = 3;
            """,
            program=program.id,
            company=company.id,
            tiers=tiers.ids,
            ntiers=len(tiers),
            today=today,
            pattern=PATTERN,
            reward=reward.id,
        )
    )


def shape_helpdesk(env, company, users, today):
    stage = env["helpdesk.ticket.stage"].search([("closed", "=", False)], limit=1)
    env.cr.execute(
        SQL(
            """
            INSERT INTO helpdesk_ticket (company_id, name, description, partner_id, stage_id,
                                         idic_is_complaint, idic_deadline, active, number,
                                         create_uid, write_uid, create_date, write_date)
            SELECT %(company)s, 'Bench complaint', 'Late delivery', p.id, %(stage)s, TRUE,
                   now() + (mod(p.id, 10) - 7) * interval '1 day', TRUE, 'BT-' || p.id,
                   1, 1, now(), now()
              FROM res_partner p
             WHERE p.name LIKE %(pattern)s AND mod(p.id, 50) = 1
            """,
            company=company.id,
            stage=stage.id,
            pattern=PATTERN,
        )
    )


def shape_dealers(env, company, users, today):
    tiers = env["crm.dealer.tier"].search([], order="rank")
    env.cr.execute(
        SQL(
            """
            UPDATE res_partner p SET dealer_tier_id = (%(tiers)s::int[])[1 + mod(p.id, %(n)s)]
             WHERE p.name LIKE %(pattern)s AND mod(p.id, 50) = 2;
            INSERT INTO crm_dealer_contract (company_id, partner_id, tier_id, customer_group,
                                             state, date_start, date_end, renewal_days, name,
                                             create_uid, write_uid, create_date, write_date)
            SELECT %(company)s, p.id, p.dealer_tier_id, 'dealer', 'active',
                   %(today)s::date - 300, %(today)s::date + mod(p.id, 120), 30, 'BC-' || p.id,
                   1, 1, now(), now()
              FROM res_partner p
             WHERE p.dealer_tier_id IS NOT NULL AND p.name LIKE %(pattern)s;
            INSERT INTO crm_dealer_review (partner_id, company_id, action, state, date,
                                           current_tier_id, proposed_tier_id,
                                           create_uid, write_uid, create_date, write_date)
            SELECT p.id, %(company)s, 'upgrade', 'proposed', %(today)s, p.dealer_tier_id,
                   %(top)s, 1, 1, now(), now()
              FROM res_partner p
             WHERE p.dealer_tier_id IS NOT NULL AND p.name LIKE %(pattern)s
               AND mod(p.id, 4) = 0;
            """,
            tiers=tiers.ids,
            n=len(tiers),
            pattern=PATTERN,
            company=company.id,
            today=today,
            top=tiers[:1].id,
        )
    )


def shape_evaluation(env, company, users, today):
    monday = today - datetime.timedelta(days=today.weekday())
    period = env["crm.evaluation.period"].create(
        {
            "name": "Bench month",
            "company_id": company.id,
            "kind": "monthly",
            "date_from": today.replace(day=1),
            "tz": "UTC",
        }
    )
    env.flush_all()
    env.cr.execute(
        SQL(
            """
            INSERT INTO crm_evaluation_weekly_report (user_id, company_id, state, week_start,
                                                      week_end, name, create_uid, write_uid,
                                                      create_date, write_date)
            SELECT u, %(company)s, 'draft', %(week)s, %(week)s::date + 6, 'Bench week',
                   1, 1, now(), now()
              FROM unnest(%(users)s::int[]) AS u;
            UPDATE crm_evaluation_period SET state = 'computed', computed_date = now()
             WHERE id = %(period)s;
            INSERT INTO crm_evaluation_line (period_id, measure, dimension, user_id,
                                             target_measure, value, numerator, denominator,
                                             create_uid, write_uid, create_date, write_date)
            SELECT %(period)s, 'target_achievement', 'salesperson', u, 'revenue',
                   CASE WHEN mod(u, 2) = 0 THEN 0 ELSE 100 END,
                   CASE WHEN mod(u, 2) = 0 THEN 0 ELSE 1000000000 END, 1000000000,
                   1, 1, now(), now()
              FROM unnest(%(users)s::int[]) AS u;
            """,
            company=company.id,
            week=monday - datetime.timedelta(days=7),
            users=users.ids,
            period=period.id,
        )
    )
