"""What a salesperson sees of the dealer network: their own dealers and what hangs on
them; managers see every dealer. The network tree (web_hierarchy) renders for both."""

from ast import literal_eval
from datetime import datetime

from lxml import etree

from odoo.tests import tagged

from .common import DealerCase


@tagged("post_install", "-at_install")
class TestScope(DealerCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.top = cls.make_dealer("Scope distributor", cls.dist, user=cls.sales)
        cls.mine = cls.make_dealer("Scope level 1 mine", cls.l1, parent=cls.top, user=cls.sales)
        cls.theirs = cls.make_dealer(
            "Scope level 1 theirs", cls.l1, parent=cls.top, user=cls.sales2
        )
        cls.small = cls.make_dealer("Scope level 2", cls.l2, parent=cls.theirs, user=cls.sales2)
        requirement = cls.env["crm.dealer.compliance.requirement"].create(
            {"name": "Scope premises", "company_id": cls.company.id}
        )
        Check = cls.env["crm.dealer.compliance.check"]
        Review = cls.env["crm.dealer.review"]
        Contract = cls.env["crm.dealer.contract"]
        for dealer in (cls.mine, cls.theirs):
            Check.create({"partner_id": dealer.id, "requirement_id": requirement.id})
            Review._idic_system().create(
                {
                    "partner_id": dealer.id,
                    "company_id": cls.company.id,
                    "current_tier_id": cls.l1.id,
                    "proposed_tier_id": cls.l2.id,
                    "action": "downgrade",
                }
            )
            # the contract's responsible is a manager: the dealer's salesperson sees it
            Contract._idic_system().create(
                {
                    "partner_id": dealer.id,
                    "company_id": cls.company.id,
                    "tier_id": cls.l1.id,
                    "user_id": cls.manager.id,
                    "date_start": "2026-01-01",
                    "date_end": "2026-12-31",
                }
            )
        cls.dealers = cls.top | cls.mine | cls.theirs | cls.small

    def search_as(self, user, model, domain=()):
        return self.as_user(user, self.env[model]).search(list(domain))

    def test_salesperson_sees_the_records_of_their_own_dealers(self):
        every = self.top | self.mine | self.theirs | self.small
        # every dealer has a tier history; two have contracts, reviews and checks
        expected = {
            "crm.dealer.tier.history": {
                self.sales: self.top | self.mine,
                self.sales2: self.theirs | self.small,
                self.manager: every,
            },
        }
        for model in ("crm.dealer.contract", "crm.dealer.review", "crm.dealer.compliance.check"):
            expected[model] = {
                self.sales: self.mine,
                self.sales2: self.theirs,
                self.manager: self.mine | self.theirs,
            }
        domain = [("partner_id", "in", every.ids)]
        for model, by_user in expected.items():
            for user, dealers in by_user.items():
                with self.subTest(model=model, user=user.login):
                    self.assertEqual(self.search_as(user, model, domain).partner_id, dealers)

    def test_dealer_menus_show_the_salespersons_own_dealers(self):
        for xmlid in ("crm_dealer_tiers.action_dealers", "crm_dealer_tiers.action_dealer_network"):
            domain = literal_eval(self.env.ref(xmlid).domain)
            with self.subTest(action=xmlid):
                seen = self.search_as(self.sales, "res.partner", domain) & self.dealers
                self.assertEqual(seen, self.top | self.mine)
                seen = self.search_as(self.manager, "res.partner", domain) & self.dealers
                self.assertEqual(seen, self.dealers)
        # not a record rule: the partner itself stays readable, as the rest of Odoo needs
        self.assertEqual(self.as_user(self.sales, self.theirs).name, "Scope level 1 theirs")
        self.assertFalse(self.as_user(self.sales, self.theirs).dealer_in_scope)
        self.assertTrue(self.as_user(self.manager, self.theirs).dealer_in_scope)

    def test_the_network_and_rebates_show_dealers_with_a_tier(self):
        shop = self.env["res.partner"].create(
            {
                "name": "Shop without a tier",
                "is_company": True,
                "company_id": self.company.id,
                "idic_customer_group": "dealer",
            }
        )
        for xmlid, listed in (("action_dealers", True), ("action_dealer_network", False)):
            domain = literal_eval(self.env.ref(f"crm_dealer_tiers.{xmlid}").domain)
            with self.subTest(action=xmlid):
                found = self.search_as(self.manager, "res.partner", domain) & shop
                self.assertEqual(bool(found), listed)
        # the Dealers list opens on the dealers with a tier; the shop is a filter away
        action = self.env.ref("crm_dealer_tiers.action_dealers")
        self.assertEqual(literal_eval(action.context).get("search_default_dealer_tiered"), 1)
        arch = action.search_view_id.arch
        for name, listed in (("dealer_tiered", False), ("dealer_untiered", True)):
            node = etree.fromstring(arch).find(f".//filter[@name='{name}']")
            domain = literal_eval(action.domain) + literal_eval(node.get("domain"))
            with self.subTest(filter=name):
                found = self.search_as(self.manager, "res.partner", domain)
                self.assertEqual(bool(found & shop), listed)
                self.assertEqual(bool(found & self.top), not listed)
        product = self.env["product.product"].create({"name": "Scope router", "list_price": 1})
        self.make_order(shop, product, 1_000, datetime(2025, 3, 1, 9))
        self.make_order(self.top, product, 1_000, datetime(2025, 3, 1, 9))
        self.env.flush_all()
        Report = self.env["crm.dealer.rebate.report"]
        self.assertFalse(Report.search([("partner_id", "=", shop.id)]), "not a dealer")
        self.assertTrue(Report.search([("partner_id", "=", self.top.id)]))

    def test_network_tree_renders(self):
        view = self.env.ref("crm_dealer_tiers.view_partner_dealer_hierarchy")
        action = self.env.ref("crm_dealer_tiers.action_dealer_network")
        self.assertEqual(action.view_ids[0].view_mode, "hierarchy")
        for user in (self.sales, self.manager):
            Partner = self.as_user(user, self.env["res.partner"])
            views = Partner.get_views([(view.id, "hierarchy"), (False, "search")])
            arch = views["views"]["hierarchy"]["arch"]
            self.assertIn('parent_field="dealer_parent_id"', arch)
            self.assertIn('child_field="dealer_child_ids"', arch)
            self.assertIn("dealer_tier_id", views["models"]["res.partner"]["fields"])
        # what the tree reads first: the roots in the salesperson's scope (here one: the
        # tree then shows its sub-dealers too, the partners being readable anyway)
        domain = [*literal_eval(action.domain), ("dealer_parent_id", "=", False)]
        Partner = self.as_user(self.sales, self.env["res.partner"])
        fields = ["name", "dealer_tier_id", "dealer_child_ids"]
        rows = Partner.hierarchy_read(domain, fields, "dealer_parent_id", "dealer_child_ids")
        rows = {row["id"]: row for row in rows if row["id"] in self.dealers.ids}
        self.assertEqual(set(rows), {self.top.id, self.mine.id, self.theirs.id})
        self.assertEqual(set(rows[self.top.id]["dealer_child_ids"]), {self.mine.id, self.theirs.id})
        self.assertEqual(rows[self.top.id]["dealer_tier_id"][0], self.dist.id)
        self.assertEqual(rows[self.theirs.id]["dealer_child_ids"], self.small.ids)
        # a manager's roots include every dealer's tree
        Partner = self.as_user(self.manager, self.env["res.partner"])
        rows = Partner.hierarchy_read(domain, fields, "dealer_parent_id", "dealer_child_ids")
        self.assertIn(self.top.id, {row["id"] for row in rows})
        # opening a sub-dealer shows its parent, its siblings and its own sub-dealers
        rows = Partner.hierarchy_read(
            [("id", "=", self.theirs.id)], ["name"], "dealer_parent_id", "dealer_child_ids"
        )
        self.assertEqual({row["id"] for row in rows}, set(self.dealers.ids))
