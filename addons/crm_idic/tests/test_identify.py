from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import IdicCase


@tagged("post_install", "-at_install")
class TestCompleteness(IdicCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rule = cls.env["crm.idic.completeness.rule"]
        Rule.create(
            [
                {"company_id": cls.company.id, "field_id": cls.partner_field("phone").id},
                {"company_id": cls.company.id, "field_id": cls.partner_field("email").id},
                {
                    "company_id": cls.company.id,
                    "customer_group": "dealer",
                    "field_id": cls.partner_field("vat").id,
                },
                {
                    "company_id": cls.company.id,
                    "customer_group": "dealer",
                    "field_id": cls.partner_field("idic_decision_maker_id").id,
                },
            ]
        )

    def test_completeness_per_group(self):
        dealer = self.make_customer("Dealer", idic_customer_group="dealer", phone="0905111222")
        self.assertEqual(dealer.idic_profile_completeness, 25.0)
        # names are stored, labels are shown in the reader's language
        self.assertEqual(dealer.idic_missing_field_names, "email,vat,idic_decision_maker_id")
        self.assertIn("Email", dealer.idic_missing_fields)
        self.assertIn("Decision maker", dealer.idic_missing_fields)
        dealer.write({"email": "dealer@example.vn", "vat": "0401234567"})
        self.assertEqual(dealer.idic_profile_completeness, 75.0)
        self.env["res.partner"].create(
            {"name": "Boss", "parent_id": dealer.id, "idic_buying_role": "decision_maker"}
        )
        self.assertEqual(dealer.idic_decision_maker_id.name, "Boss")
        self.assertEqual(dealer.idic_profile_completeness, 100.0)
        self.assertFalse(dealer.idic_missing_fields)
        # an individual only needs the common fields
        person = self.make_customer("Person", is_company=False, phone="1", email="p@x.vn")
        self.assertEqual(person.idic_profile_completeness, 100.0)

    def test_incomplete_filter_and_analysis(self):
        dealer = self.make_customer("Dealer", idic_customer_group="dealer")
        found = self.env["res.partner"].search(
            [("parent_id", "=", False), ("idic_profile_completeness", "<", 100)]
        )
        self.assertIn(dealer, found)
        groups = self.env["res.partner"]._read_group(
            [("company_id", "=", self.company.id), ("parent_id", "=", False)],
            [],
            ["idic_profile_completeness:avg", "__count"],
        )
        self.assertEqual(groups[0][1], 1)

    def test_which_fields_a_rule_can_require(self):
        Rule = self.env["crm.idic.completeness.rule"]
        # a sales manager who is no administrator picks a field
        rule = Rule.with_user(self.manager).create(
            {"customer_group": "project", "field_id": self.partner_field("website").id}
        )
        self.assertEqual(rule.field_name, "website")
        self.assertEqual(rule.display_name, "Project customer: Website Link")
        # a technical name is still taken, as the field it names
        rule = Rule.create({"company_id": self.company.id, "field_name": "mobile"})
        self.assertEqual(rule.field_id, self.partner_field("mobile"))
        with self.assertRaisesRegex(ValidationError, "no field named 'shoe_size'"):
            Rule.create({"company_id": self.company.id, "field_name": "shoe_size"})
        refused = {
            "not a customer field": self.env["ir.model.fields"]._get("crm.lead", "email_from"),
            "computed by the system": self.partner_field("idic_total_score"),
            "cannot be required": self.partner_field("idic_purchase_cycle_days"),
        }
        for message, field in refused.items():
            with self.subTest(field=field.name), self.assertRaisesRegex(ValidationError, message):
                Rule.create({"company_id": self.company.id, "field_id": field.id})
        domain = Rule._fields["field_id"].get_domain_list(Rule)
        offered = self.env["ir.model.fields"].search(domain).mapped("name")
        self.assertIn("vat", offered)
        self.assertIn("idic_decision_maker_id", offered)
        self.assertNotIn("idic_total_score", offered)
        self.assertNotIn("idic_profile_completeness", offered)

    def test_cron_rates_every_profile(self):
        partner = self.make_customer("Late", idic_customer_group="individual")
        partner.with_context(idic_skip_completeness=True).write(
            {"idic_profile_completeness": 0, "phone": "0905", "email": "late@x.vn"}
        )
        self.env["res.partner"]._cron_idic_completeness()
        self.assertEqual(partner.idic_profile_completeness, 100.0)


@tagged("post_install", "-at_install")
class TestProfileValidation(IdicCase):
    def test_birthday_in_the_future(self):
        partner = self.make_customer("Person", is_company=False)
        with self.assertRaisesRegex(ValidationError, "cannot be in the future"):
            partner.idic_birthday = self.years_ago(-1, self.today)
            self.env.flush_all()

    def test_satisfaction_outside_1_to_5(self):
        partner = self.make_customer()
        for bad in (6, -1):
            with self.assertRaisesRegex(ValidationError, "from 1 to 5"):
                partner.idic_supplier_satisfaction = bad
                self.env.flush_all()
        partner.idic_supplier_satisfaction = 4
        self.assertEqual(partner.idic_supplier_satisfaction, 4)

    def test_location_scope(self):
        vn = self.env.ref("base.vn")
        dn = self.env.ref("base.state_vn_VN-DN")
        hn = self.env.ref("base.state_vn_VN-HN")
        self.company.partner_id.write({"country_id": vn.id, "state_id": dn.id})
        local = self.make_customer("Local", country_id=vn.id, state_id=dn.id)
        other = self.make_customer("Other", country_id=vn.id, state_id=hn.id)
        abroad = self.make_customer("Abroad", country_id=self.env.ref("base.fr").id)
        self.assertEqual(local.idic_location_scope, "local")
        self.assertEqual(other.idic_location_scope, "other_province")
        self.assertEqual(abroad.idic_location_scope, "international")


@tagged("post_install", "-at_install")
class TestDuplicates(IdicCase):
    def test_flag_partners_sharing_a_key(self):
        a = self.make_customer("A", vat="VN 0401-234567")
        b = self.make_customer("B", vat="0401234567")
        c = self.make_customer("C", phone="+84 912 345 987")
        d = self.make_customer("D", mobile="0912-345-987")
        e = self.make_customer("E", email="Sales@Example.vn")
        f = self.make_customer("F", email="sales@example.vn")
        alone = self.make_customer("G", vat="0409999999", phone="0911000000")
        flagged = self.env["res.partner"]._idic_flag_duplicates()
        for partner in (a, b, c, d, e, f):
            self.assertIn(partner.id, flagged, partner.name)
            self.assertTrue(partner.idic_is_duplicate, partner.name)
        self.assertFalse(alone.idic_is_duplicate)
        # computed when read, like on a form: a fresh cache as in a new request
        self.env.invalidate_all()
        self.assertEqual(a.idic_duplicate_ids, b)
        self.assertEqual(c.idic_duplicate_ids, d)
        # once merged away, the flag is cleared
        b.active = False
        self.env["res.partner"]._idic_flag_duplicates()
        self.assertFalse(a.idic_is_duplicate)

    def test_merge_action_opens_odoo_wizard(self):
        a = self.make_customer("A", vat="0401234567")
        b = self.make_customer("B", vat="0401234567")
        self.env.invalidate_all()
        action = a.action_idic_merge_duplicates()
        self.assertEqual(action["res_model"], "base.partner.merge.automatic.wizard")
        self.assertEqual(set(action["context"]["active_ids"]), {a.id, b.id})
