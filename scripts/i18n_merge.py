"""Merge a freshly exported .pot into an addon's i18n/vi.po, keeping translations.

Usage: python scripts/i18n_merge.py ADDON_DIR EXPORTED.pot
Writes ADDON_DIR/i18n/<addon>.pot and updates ADDON_DIR/i18n/vi.po; prints the
entries still to translate (exit 1 when there are any).
"""

import pathlib
import sys

import polib


def main(addon_dir, pot_path):
    addon = pathlib.Path(addon_dir)
    pot = polib.pofile(pot_path)
    (addon / "i18n").mkdir(exist_ok=True)
    pot.save(str(addon / "i18n" / f"{addon.name}.pot"))
    po_path = addon / "i18n" / "vi.po"
    po = polib.pofile(str(po_path)) if po_path.exists() else polib.POFile()
    po.merge(pot)
    po.metadata.update({"Language": "vi", "Plural-Forms": "nplurals=1; plural=0;"})
    for entry in po.obsolete_entries():
        po.remove(entry)
    po.save(str(po_path))
    todo = [e.msgid for e in po if not e.translated() or "fuzzy" in e.flags]
    for msgid in todo:
        print(f"{addon.name}: to translate: {msgid!r}")
    return 1 if todo else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
