"""Identify: profiles a salesman fills in, rules a sales manager sets, duplicates he finds."""

from ast import literal_eval

from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged, users

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

    @users("idic_user")
    def test_completeness_per_group(self):
        Partner = self.env["res.partner"]
        dealer = Partner.create(
            {
                "name": "Dealer",
                "is_company": True,
                "company_id": self.company.id,
                "idic_customer_group": "dealer",
                "phone": "0905111222",
            }
        )
        self.assertEqual(dealer.idic_profile_completeness, 25.0)
        # names are stored, labels are shown in the reader's language
        self.assertEqual(dealer.idic_missing_field_names, "email,vat,idic_decision_maker_id")
        self.assertEqual(dealer.idic_missing_fields, "Email, Tax ID, Decision maker")
        dealer.write({"email": "dealer@example.vn", "vat": "0401234567"})
        self.assertEqual(dealer.idic_profile_completeness, 75.0)
        self.assertEqual(dealer.idic_missing_field_names, "idic_decision_maker_id")
        Partner.create(
            {"name": "Boss", "parent_id": dealer.id, "idic_buying_role": "decision_maker"}
        )
        self.assertEqual(dealer.idic_decision_maker_id.name, "Boss")
        self.assertEqual(dealer.idic_profile_completeness, 100.0)
        self.assertFalse(dealer.idic_missing_fields)
        # an individual only needs the common fields
        person = Partner.create(
            {"name": "Person", "company_id": self.company.id, "phone": "1", "email": "p@x.vn"}
        )
        self.assertEqual(person.idic_profile_completeness, 100.0)

    @users("idic_user")
    def test_incomplete_filter_and_analysis(self):
        half = self.make_customer(
            "Half", user=self.env.user, idic_customer_group="dealer", phone="1", email="h@x.vn"
        )
        quarter = self.make_customer(
            "Quarter", user=self.env.user, idic_customer_group="dealer", phone="2"
        )
        full = self.make_customer("Full", user=self.env.user, phone="3", email="f@x.vn")
        Partner = self.env["res.partner"]
        ours = [("id", "in", (half | quarter | full).ids)]
        found = Partner.search([*ours, ("idic_profile_completeness", "<", 100)])
        self.assertEqual(found, half | quarter)
        [(average, count)] = Partner._read_group(
            ours, [], ["idic_profile_completeness:avg", "__count"]
        )
        self.assertEqual(count, 3)
        self.assertAlmostEqual(average, (50 + 25 + 100) / 3)

    @users("idic_manager")
    def test_which_fields_a_rule_can_require(self):
        # a sales manager who is no administrator picks a field
        Rule = self.env["crm.idic.completeness.rule"]
        rule = Rule.create(
            {"customer_group": "project", "field_id": self.partner_field("website").id}
        )
        self.assertEqual(rule.company_id, self.company)
        self.assertEqual(rule.field_name, "website")
        self.assertEqual(rule.display_name, "Project customer: Website Link")
        # a technical name is still taken, as the field it names
        rule = Rule.create({"field_name": "mobile"})
        self.assertEqual(rule.field_id, self.partner_field("mobile"))
        with self.assertRaisesRegex(ValidationError, "no field named 'shoe_size'"):
            Rule.create({"field_name": "shoe_size"})
        refused = {
            "not a customer field": self.env["ir.model.fields"]._get("crm.lead", "email_from"),
            "computed by the system": self.partner_field("idic_total_score"),
            "cannot be required": self.partner_field("color"),
        }
        for message, field in refused.items():
            with self.subTest(field=field.name), self.assertRaisesRegex(ValidationError, message):
                Rule.create({"field_id": field.id})
        domain = Rule._fields["field_id"].get_domain_list(Rule)
        offered = self.env["ir.model.fields"].search(domain).mapped("name")
        self.assertIn("vat", offered)
        self.assertIn("idic_decision_maker_id", offered)
        self.assertNotIn("idic_total_score", offered)
        self.assertNotIn("idic_profile_completeness", offered)

    def test_cron_rates_every_customer_profile(self):
        late = self.make_customer("Late", idic_customer_group="individual")
        stranger = self.make_customer("Neither customer nor prospect")
        (late | stranger).write({"phone": "0905", "email": "late@x.vn"})
        # a rating left behind (rules changed since): the job rates every profile again
        (late | stranger)._idic_system().write({"idic_profile_completeness": 0})
        self.env["res.partner"]._cron_idic_completeness()
        self.assertEqual(late.idic_profile_completeness, 100.0)
        # a partner that is neither a customer nor a prospect is not rated
        self.assertEqual(stranger.idic_profile_completeness, 0.0)


