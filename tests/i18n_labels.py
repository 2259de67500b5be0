"""Two fields of one model must not read the same in Vietnamese: Odoo warns when two
labels are the same in English, but two English labels ("Why", "Reason") can translate
to one Vietnamese label ("Lý do"), and a list then shows two columns of that name."""

import re
from collections import defaultdict

import polib

FIELD = re.compile(r"model:ir\.model\.fields,field_description:\w+\.field_(\w+?)__(\w+)$")


def same_label_problems(addons):
    """One line per Vietnamese label shared by fields of one model that have different
    English labels, over the vi.po of all ``addons`` (a model's fields come from several)."""
    labels = defaultdict(lambda: defaultdict(set))  # model -> Vietnamese -> {(English, field)}
    for addon in addons:
        path = addon / "i18n" / "vi.po"
        if not path.is_file():
            continue
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgstr:
                continue
            for occurrence, _line in entry.occurrences:
                match = FIELD.match(occurrence)
                if match:
                    model, field = match.groups()
                    labels[model][entry.msgstr].add((entry.msgid, field))
    problems = []
    for model, by_label in sorted(labels.items()):
        for label, fields in sorted(by_label.items()):
            if len({english for english, _field in fields}) > 1:
                named = ", ".join(f"{field} ({english!r})" for english, field in sorted(fields))
                problems.append(f"{model.replace('_', '.')}: {named} all read {label!r}")
    return problems
