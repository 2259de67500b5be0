"""What each kind of user can read, write, create, delete and call, model by model.

The users (see common.IdicCase): a salesman (an IDIC user), a sales manager (an IDIC
manager), an internal user without sales or IDIC groups, a portal user, all of the
company ``company``; and the sales manager of another company (``outsider``), who has
every right a group gives and is held back by the companies alone. Every operation is
tried on records of ``company``; an operation not allowed raises AccessError and
changes nothing.
"""

from ast import literal_eval
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import IdicCase

CRUD = frozenset({"read", "write", "create", "unlink"})


class AccessMatrix:
    """A per-model, per-role check of read, write, create and unlink on the model MODEL.

    A model's test class says what each role may do (``CAN``), which record of the
    company they try (``record``), what they write (``WRITE``), create
    (``create_values``) and delete (``spare``), and the calls (``check_calls``).
    """

    # Odoo runs only the test methods a class defines itself, unless told so
    allow_inherited_tests_method = True

    MODEL = None
    READ = ()
    WRITE = {}
    CAN = {}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company, cls.outsider = cls.make_other_company()
        cls.customer = cls.make_customer(
            "Matrix customer", user_id=cls.user.id, email="matrix@example.vn"
        )
        cls.users = {
            "salesman": cls.user,
            "manager": cls.manager,
            "employee": cls.employee,
            "portal": cls.portal_user,
            "outsider": cls.outsider,
        }

    # ------------------------------------------------------- what a model says

    def record(self):
        """The record of ``company`` the roles read and write (set up by the system)."""
        raise NotImplementedError

    def create_values(self):
        """Values of a new record of ``company``, valid for every check but the rights."""
        raise NotImplementedError

    def spare(self):
        """A record of ``company``, set up by the system for a role to delete."""
        raise NotImplementedError

    def check_calls(self, role, user):
        """The methods of the model ``user`` may or may not call."""

    # --------------------------------------------------------------- the check

    def test_salesman(self):
        self.check_role("salesman")

    def test_sales_manager(self):
        self.check_role("manager")

    def test_plain_employee(self):
        self.check_role("employee")

    def test_portal_user(self):
        self.check_role("portal")

    def test_other_company_user(self):
        self.check_role("outsider")

    def check_role(self, role):
        user = self.users[role]
        can = self.CAN[role]
        self.assertLessEqual(can, CRUD)
        for operation in ("read", "write", "unlink", "create"):
            with self.subTest(role=role, operation=operation):
                getattr(self, f"check_{operation}")(user, operation in can)
        self.check_calls(role, user)

    def visible(self, user, record):
        """Whether a search of ``user`` finds ``record`` (no access at all finds nothing)."""
        try:
            return bool(self.as_user(user, record).search([("id", "=", record.id)]))
        except AccessError:
            return False

    def check_read(self, user, allowed):
        record = self.record()
        expected = record.read(list(self.READ))
        self.env.invalidate_all()
        if allowed:
            self.assertTrue(self.visible(user, record))
            self.assertEqual(self.as_user(user, record).read(list(self.READ)), expected)
        else:
            self.assertFalse(self.visible(user, record))
            with self.assertRaises(AccessError):
                self.as_user(user, record).read(list(self.READ))

    def stored(self, record, names):
        self.env.invalidate_all()
        return {name: record[name] for name in names}

    def check_write(self, user, allowed):
        record = self.record()
        before = self.stored(record, self.WRITE)
        if allowed:
            self.as_user(user, record).write(self.WRITE)
            self.assertEqual(self.stored(record, self.WRITE), self.WRITE)
        else:
            with self.assertRaises(AccessError):
                self.as_user(user, record).write(self.WRITE)
                self.env.flush_all()
            self.assertEqual(self.stored(record, self.WRITE), before)

    def check_unlink(self, user, allowed):
        spare = self.spare()
        if allowed:
            self.as_user(user, spare).unlink()
            self.assertFalse(spare.exists())
        else:
            with self.assertRaises(AccessError):
                self.as_user(user, spare).unlink()
            self.assertTrue(spare.exists())

    def count(self):
        return self.env[self.MODEL].with_context(active_test=False).search_count([])

    def check_create(self, user, allowed):
        count = self.count()
        Model = self.user_env(user)[self.MODEL]
        if allowed:
            created = Model.create(self.create_values())
            self.assertEqual(len(created), 1)
            self.assertEqual(self.count(), count + 1)
            if "company_id" in created._fields and not created._transient:
                self.assertEqual(created.sudo().company_id, self.company)
        else:
            with self.assertRaises(AccessError):
                Model.create(self.create_values())
                self.env.flush_all()
            self.assertEqual(self.count(), count)


