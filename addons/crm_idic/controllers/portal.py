import re
from datetime import date

from odoo import fields
from odoo.http import request, route
from odoo.tools import single_email_re

from odoo.addons.portal.controllers.portal import CustomerPortal

# the person's own data, written on the portal user's own partner
IDIC_PERSON_FIELDS = ["idic_birthday"]
# company data: commercial fields of the commercial partner
IDIC_COMPANY_FIELDS = ["idic_founding_date", "industry_id"]
# company data too: the decision-maker contact of the commercial partner
IDIC_PURCHASER_FIELDS = ["idic_purchaser_name", "idic_purchaser_email", "idic_purchaser_phone"]
IDIC_PORTAL_FIELDS = IDIC_PERSON_FIELDS + IDIC_COMPANY_FIELDS + IDIC_PURCHASER_FIELDS

IDIC_MIN_DATE = date(1900, 1, 1)
IDIC_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only, unlike \d
IDIC_ID_RE = re.compile(r"[0-9]{1,10}")
IDIC_MAX_ID = 2**31 - 1  # PostgreSQL int4
IDIC_NAME_MAX = 128
IDIC_EMAIL_MAX = 254
IDIC_PHONE_MAX = 32
IDIC_PHONE_RE = re.compile(r"[0-9+()./\- ]*[0-9][0-9+()./\- ]*")


