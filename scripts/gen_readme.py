"""Build each addon's README.rst from its readme/ fragments (OCA style).

Usage: python3 scripts/gen_readme.py [--check]
With --check, exit 1 when a README.rst is not up to date.
"""

import ast
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SECTIONS = [
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
    ("EXTEND.md", "Extension points"),
    ("ROADMAP.md", "Known issues / Roadmap"),
    ("CONTRIBUTORS.md", "Contributors"),
]


def render(addon):
    manifest = ast.literal_eval((addon / "__manifest__.py").read_text(encoding="utf-8"))
    title = manifest["name"]
    lines = ["=" * len(title), title, "=" * len(title), ""]
    lines += [
        f".. |status| replace:: {manifest['development_status']}",
        f".. |license| replace:: {manifest['license']}",
        "",
        f"**Status**: |status| | **License**: |license| | **Version**: {manifest['version']}",
        "",
    ]
    for fragment, heading in SECTIONS:
        path = addon / "readme" / fragment
        if not path.exists():
            continue
        if heading:
            lines += [heading, "=" * len(heading), ""]
        lines += [path.read_text(encoding="utf-8").strip(), ""]
    lines += [
        "Maintainers",
        "===========",
        "",
        "This module is maintained by " + ", ".join(manifest["maintainers"]) + ".",
        "",
    ]
    return "\n".join(lines)


def main(check=False):
    stale = []
    for addon in sorted((ROOT / "addons").iterdir()):
        if not (addon / "__manifest__.py").exists():
            continue
        text = render(addon)
        target = addon / "README.rst"
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(addon.name)
        else:
            target.write_text(text, encoding="utf-8")
    if stale:
        print("README.rst out of date (run python3 scripts/gen_readme.py):", ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(check="--check" in sys.argv))
