"""The dealer network: tiers written only by the workflow; parents rank above children."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from odoo.addons.crm_idic.models.res_partner import MERGE_KEY, MERGE_TOKEN

from .common import DealerCase


@tagged("post_install", "-at_install")
class TestNetwork(DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.top = cls.make_dealer("NPP Sài Gòn", cls.dist)
        cls.agent1 = cls.make_dealer("Đại lý Cấp 1", cls.l1, parent=cls.top)
        cls.agent2 = cls.make_dealer("Đại lý Cấp 2", cls.l2, parent=cls.agent1)

    def test_tree(self):
        self.assertEqual(self.top.dealer_child_ids, self.agent1)
        self.assertEqual(self.agent1.dealer_child_ids, self.agent2)

    def test_parent_must_rank_above(self):
        other_l2 = self.make_dealer("Other level 2", self.l2)
        with self.assertRaisesText(ValidationError, "rank above"):
            self.as_user(self.sales, self.agent1).dealer_parent_id = other_l2
        other_l1 = self.make_dealer("Other level 1", self.l1)
        with self.assertRaisesText(ValidationError, "rank above"):
            self.as_user(self.sales, other_l1).dealer_parent_id = self.agent1
        # a downgrade of the parent that puts it level with its child is refused
        with self.assertRaisesText(ValidationError, "rank above"):
            self.agent1._dealer_set_tier(self.l2, "review")

    def test_no_cycle(self):
        with self.assertRaisesText(ValidationError, "its own parent"):
            self.top.dealer_parent_id = self.agent2

    def test_tier_is_written_by_the_workflow_only(self):
        for user in (self.sales, self.manager):
            partner = self.as_user(user, self.agent2)
            for vals in ({"dealer_tier_id": self.dist.id}, {"dealer_tier_since": "2020-01-01"}):
                with self.subTest(user=user.login, vals=vals), self.assertRaises(AccessError):
                    partner.write(vals)
        Partner = self.as_user(self.sales, self.env["res.partner"])
        with self.assertRaises(AccessError):
            Partner.create({"name": "Forged dealer", "dealer_tier_id": self.dist.id})
        with self.assertRaises(AccessError):
            Partner.with_context(default_dealer_tier_id=self.dist.id).create({"name": "Forged"})
        copy = self.as_user(self.sales, self.agent2).copy()
        self.assertFalse(copy.dealer_tier_id)
        self.assertEqual(self.agent2.dealer_tier_id, self.l2)

    def test_merging_keeps_the_survivors_tier(self):
        # Odoo's merge (crm_idic marks its write) copies every field of the merged
        # partners: the survivor keeps its own tier, which only the workflow writes
        partner = self.as_user(self.manager, self.agent2).with_context(**{MERGE_KEY: MERGE_TOKEN})
        partner.write({"dealer_tier_id": self.dist.id, "comment": "merged"})
        self.assertEqual(self.agent2.dealer_tier_id, self.l2)
        self.assertEqual(str(self.agent2.comment), "<p>merged</p>")


@tagged("post_install", "-at_install")
class TestTierConfiguration(DealerCase):
    def test_criteria_out_of_order_are_refused(self):
        tier = self.as_user(self.manager, self.l1)
        with self.assertRaisesText(ValidationError, "out of order"):
            tier.min_avg_revenue = 30_000  # above the distributor's 20,000
        with self.assertRaisesText(ValidationError, "same rank"):
            tier.rank = 1
        with self.assertRaisesText(ValidationError, "cannot be negative"):
            self.as_user(self.manager, self.l2).min_yearly_sales = -1

    def test_salesperson_cannot_configure(self):
        with self.assertRaises(AccessError):
            self.as_user(self.sales, self.l2).min_yearly_sales = 1
        self.assertEqual(self.as_user(self.sales, self.l2).name, "Level-2 T")