class IdicCustomerPortal(CustomerPortal):
    """Let customers complete their own profile from /my/account.

    A contact of a company may only fill in its own data (birthday). Company data
    (founding date, industry, purchasing contact) is commercial data: as Odoo does for
    the VAT number, only the user of the commercial partner itself may change it.
    Everything is read and written with sudo on the user's own partner or its
    commercial partner only, so that no field restricted to employees is read as the
    portal user.
    """

    # ------------------------------------------------------------ helpers

    @staticmethod
    def _idic_can_edit_company(partner):
        """Whether the user of ``partner`` may change the company data."""
        partner = partner.sudo()
        return partner == partner.commercial_partner_id and partner.is_company

    @staticmethod
    def _idic_editable_purchaser(commercial):
        """The decision-maker contact of ``commercial`` the portal may edit.

        A contact that belongs to a user (even an archived one) is never edited from
        the portal: its email is that user's login address.
        """
        commercial = commercial.sudo()
        makers = commercial.child_ids.filtered(lambda c: c.idic_buying_role == "decision_maker")
        if not makers:
            return makers
        users = (
            request.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", makers.ids)])
        )
        return (makers - users.partner_id)[:1]

    def _idic_current_values(self, partner):
        """The values the form shows, as the strings it posts."""
        partner = partner.sudo()
        commercial = partner.commercial_partner_id
        purchaser = self._idic_editable_purchaser(commercial)
        return {
            "idic_birthday": fields.Date.to_string(partner.idic_birthday) or "",
            "idic_founding_date": fields.Date.to_string(commercial.idic_founding_date) or "",
            "industry_id": str(commercial.industry_id.id) if commercial.industry_id else "",
            "idic_purchaser_name": purchaser.name or "",
            "idic_purchaser_email": purchaser.email or "",
            "idic_purchaser_phone": purchaser.phone or "",
        }

    @staticmethod
    def _idic_valid_date(value, today):
        """Whether ``value`` is empty or a YYYY-MM-DD date from 1900-01-01 to today."""
        if not value:
            return True
        if not IDIC_DATE_RE.fullmatch(value):
            return False
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return False
        return IDIC_MIN_DATE <= day <= today

    @staticmethod
    def _idic_valid_industry(value, current):
        """Whether ``value`` is empty, the current industry or an active industry."""
        if not value or value == current:
            return True
        if not IDIC_ID_RE.fullmatch(value) or int(value) > IDIC_MAX_ID:
            return False
        # industries are public reference data that portal users may not read
        return bool(request.env["res.partner.industry"].sudo().search([("id", "=", int(value))]))

    # ------------------------------------------------------------ portal hooks

    def _get_optional_fields(self):
        return super()._get_optional_fields() + IDIC_PORTAL_FIELDS

    @route()
    def account(self, redirect=None, **post):
        response = super().account(redirect=redirect, **post)
        if getattr(response, "is_qweb", False):
            partner = request.env.user.partner_id
            can_edit_company = self._idic_can_edit_company(partner)
            current = self._idic_current_values(partner)
            Industry = request.env["res.partner.industry"].sudo().with_context(active_test=False)
            industries = Industry.browse()
            if can_edit_company:
                # active industries, and the current one even if archived
                domain = [("active", "=", True)]
                if current["industry_id"]:
                    domain = ["|", ("id", "=", int(current["industry_id"])), *domain]
                industries = Industry.search(domain, order="name, id")
            response.qcontext.update(
                {
                    "idic_current": current,
                    "idic_can_edit_company": can_edit_company,
                    "idic_industries": industries,
                }
            )
        return response

    def details_form_validate(self, data, partner_creation=False):
        error, error_message = super().details_form_validate(
            data, partner_creation=partner_creation
        )
        if not any(name in data for name in IDIC_PORTAL_FIELDS):
            return error, error_message
        for name in IDIC_PORTAL_FIELDS:
            if isinstance(data.get(name), str):
                data[name] = data[name].strip()
        env = request.env
        partner = env.user.partner_id
        current = self._idic_current_values(partner)
        today = fields.Date.context_today(env.user)

        if not self._idic_valid_date(data.get("idic_birthday"), today):
            error["idic_birthday"] = "error"
            error_message.append(
                env._("Enter your birthday as a date between 1900-01-01 and today.")
            )
        if not self._idic_valid_date(data.get("idic_founding_date"), today):
            error["idic_founding_date"] = "error"
            error_message.append(
                env._("Enter your company's founding date as a date between 1900-01-01 and today.")
            )
        if not self._idic_valid_industry(data.get("industry_id"), current["industry_id"]):
            error["industry_id"] = "error"
            error_message.append(env._("Choose an industry from the list."))

        name = data.get("idic_purchaser_name")
        email = data.get("idic_purchaser_email")
        phone = data.get("idic_purchaser_phone")
        if name and len(name) > IDIC_NAME_MAX:
            error["idic_purchaser_name"] = "error"
            error_message.append(
                env._("The purchasing contact's name can have at most 128 characters.")
            )
        if email and (len(email) > IDIC_EMAIL_MAX or not single_email_re.match(email)):
            error["idic_purchaser_email"] = "error"
            error_message.append(env._("The purchasing contact's email is not valid."))
        if phone and (len(phone) > IDIC_PHONE_MAX or not IDIC_PHONE_RE.fullmatch(phone)):
            error["idic_purchaser_phone"] = "error"
            error_message.append(
                env._(
                    "The purchasing contact's phone can have at most 32 characters: "
                    "digits, spaces and + ( ) - . /"
                )
            )
        if (email or phone) and not name:
            error["idic_purchaser_name"] = "missing"
            error_message.append(env._("Give the name of the purchasing contact."))

        if not self._idic_can_edit_company(partner):
            # the form does not show company data to a contact; whatever it posts
            # other than the current values is refused, the current ones are ignored
            refused = [
                name
                for name in IDIC_COMPANY_FIELDS + IDIC_PURCHASER_FIELDS
                if data.get(name) and data[name] != current[name]
            ]
            if refused:
                for name in refused:
                    error[name] = "error"
                error_message.append(
                    env._(
                        "Only your company's own account can change the company details. "
                        "Please contact us for that."
                    )
                )
        return error, error_message

    def on_account_update(self, values, partner):
        result = super().on_account_update(values, partner)
        partner = partner.sudo()  # the portal writes the user's own partner with sudo too
        company_vals = {name: values.pop(name) for name in IDIC_COMPANY_FIELDS if name in values}
        purchaser = {name: values.pop(name) for name in IDIC_PURCHASER_FIELDS if name in values}
        if "idic_birthday" in values:
            birthday = values.pop("idic_birthday")
            if not partner.is_company:
                values["idic_birthday"] = birthday or False
        if not self._idic_can_edit_company(partner):
            # company data is not this user's to change (it posted nothing new: validated)
            return result
        # the user's partner is the commercial partner: company data goes with its values
        if "idic_founding_date" in company_vals:
            values["idic_founding_date"] = company_vals["idic_founding_date"] or False
        if "industry_id" in company_vals:
            industry = company_vals["industry_id"]
            values["industry_id"] = int(industry) if industry else False
        if purchaser.get("idic_purchaser_name"):
            self._idic_set_purchaser(partner, purchaser)
        return result

    def _idic_set_purchaser(self, commercial, purchaser):
        """Write the purchasing contact on a decision maker without user, or create one."""
        vals = {"name": purchaser["idic_purchaser_name"]}
        for field_name, key in (
            ("email", "idic_purchaser_email"),
            ("phone", "idic_purchaser_phone"),
        ):
            if key in purchaser:
                vals[field_name] = purchaser[key] or False
        contact = self._idic_editable_purchaser(commercial)
        if contact:
            changed = {k: v for k, v in vals.items() if (contact[k] or False) != v}
            if changed:
                contact.write(changed)
        else:
            contact = commercial.env["res.partner"].create(
                dict(
                    vals,
                    parent_id=commercial.id,
                    type="contact",
                    idic_buying_role="decision_maker",
                )
            )
        return contact
