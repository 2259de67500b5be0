"""Open complaints mark the customer "needs attention" through crm_idic's scoring."""

from odoo.tests import tagged

from .common import HelpdeskCase


@tagged("post_install", "-at_install")
class TestAttention(HelpdeskCase):
    def test_open_complaint_flags_the_customer_at_the_scoring(self):
        partner = self.make_customer("Regular buyer")
        self.make_order(partner, 1500, days_ago=10)
        scored = self.recompute(partner)
        self.assertEqual(scored.idic_relationship_status, "regular")

        question = self.new_ticket(partner, name="How do I reset it?")
        self.recompute(partner)
        self.assertEqual(scored.idic_relationship_status, "regular", "a question is no complaint")

        complaint = self.new_ticket(partner, idic_complaint_type_id=self.delivery.id)
        self.recompute(partner)
        self.assertEqual(scored.idic_relationship_status, "needs_attention")

        complaint.with_user(self.desk).stage_id = self.stage_done
        question.with_user(self.desk).stage_id = self.stage_done
        self.recompute(partner)
        self.assertEqual(scored.idic_relationship_status, "regular", "the complaint is closed")

    def test_complaint_in_another_company_does_not_flag(self):
        other, _manager = self.make_other_company()
        partner = self.env["res.partner"].create({"name": "Shared customer", "is_company": True})
        self.env["helpdesk.ticket"].create(
            {
                "name": "Elsewhere",
                "description": "<p>x</p>",
                "partner_id": partner.id,
                "company_id": other.id,
                "idic_is_complaint": True,
                "stage_id": self.stage_new.id,
            }
        )
        flagged = partner.with_company(self.company)._idic_attention_flags()
        self.assertNotIn(partner.id, flagged)
        self.assertIn(partner.id, partner.with_company(other)._idic_attention_flags())

    def test_attention_flags_run_a_bounded_number_of_queries(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Complainer {i}", "is_company": True} for i in range(40)]
        )
        self.env["helpdesk.ticket"].create(
            [
                {
                    "name": "Late",
                    "description": "<p>late</p>",
                    "partner_id": partner.id,
                    "company_id": self.company.id,
                    "idic_is_complaint": True,
                    "stage_id": self.stage_new.id,
                }
                for partner in partners
            ]
        )

        def queries(records):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            flagged = records.with_company(self.company)._idic_attention_flags()
            return self.env.cr.sql_log_count - before, flagged

        few, flagged_few = queries(partners[:2])
        many, flagged_many = queries(partners)
        self.assertEqual(flagged_many, set(partners.ids))
        self.assertEqual(flagged_few, set(partners[:2].ids))
        self.assertEqual(many, few, "one grouped query, whatever the number of customers")
        self.assertLessEqual(many, 3)
