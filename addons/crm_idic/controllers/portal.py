from odoo import fields
from odoo.http import request
from odoo.tools import single_email_re

from odoo.addons.portal.controllers.portal import CustomerPortal

IDIC_PORTAL_FIELDS = [
    "idic_birthday",
    "idic_founding_date",
    "industry_id",
    "idic_purchaser_name",
    "idic_purchaser_email",
    "idic_purchaser_phone",
]


class IdicCustomerPortal(CustomerPortal):
    """Let customers complete their own profile from /my/account."""

    def _get_optional_fields(self):
        return super()._get_optional_fields() + IDIC_PORTAL_FIELDS

    def details_form_validate(self, data, partner_creation=False):
        error, error_message = super().details_form_validate(
            data, partner_creation=partner_creation
        )
        env = request.env
        today = fields.Date.context_today(env.user)
        for name in ("idic_birthday", "idic_founding_date"):
            if not data.get(name):
                continue
            try:
                day = fields.Date.to_date(data[name])
            except ValueError:
                day = None
            if not day:
                error[name] = "error"
                error_message.append(env._("Enter dates as YYYY-MM-DD."))
            elif day > today:
                error[name] = "error"
                error_message.append(env._("A birthday or founding date cannot be in the future."))
        if data.get("industry_id") and not (
            data["industry_id"].isdigit()
            # industries are public reference data that portal users may not read
            and env["res.partner.industry"].sudo().browse(int(data["industry_id"])).exists()
        ):
            error["industry_id"] = "error"
            error_message.append(env._("Choose an industry from the list."))
        email = data.get("idic_purchaser_email")
        if email and not single_email_re.match(email):
            error["idic_purchaser_email"] = "error"
            error_message.append(env._("The purchasing contact's email is not valid."))
        if (email or data.get("idic_purchaser_phone")) and not data.get("idic_purchaser_name"):
            error["idic_purchaser_name"] = "missing"
            error_message.append(env._("Give the name of the purchasing contact."))
        return error, error_message

    def on_account_update(self, values, partner):
        result = super().on_account_update(values, partner)
        commercial_vals = {}
        for name in ("idic_founding_date", "industry_id"):
            if name in values:
                value = values.pop(name)
                commercial_vals[name] = (
                    int(value) if name == "industry_id" and value else (value or False)
                )
        if "idic_birthday" in values:
            values["idic_birthday"] = values["idic_birthday"] or False
        purchaser = {
            "name": values.pop("idic_purchaser_name", "").strip(),
            "email": values.pop("idic_purchaser_email", "").strip(),
            "phone": values.pop("idic_purchaser_phone", "").strip(),
        }
        commercial = partner.commercial_partner_id.sudo()  # portal users may not write partners;
        # the portal writes the user's own partner the same way, after validating the form
        if commercial_vals:
            commercial.write(commercial_vals)
        if purchaser["name"]:
            contact = commercial.child_ids.filtered(
                lambda c: c.idic_buying_role == "decision_maker"
            )[:1]
            vals = {k: v for k, v in purchaser.items() if v}
            if contact:
                contact.write(vals)
            elif commercial.is_company:
                commercial.env["res.partner"].create(
                    dict(
                        vals,
                        parent_id=commercial.id,
                        type="contact",
                        idic_buying_role="decision_maker",
                    )
                )
        return result

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        # industries are public reference data that portal users may not read
        values["idic_industries"] = request.env["res.partner.industry"].sudo().search([])
        return values