@tagged("post_install", "-at_install")
class TestProfileValidation(IdicCase):
    @users("idic_user")
    def test_birthday_in_the_future(self):
        partner = self.make_customer("Person", is_company=False).with_env(self.env)
        with self.assertRaisesRegex(ValidationError, "cannot be in the future"):
            partner.idic_birthday = self.years_ago(-1, self.today)
            self.env.flush_all()
        partner.idic_birthday = self.years_ago(30, self.today)
        self.assertEqual(partner.idic_birthday, self.years_ago(30, self.today))

    @users("idic_user")
    def test_satisfaction_and_cycle_are_empty_until_known(self):
        partner = self.make_customer().with_env(self.env)
        self.assertFalse(partner.idic_supplier_satisfaction)
        self.assertFalse(partner.idic_purchase_cycle)
        for bad in ("6", "0", "-1"):
            with self.assertRaises(ValueError):
                partner.write({"idic_supplier_satisfaction": bad})
        partner.write({"idic_supplier_satisfaction": "4", "idic_purchase_cycle": "quarterly"})
        self.env.flush_all()
        self.assertEqual(partner.idic_supplier_satisfaction, "4")
        self.assertEqual(partner.idic_purchase_cycle, "quarterly")

    @users("idic_user")
    def test_location_scope(self):
        vn = self.env.ref("base.vn")
        dn = self.env.ref("base.state_vn_VN-DN")
        hn = self.env.ref("base.state_vn_VN-HN")
        self.company.partner_id.write({"country_id": vn.id, "state_id": dn.id})
        user = self.env.user
        local = self.make_customer("Local", user=user, country_id=vn.id, state_id=dn.id)
        other = self.make_customer("Other", user=user, country_id=vn.id, state_id=hn.id)
        abroad = self.make_customer("Abroad", user=user, country_id=self.env.ref("base.fr").id)
        self.assertEqual(local.idic_location_scope, "local")
        self.assertEqual(other.idic_location_scope, "other_province")
        self.assertEqual(abroad.idic_location_scope, "international")


@tagged("post_install", "-at_install")
class TestDuplicates(IdicCase):
    @users("idic_user")
    def test_flag_partners_sharing_a_key(self):
        user = self.env.user
        a = self.make_customer("A", user=user, vat="VN 0401-234567")
        b = self.make_customer("B", user=user, vat="0401234567")
        c = self.make_customer("C", user=user, phone="+84 912 345 987")
        d = self.make_customer("D", user=user, mobile="0912-345-987")
        e = self.make_customer("E", user=user, email="Sales@Example.vn")
        f = self.make_customer("F", user=user, email="sales@example.vn")
        alone = self.make_customer("G", user=user, vat="0409999999", phone="0911000000")
        action = a.action_idic_find_duplicates()
        self.assertEqual(action["res_model"], "res.partner")
        for partner in (a, b, c, d, e, f):
            self.assertTrue(partner.idic_is_duplicate, partner.name)
        self.assertFalse(alone.idic_is_duplicate)
        ours = [("id", "in", (a | b | c | d | e | f | alone).ids)]
        # the list the action opens shows them
        found = self.env["res.partner"].search([*ours, *literal_eval(action["domain"])])
        self.assertEqual(found, a | b | c | d | e | f)
        # computed when read, like on a form: a fresh cache as in a new request
        self.env.invalidate_all()
        self.assertEqual(a.idic_duplicate_ids, b)
        self.assertEqual(c.idic_duplicate_ids, d)
        self.assertEqual(e.idic_duplicate_ids, f)
        self.assertFalse(alone.idic_duplicate_ids)
        # once merged away, the flag is cleared
        b.active = False
        a.action_idic_find_duplicates()
        self.assertFalse(a.idic_is_duplicate)
        self.assertTrue(c.idic_is_duplicate)

    def test_a_key_shared_with_a_contact_or_with_itself_is_no_duplicate(self):
        company = self.make_customer("Company", phone="0913000111", mobile="0913000111")
        self.env["res.partner"].create(
            {"name": "Its buyer", "parent_id": company.id, "phone": "0913000111"}
        )
        archived = self.make_customer("Archived twin", email="twin@example.vn")
        twin = self.make_customer("Twin", email="twin@example.vn")
        archived.active = False
        self.env.cr.execute("SET LOCAL jit = on")
        self.env["res.partner"]._idic_flag_duplicates()
        self.assertFalse(company.idic_is_duplicate)
        self.assertFalse(twin.idic_is_duplicate)
        # the scan turns PostgreSQL's JIT off for its own query only
        self.env.cr.execute("SELECT current_setting('jit')")
        self.assertEqual(self.env.cr.fetchone()[0], "on")

    def test_merge_action_opens_odoo_wizard(self):
        # merging is Odoo's wizard: it also takes Odoo's Contact Creation right
        merger = new_test_user(
            self.env,
            login="idic_merger",
            groups="sales_team.group_sale_salesman,base.group_partner_manager",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        a = self.make_customer("A", user=merger, vat="0401234567")
        b = self.make_customer("B", user=merger, vat="0401234567")
        self.env.invalidate_all()
        action = a.action_idic_merge_duplicates()
        self.assertEqual(action["res_model"], "base.partner.merge.automatic.wizard")
        self.assertEqual(set(action["context"]["active_ids"]), {a.id, b.id})
        with self.assertRaises(AccessError):
            self.as_user(self.user, a).action_idic_merge_duplicates()
