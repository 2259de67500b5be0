"""Reading thousands of partners at once: the batch code of the scoring and of the
profile completeness reads its fields a column at a time."""

from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _idic_columns(self, fnames):
        """{field name: [its value for each record of ``self``, in order]} as fetched from
        the database (ids for relations, None for empty, also for numbers).

        One fetch of just these fields, then a field at a time from the cache: code that
        runs over thousands of records would otherwise spend its time in attribute access,
        and fetch every column of res.partner at the first one.
        """
        self.flush_recordset(fnames)  # stored computed fields waiting to be recomputed
        self.fetch(fnames)
        cache = self.env.cache
        columns = {}
        for name in fnames:
            field = self._fields[name]
            values = [] if field.translate else list(cache.get_values(self, field))
            if len(values) != len(self):  # not stored, translated, or gone: the record way
                values = [field.convert_to_cache(record[name], record) for record in self]
            columns[name] = values
        return columns

    def _idic_cache_format(self, fnames, values):
        """``values`` (as written or as fetched, for the fields ``fnames``) as the cache
        holds them: the two compare equal when the field values are the same."""
        return tuple(
            self._fields[name].convert_to_cache(value, self, validate=False)
            for name, value in zip(fnames, values, strict=True)
        )