@tagged("post_install", "-at_install")
class TestSegmentAccess(AccessMatrix, IdicCase):
    MODEL = "crm.idic.segment"
    READ = ("name", "code", "min_score", "max_score", "policy", "visit_interval_days")
    WRITE = {"visit_interval_days": 45}
    CAN = {
        "salesman": {"read"},
        "manager": CRUD,
        # every employee reads the segments, their treatment policy included
        "employee": {"read"},
        "portal": set(),
        "outsider": set(),
    }

    def record(self):
        return self.seg["C"]

    def create_values(self):
        return {"name": "Top", "code": "F", "min_score": 95, "company_id": self.company.id}

    def spare(self):
        return self.env["crm.idic.segment"].create(
            {"name": "Spare", "code": "E", "min_score": 90, "company_id": self.company.id}
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.with_user(cls.manager)._idic_set_override(cls.seg["A"], "Key account")

    def check_calls(self, role, user):
        segment = self.as_user(user, self.seg["A"])
        Partner = self.user_env(user)["res.partner"]
        if role in ("salesman", "manager"):
            action = segment.action_view_partners()
            self.assertEqual(action["res_model"], "res.partner")
            self.assertEqual(Partner.search(action["domain"]), self.customer)
            self.assertEqual(segment.partner_count, 1)
        elif role == "outsider":
            # an IDIC manager: the button opens, our segment's customers stay out of reach
            action = segment.action_view_partners()
            self.assertFalse(Partner.search(action["domain"]))
        else:
            with self.assertRaises(AccessError):
                segment.action_view_partners()

    def test_manager_creates_a_segment_that_caps_the_one_below(self):
        Segment = self.user_env(self.manager)["crm.idic.segment"]
        top = Segment.create(self.create_values())
        self.assertEqual(top.max_score, 100)
        self.assertEqual(self.as_user(self.manager, self.seg["A"]).max_score, 95)
        self.assertEqual(top.display_name, "F - Top")

    def test_other_company_user_sees_only_its_own_segments(self):
        Segment = self.user_env(self.outsider)["crm.idic.segment"]
        theirs = Segment.search([])
        self.assertEqual(theirs.company_id, self.other_company)
        self.assertEqual(sorted(theirs.mapped("code")), ["A", "B", "C", "D"])
        # the right to create is there, for the company's own segments
        own = Segment.create({"name": "Top", "code": "E", "min_score": 90})
        self.assertEqual(own.company_id, self.other_company)


@tagged("post_install", "-at_install")
class TestScoreBandAccess(AccessMatrix, IdicCase):
    MODEL = "crm.idic.score.band"
    READ = ("dimension", "threshold", "score", "display_name")
    WRITE = {"score": 45.0}
    CAN = {
        "salesman": {"read"},
        "manager": CRUD,
        "employee": set(),
        "portal": set(),
        "outsider": set(),
    }

    def record(self):
        return self.env["crm.idic.score.band"].search(
            [
                ("company_id", "=", self.company.id),
                ("dimension", "=", "current"),
                ("threshold", "=", 1000),
            ]
        )

    def create_values(self):
        return {
            "company_id": self.company.id,
            "dimension": "current",
            "threshold": 5000,
            "score": 55,
        }

    def spare(self):
        return self.env["crm.idic.score.band"].create(
            {
                "company_id": self.company.id,
                "dimension": "potential",
                "threshold": 5000,
                "score": 55,
            }
        )


@tagged("post_install", "-at_install")
class TestCompletenessRuleAccess(AccessMatrix, IdicCase):
    MODEL = "crm.idic.completeness.rule"
    READ = ("field_id", "field_name", "customer_group", "display_name")
    WRITE = {"customer_group": "dealer"}
    CAN = {
        "salesman": {"read"},
        "manager": CRUD,
        "employee": set(),
        "portal": set(),
        "outsider": set(),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.env["crm.idic.completeness.rule"].create(
            {"company_id": cls.company.id, "field_id": cls.partner_field("phone").id}
        )

    def record(self):
        return self.rule

    def create_values(self):
        return {"company_id": self.company.id, "field_id": self.partner_field("website").id}

    def spare(self):
        return self.env["crm.idic.completeness.rule"].create(
            {"company_id": self.company.id, "field_id": self.partner_field("email").id}
        )

    def check_calls(self, role, user):
        if role == "manager":
            # the field picker of a manager who is no administrator
            Rule = self.user_env(user)["crm.idic.completeness.rule"]
            domain = Rule._fields["field_id"].get_domain_list(Rule)
            offered = self.user_env(user)["ir.model.fields"].search(domain)
            self.assertIn(self.partner_field("vat"), offered)
        elif role == "salesman":
            with self.assertRaises(AccessError):
                self.user_env(user)["ir.model.fields"].search([("model", "=", "res.partner")])


@tagged("post_install", "-at_install")
class TestSegmentHistoryAccess(AccessMatrix, IdicCase):
    MODEL = "crm.idic.segment.history"
    READ = ("partner_id", "new_segment_id", "new_level", "total_score", "source", "user_id")
    WRITE = {"reason": "rewritten"}
    CAN = {
        # an append-only log: the system writes it, IDIC users read it
        "salesman": {"read"},
        "manager": {"read"},
        "employee": set(),
        "portal": set(),
        "outsider": set(),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.make_order(cls.customer, 20000, days_ago=30)
        cls.customer._idic_recompute(cls.today, source="cron")
        cls.history = cls.customer.idic_history_ids
        assert len(cls.history) == 1

    def record(self):
        return self.history

    def create_values(self):
        return {
            "partner_id": self.customer.id,
            "company_id": self.company.id,
            "new_segment_id": self.seg["A"].id,
            "source": "manual",
        }

    def spare(self):
        return self.history

    def test_the_system_writes_the_log(self):
        self.assertEqual(self.history.new_segment_id, self.customer.idic_segment_id)
        self.assertEqual(self.history.total_score, self.customer.idic_total_score)
        self.assertEqual(self.history.company_id, self.company)


@tagged("post_install", "-at_install")
class TestInteractionAccess(AccessMatrix, IdicCase):
    MODEL = "crm.idic.interaction"
    READ = ("summary", "partner_id", "commercial_partner_id", "user_id", "company_id")
    WRITE = {"outcome": "Changed"}
    CAN = {
        # the record tried is the manager's: a salesman reads it, changes only his own
        "salesman": {"read", "create"},
        "manager": CRUD,
        "employee": set(),
        "portal": set(),
        "outsider": set(),
    }

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.theirs = cls.env["crm.idic.interaction"].create(
            {"partner_id": cls.customer.id, "summary": "Manager call", "user_id": cls.manager.id}
        )

    def record(self):
        return self.theirs

    def create_values(self):
        return {"partner_id": self.customer.id, "summary": "Call", "company_id": self.company.id}

    def spare(self):
        return self.env["crm.idic.interaction"].create(
            {"partner_id": self.customer.id, "summary": "Spare", "user_id": self.manager.id}
        )

    def test_salesman_changes_his_own_interactions_only(self):
        Interaction = self.user_env(self.user)["crm.idic.interaction"]
        mine = Interaction.create({"partner_id": self.customer.id, "summary": "My call"})
        self.assertEqual(mine.user_id, self.user)
        self.assertEqual(mine.company_id, self.company)
        mine.outcome = "Agreed on a visit"
        self.assertEqual(mine.outcome, "Agreed on a visit")
        # unassigned interactions are everybody's
        unassigned = Interaction.create(
            {"partner_id": self.customer.id, "summary": "Walk-in", "user_id": False}
        )
        unassigned.outcome = "Sent a quote"
        self.assertEqual(unassigned.outcome, "Sent a quote")
        # logging one in another salesperson's name is refused
        with self.assertRaises(AccessError):
            Interaction.create(
                {"partner_id": self.customer.id, "summary": "Forged", "user_id": self.manager.id}
            )
        mine.unlink()
        self.assertFalse(mine.exists())

    def test_other_company_user_logs_on_its_own_customers(self):
        Interaction = self.user_env(self.outsider)["crm.idic.interaction"]
        own_customer = self.env["res.partner"].create(
            {"name": "Their customer", "company_id": self.other_company.id}
        )
        own = Interaction.create({"partner_id": own_customer.id, "summary": "Their call"})
        self.assertEqual(own.company_id, self.other_company)
        self.assertEqual(Interaction.search([]), own)


@tagged("post_install", "-at_install")
class TestOverrideWizardAccess(AccessMatrix, IdicCase):
    MODEL = "crm.idic.override.wizard"
    READ = ("reason", "segment_id")
    WRITE = {"reason": "Changed"}
    CAN = {
        "salesman": set(),
        "manager": CRUD,
        "employee": set(),
        "portal": set(),
        # the manager right opens the wizard; applying it to our customers fails (calls)
        "outsider": CRUD,
    }

    def _values(self, reason):
        return {
            "partner_ids": [Command.set(self.customer.ids)],
            "segment_id": self.seg["B"].id,
            "reason": reason,
        }

    def record(self):
        if not hasattr(self, "_wizard"):
            self._wizard = self.env["crm.idic.override.wizard"].create(self._values("Record"))
        return self._wizard

    def create_values(self):
        return self._values("Created")

    def spare(self):
        return self.env["crm.idic.override.wizard"].create(self._values("Spare"))

    def check_calls(self, role, user):
        wizard = self.as_user(user, self.spare())
        self.env.invalidate_all()  # as in the user's next request
        if role == "manager":
            wizard.action_apply()
            self.assertEqual(self.customer.idic_segment_id, self.seg["B"])
            self.assertEqual(self.customer.idic_override_user_id, self.manager)
        elif role == "outsider":
            # our customer is out of the outsider's sight: the wizard holds nobody to place
            self.assertFalse(wizard.partner_ids)
            wizard.action_apply()
            self.assertFalse(self.customer.idic_segment_override_id)
            self.assertFalse(self.customer.idic_history_ids)
        else:
            with self.assertRaises(AccessError):
                wizard.action_apply()
            self.assertFalse(self.customer.idic_segment_override_id)

    def test_sales_manager_opens_it_on_a_contact(self):
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": self.customer.id})
        wizard = (
            self.user_env(self.manager)["crm.idic.override.wizard"]
            .with_context(active_model="res.partner", active_ids=contact.ids)
            .create({"segment_id": self.seg["A"].id, "reason": "Group account"})
        )
        self.assertEqual(wizard.partner_ids, self.customer)
        self.assertEqual(wizard.company_id, self.company)


@tagged("post_install", "-at_install")
class TestConferenceWizardAccess(AccessMatrix, IdicCase):
    MODEL = "crm.idic.conference.wizard"
    READ = ("name", "event_date")
    WRITE = {"name": "Changed"}
    CAN = {
        "salesman": CRUD,
        "manager": CRUD,
        "employee": set(),
        "portal": set(),
        # an IDIC user of its own company; inviting our customers fails (calls)
        "outsider": CRUD,
    }

    def _values(self, name):
        return {
            "name": name,
            "event_date": self.today + timedelta(days=10),
            "partner_ids": [Command.set(self.customer.ids)],
        }

    def record(self):
        if not hasattr(self, "_wizard"):
            self._wizard = self.env["crm.idic.conference.wizard"].create(self._values("Record"))
        return self._wizard

    def create_values(self):
        return self._values("Created")

    def spare(self):
        return self.env["crm.idic.conference.wizard"].create(self._values("Spare"))

    def check_calls(self, role, user):
        wizard = self.as_user(user, self.spare())
        self.env.invalidate_all()  # as in the user's next request
        Interaction = self.env["crm.idic.interaction"]
        if role in ("salesman", "manager"):
            action = wizard.action_invite()
            invited = Interaction.search(action["domain"])
            self.assertEqual(invited.partner_id, self.customer)
            self.assertEqual(invited.user_id, self.user, "the customer's salesperson")
        elif role == "outsider":
            # our customer is out of the outsider's sight: the wizard holds nobody to invite
            self.assertFalse(wizard.partner_ids)
            with self.assertRaisesRegex(UserError, "Choose at least one customer"):
                wizard.action_invite()
            self.assertFalse(Interaction.search([("partner_id", "=", self.customer.id)]))
        else:
            with self.assertRaises(AccessError):
                wizard.action_invite()
            self.assertFalse(Interaction.search([("partner_id", "=", self.customer.id)]))


# what the company thinks of a customer: IDIC users only
ASSESSMENTS = (
    "idic_total_score",
    "idic_current_value_score",
    "idic_segment_id",
    "idic_relationship_level",
    "idic_priority",
    "idic_profile_completeness",
    "idic_credit_standing",
    "idic_lapse_note",
    "idic_potential_estimate",
    "idic_history_ids",
    "idic_interaction_count",
)
# assessments people enter
ENTERED = {
    "idic_credit_standing": "watch",
    "idic_lapse_reason": "price",
    "idic_lapse_note": "Slow payer",
    "idic_potential_estimate": 5000.0,
}
# the profile anyone who may change customers fills in
PROFILE = {"idic_customer_group": "dealer", "idic_buying_motive": "quality"}
# computed by the system, written by nobody else
SYSTEM = {"idic_total_score": 99.0}


@tagged("post_install", "-at_install")
class TestPartnerAccess(IdicCase):
    """The customer fields and buttons of crm_idic (res.partner itself is Odoo's: who may
    delete a partner is not ours to say)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company, cls.outsider = cls.make_other_company()
        cls.env["crm.idic.completeness.rule"].create(
            {
                "company_id": cls.company.id,
                "customer_group": "dealer",
                "field_id": cls.partner_field("vat").id,
            }
        )
        cls.customer = cls.make_customer(
            "Assessed customer", user_id=cls.user.id, email="office@assessed.example.vn"
        )
        cls.twin = cls.make_customer("Assessed twin", email="office@assessed.example.vn")
        cls.make_order(cls.customer, 20000, days_ago=30)
        cls.customer.write({"idic_credit_standing": "poor", "idic_lapse_note": "Pays late"})
        cls.customer._idic_recompute(cls.today)
        cls.portal_user.partner_id.parent_id = cls.customer

    def snapshot(self, names):
        self.env.invalidate_all()
        return self.customer.read(list(names))[0]

    def assertUnchanged(self, before):
        self.assertEqual(self.snapshot(before), before)

    def assertFieldsDenied(self, partner, names):
        for name in names:
            with self.subTest(field=name), self.assertRaises(AccessError):
                partner.read([name])

    def test_salesman(self):
        partner = self.as_user(self.user, self.customer)
        # read: every assessment
        self.assertEqual(partner.read(list(ASSESSMENTS)), [self.snapshot(ASSESSMENTS)])
        # write: what people enter; the profile change rates the profile again
        self.assertEqual(partner.idic_profile_completeness, 100.0)
        partner.write({**ENTERED, **PROFILE})
        self.assertEqual(self.snapshot(ENTERED), {"id": self.customer.id, **ENTERED})
        self.assertEqual(self.customer.idic_missing_field_names, "vat")
        self.assertEqual(self.customer.idic_profile_completeness, 0.0)
        # not what the system computes
        before = self.snapshot(SYSTEM)
        with self.assertRaises(AccessError):
            partner.write(SYSTEM)
        self.assertUnchanged(before)
        # create: with a profile and an estimate, not with scores
        Partner = self.user_env(self.user)["res.partner"]
        created = Partner.create(
            {
                "name": "New dealer",
                "company_id": self.company.id,
                "idic_potential_estimate": 10,
                **PROFILE,
            }
        )
        self.assertEqual(created.idic_missing_field_names, "vat")
        with self.assertRaises(AccessError):
            Partner.create({"name": "Forged", **SYSTEM})
        # call: the buttons of an IDIC user
        result = partner.action_idic_recompute()
        self.assertEqual(result["params"]["message"], "Scores of 1 customers recomputed.")
        action = partner.action_idic_find_duplicates()
        self.assertEqual(action["res_model"], "res.partner")
        twins = [("id", "in", (self.customer | self.twin).ids), *literal_eval(action["domain"])]
        self.assertEqual(Partner.search(twins), self.customer | self.twin)
        # merging opens Odoo's wizard, which takes Odoo's Contact Creation right too
        with self.assertRaisesRegex(AccessError, "Merge Partner Wizard"):
            partner.action_idic_merge_duplicates()
        log = partner.action_idic_view_interactions()
        self.assertEqual(log["domain"], [("commercial_partner_id", "=", self.customer.id)])
        # not those of a manager
        with self.assertRaises(AccessError):
            partner._idic_set_override(self.seg["A"], "Friend of mine")
        with self.assertRaises(AccessError):
            partner.action_idic_clear_override()
        self.assertFalse(self.customer.idic_segment_override_id)

    def test_sales_manager(self):
        partner = self.as_user(self.manager, self.customer)
        self.assertEqual(partner.read(list(ASSESSMENTS)), [self.snapshot(ASSESSMENTS)])
        partner.write(ENTERED)
        self.assertEqual(self.snapshot(ENTERED), {"id": self.customer.id, **ENTERED})
        before = self.snapshot(SYSTEM)
        with self.assertRaises(AccessError):
            partner.write(SYSTEM)
        self.assertUnchanged(before)
        # an override goes through the manager's own button, not a write
        with self.assertRaises(AccessError):
            partner.write(
                {"idic_segment_override_id": self.seg["A"].id, "idic_override_reason": "x"}
            )
        partner._idic_set_override(self.seg["A"], "Key account")
        self.assertEqual(self.customer.idic_segment_id, self.seg["A"])
        self.assertEqual(self.customer.idic_override_user_id, self.manager)
        partner.action_idic_clear_override()
        self.assertEqual(self.customer.idic_segment_id, self.customer.idic_computed_segment_id)
        self.assertFalse(self.customer.idic_override_user_id)

    def _check_no_idic_calls(self, partner):
        for call in (
            partner.action_idic_recompute,
            partner.action_idic_find_duplicates,
            partner.action_idic_merge_duplicates,
            partner.action_idic_view_interactions,
            partner.action_idic_clear_override,
            lambda: partner._idic_set_override(self.seg["A"], "No right"),
        ):
            with (
                self.subTest(call=getattr(call, "__name__", "override")),
                self.assertRaises(AccessError),
            ):
                call()

    def test_plain_employee(self):
        partner = self.as_user(self.employee, self.customer)
        before = self.snapshot(ASSESSMENTS + tuple(PROFILE))
        self.assertEqual(partner.read(["name"])[0]["name"], "Assessed customer")
        self.assertEqual(partner.idic_customer_group, self.customer.idic_customer_group)
        self.assertFieldsDenied(partner, ASSESSMENTS)
        with self.assertRaises(AccessError):
            partner.write(PROFILE)
        with self.assertRaises(AccessError):
            self.user_env(self.employee)["res.partner"].create({"name": "New", **PROFILE})
        self._check_no_idic_calls(partner)
        self.assertUnchanged(before)

    def test_portal_user(self):
        # the portal user's own company
        partner = self.as_user(self.portal_user, self.customer)
        before = self.snapshot(ASSESSMENTS + tuple(PROFILE))
        self.assertEqual(partner.read(["name"])[0]["name"], "Assessed customer")
        self.assertFieldsDenied(partner, ASSESSMENTS)
        with self.assertRaises(AccessError):
            partner.write(PROFILE)
        with self.assertRaises(AccessError):
            self.user_env(self.portal_user)["res.partner"].create({"name": "New"})
        self._check_no_idic_calls(partner)
        self.assertUnchanged(before)

    def test_other_company_user(self):
        partner = self.as_user(self.outsider, self.customer)
        before = self.snapshot(ASSESSMENTS + tuple(PROFILE))
        Partner = self.user_env(self.outsider)["res.partner"]
        self.assertFalse(Partner.search([("id", "=", self.customer.id)]))
        with self.assertRaises(AccessError):
            partner.read(["name"])
        self.assertFieldsDenied(partner, ASSESSMENTS)
        with self.assertRaises(AccessError):
            partner.write(PROFILE)
        # the duplicate scan is a system job over every partner; its list shows his own
        action = partner.action_idic_find_duplicates()
        twins = [("id", "in", (self.customer | self.twin).ids), *literal_eval(action["domain"])]
        self.assertFalse(Partner.search(twins))
        self.assertTrue(self.customer.idic_is_duplicate)
        for call in (
            partner.action_idic_recompute,
            partner.action_idic_merge_duplicates,
            partner.action_idic_view_interactions,
            partner.action_idic_clear_override,
            lambda: partner._idic_set_override(self.seg["A"], "Not my customer"),
        ):
            with (
                self.subTest(call=getattr(call, "__name__", "override")),
                self.assertRaises(AccessError),
            ):
                call()
        self.assertUnchanged(before)
