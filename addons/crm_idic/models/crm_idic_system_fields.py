"""Fields only the system writes: one guard for scores, segments, completeness, ranks,
points, states, approvals and snapshot figures, in every addon.

A model that holds such fields inherits ``crm.idic.system.fields.mixin`` and names them
in ``_idic_system_fields()`` (override, add to super()). Then:

- A client (a form, an RPC call, an import) that sets one of them is refused, on
  ``create`` and on ``write``, with the model's own plain words
  (``_idic_system_fields_message``). On ``create``, a value counts as set when it
  differs from the field's default, or when the context has a ``default_<field>`` key:
  the defaults the ORM fills in itself and the values an ``_inherits`` child passes
  through (``res.users`` creating its ``res.partner``) are not the client's word. On
  ``write``, a value counts when it would change some record.
- The system's own code writes them through ``records._idic_system()``: the records
  with a private flag in their context and without the caller's ``default_*`` keys.
  The flag's value is a Python object that no JSON can carry, so no remote call can
  forge it; it is the only way past the guard. Being the superuser is not: a
  ``sudo()`` is about access rights, and it keeps the client's context.
- ``copy`` leaves the system fields out (a copy is rated by the system again).
"""

from odoo import api, models
from odoo.exceptions import AccessError
from odoo.tools import clean_context

SYSTEM_KEY = "crm_idic_system"
# the flag's value: compared by identity, never equal to anything a client can send
_SYSTEM_TOKEN = object()


class CrmIdicSystemFieldsMixin(models.AbstractModel):
    _name = "crm.idic.system.fields.mixin"
    _description = "Fields only the system writes"

    @api.model
    def _idic_system_fields(self):
        """The names of the fields only the system writes. Override and add to super()."""
        return set()

    @api.model
    def _idic_system_fields_message(self, labels):
        """The refusal, in plain words, of a client's write of ``labels`` (a text)."""
        return self.env._(
            "These values are set by the system; they cannot be written directly: %s.",
            labels,
        )

    # ------------------------------------------------------------ the system's way in

    def _idic_system(self):
        """``self`` as the system's own code: its writes of system fields pass the guard.

        The caller's ``default_*`` keys are dropped, so a client's context cannot give
        the records the system creates a value of its own.
        """
        context = dict(clean_context(self.env.context), **{SYSTEM_KEY: _SYSTEM_TOKEN})
        return self.with_env(self.env(context=context))

    def _idic_is_system(self):
        return self.env.context.get(SYSTEM_KEY) is _SYSTEM_TOKEN

    # ------------------------------------------------------------ what a client sets

    @api.model
    def _idic_client_fields_on_create(self, vals):
        """The system fields a create with ``vals`` sets on the client's word."""
        system = self._idic_system_fields()
        names = {key[8:] for key in self.env.context if key.startswith("default_")} & system
        if not system & set(vals):
            return names
        # the defaults as the field itself gives them, without the client's context
        blank = self.with_context(clean_context(self.env.context)).browse()
        for name in system & set(vals):
            field = self._fields[name]
            default = field.default(blank) if field.default else False
            if not blank._idic_same_value(field, vals[name], default):
                names.add(name)
        return names

    def _idic_client_fields_on_write(self, vals):
        """The system fields ``vals`` would change on some record of ``self``."""
        names = set()
        for name in self._idic_system_fields() & set(vals):
            field = self._fields[name]
            # sudo: the current values are only compared, never shown (some fields of this
            # kind are readable by a group the writer may not have)
            if field.type in ("one2many", "many2many") or any(
                not record._idic_same_value(field, vals[name], record[name])
                for record in self.sudo()
            ):
                names.add(name)
        return names

    def _idic_same_value(self, field, value, current):
        """Whether ``value`` and ``current`` are the same value of ``field`` on ``self``
        (one record, or none for a new one)."""
        if field.type in ("one2many", "many2many"):
            return not value and not current
        try:
            return field.convert_to_cache(value, self, validate=False) == field.convert_to_cache(
                current, self, validate=False
            )
        except (TypeError, ValueError):
            return False

    def _idic_check_system_fields(self, names):
        if not names or self._idic_is_system():
            return
        labels = sorted(self._fields[name]._description_string(self.env) for name in names)
        raise AccessError(self._idic_system_fields_message(", ".join(labels)))

    @api.model
    def _idic_without_system_fields(self, vals):
        """``vals`` less the system fields (for writes that copy every field, a merge)."""
        system = self._idic_system_fields()
        return {name: value for name, value in vals.items() if name not in system}

    # ------------------------------------------------------------ ORM

    @api.model_create_multi
    def create(self, vals_list):
        if not self._idic_is_system():
            for vals in vals_list:
                self._idic_check_system_fields(self._idic_client_fields_on_create(vals))
        return super().create(vals_list)

    def write(self, vals):
        if not self._idic_is_system():
            self._idic_check_system_fields(self._idic_client_fields_on_write(vals))
        return super().write(vals)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        dropped = self._idic_system_fields() - set(default or ())
        return [
            {name: value for name, value in vals.items() if name not in dropped}
            for vals in vals_list
        ]
