"""scripts/test counts what it says: its log parsing, run on crafted pytest outputs and
Odoo logs (the Odoo lines are copied from a real Odoo 18 run)."""

import os
import subprocess
import textwrap

import pytest
from addons_info import ADDONS, ROOT

SCRIPT = ROOT / "scripts" / "test"
EXCEPTIONS = ROOT / "config" / "log-exceptions.txt"
PREFIX = "2026-11-25 19:56:34,751 16503"
RESULT = f"{PREFIX} INFO db odoo.tests.result: {{}} when loading database 'db'"
CLEAN = [
    f"{PREFIX} INFO db odoo.modules.loading: Modules loaded.",
    f"{PREFIX} INFO db odoo.addons.crm_idic.tests.test_scoring: Starting TestScoring.test_a ...",
    RESULT.format("0 failed, 0 error(s) of 12 tests"),
]
SKIPPED_CLASS = (
    f"{PREFIX} INFO db odoo.tests.suite: skipped setUpClass "
    "(odoo.addons.crm_idic.tests.test_tour.TestTour) : no browser here"
)
SKIPPED_TEST = (
    f"{PREFIX} INFO db odoo.addons.crm_idic.tests.test_tour: skipped TestTour.test_tour : not today"
)
WARNING = f"{PREFIX} WARNING db odoo.models: crm.idic.segment: fields name and code have one label"
ERROR = f"{PREFIX} ERROR db odoo.sql_db: bad query: SELECT 1/0"


def bash(snippet, *args, env=None):
    """Run ``snippet`` in bash after sourcing scripts/test (which then only defines).

    IDIC_TEST_RUNNING makes the script refuse to run its main part, should sourcing
    ever run it: it would run these tests again, and so on without end.
    """
    env = {**(env or os.environ), "IDIC_TEST_RUNNING": "test_runner"}
    return subprocess.run(
        ["bash", "-c", f'source "$0"; {snippet}', str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=120,
    )


def test_sourcing_only_defines():
    result = bash("echo sourced")
    assert result.stdout == "sourced\n" and result.returncode == 0, result.stderr


def test_script_refuses_to_run_inside_itself():
    env = {**os.environ, "IDIC_TEST_RUNNING": "1"}
    result = subprocess.run(
        ["bash", str(SCRIPT)], capture_output=True, text=True, check=False, env=env, timeout=60
    )
    assert result.returncode == 2 and "already running" in result.stderr


def tier2(tmp_path, lines, exceptions=EXCEPTIONS):
    """(passed, failed, skipped, warnings, errors) and stderr of parse_tier2_log on a log."""
    log = tmp_path / "tier2.log"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = bash(
        'parse_tier2_log "$1" "$2"; echo "$t2_pass $t2_fail $t2_skipped $t2_warnings $t2_errors"',
        log,
        exceptions,
    )
    assert result.returncode == 0, result.stderr
    return tuple(int(n) for n in result.stdout.split()), result.stderr


def test_clean_log(tmp_path):
    assert tier2(tmp_path, CLEAN)[0] == (12, 0, 0, 0, 0)


def test_failed_tests_count(tmp_path):
    lines = [*CLEAN[:-1], RESULT.format("1 failed, 2 error(s) of 12 tests")]
    assert tier2(tmp_path, lines)[0][:2] == (9, 3)


def test_no_result_line_is_a_failure(tmp_path):
    assert tier2(tmp_path, CLEAN[:-1])[0][:2] == (0, 1)


def test_class_skipped_in_setupclass_fails(tmp_path):
    """Its tests are not in the total: the skipped class is one more failure."""
    counts, stderr = tier2(tmp_path, [SKIPPED_CLASS, *CLEAN])
    assert counts == (12, 1, 1, 0, 0)
    assert "TestTour" in stderr


def test_skipped_test_fails(tmp_path):
    """A skipped test is in the total: it moves from passed to failed."""
    assert tier2(tmp_path, [SKIPPED_TEST, *CLEAN])[0] == (11, 1, 1, 0, 0)


@pytest.mark.parametrize("addon", [a.name for a in ADDONS])
def test_skips_of_every_addon_of_ours_count(tmp_path, addon):
    line = SKIPPED_CLASS.replace("crm_idic", addon)
    assert tier2(tmp_path, [line, *CLEAN])[0][:3] == (12, 1, 1)


def test_skips_of_other_addons_do_not_count(tmp_path):
    lines = [
        SKIPPED_TEST.replace("crm_idic", "sale"),
        SKIPPED_CLASS.replace("crm_idic", "crm"),
        SKIPPED_CLASS.replace("crm_idic", "crm_idic_other"),
    ]
    assert tier2(tmp_path, [*lines, *CLEAN])[0] == (12, 0, 0, 0, 0)


def test_test_names_with_skipped_do_not_count(tmp_path):
    """A real line of ours: the old pattern counted it as a skipped test."""
    line = (
        f"{PREFIX} INFO db odoo.addons.crm_idic.tests.test_scoring_job: Starting"
        " TestScoringJob.test_a_failing_customer_is_skipped_and_logged ..."
    )
    assert tier2(tmp_path, [line, *CLEAN])[0] == (12, 0, 0, 0, 0)


def test_warning_line_fails_and_is_shown(tmp_path):
    counts, stderr = tier2(tmp_path, [WARNING, *CLEAN])
    assert counts == (12, 1, 0, 1, 0)
    assert "fields name and code have one label" in stderr


def test_warning_on_the_exception_list_passes(tmp_path):
    exceptions = tmp_path / "exceptions.txt"
    exceptions.write_text(
        textwrap.dedent(
            """\
            # a comment, and a blank line, which must not excuse everything

            odoo\\.models: crm\\.idic\\.segment: fields .* have one label
            """
        )
    )
    other = WARNING.replace("odoo.models", "odoo.fields")
    assert tier2(tmp_path, [WARNING, *CLEAN], exceptions)[0] == (12, 0, 0, 0, 0)
    counts, stderr = tier2(tmp_path, [WARNING, other, *CLEAN], exceptions)
    assert counts == (12, 1, 0, 1, 0)
    assert "odoo.fields" in stderr and "odoo.models" not in stderr


def test_invalid_exception_regex_excuses_nothing(tmp_path):
    exceptions = tmp_path / "exceptions.txt"
    exceptions.write_text("odoo\\.models: (unclosed\n")
    counts, stderr = tier2(tmp_path, [WARNING, *CLEAN], exceptions)
    assert counts == (12, 1, 0, 1, 0)
    assert "invalid regex" in stderr


def test_exception_list_is_valid():
    result = subprocess.run(
        ["bash", "-c", 'grep -vE "^[[:space:]]*(#|$)" "$0" | grep -E -f - /dev/null', EXCEPTIONS],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr  # 2: an invalid regex


def test_error_line_fails(tmp_path):
    assert tier2(tmp_path, [ERROR, *CLEAN])[0] == (12, 1, 0, 0, 1)


def test_all_at_once(tmp_path):
    lines = [SKIPPED_CLASS, SKIPPED_TEST, WARNING, ERROR, *CLEAN]
    assert tier2(tmp_path, lines)[0] == (11, 3, 2, 1, 1)


# ------------------------------------------------------------------ tier 1


def tier1(tmp_path, output, rc):
    log = tmp_path / "tier1.log"
    log.write_text(output, encoding="utf-8")
    result = bash('parse_tier1_log "$1" "$2"; echo "$t1_pass $t1_fail $t1_skip"', log, rc)
    assert result.returncode == 0, result.stderr
    return tuple(int(n) for n in result.stdout.split())


@pytest.mark.parametrize(
    "output, rc, expected",
    [
        ("....s.\n290 passed, 3 skipped in 7.00s\n", 0, (290, 0, 3)),
        ("=== 3 passed, 1 warning in 0.10s ===\n", 0, (3, 0, 0)),
        (
            "FAILED tests/test_a.py::test_x - assert 1 passed\n2 failed, 10 passed in 1.2s\n",
            1,
            (10, 2, 0),
        ),
        ("1 failed, 5 passed, 2 skipped, 1 error in 3.0s\n", 1, (5, 2, 2)),
        ("Interrupted: 1 error during collection\n1 error in 0.31s\n", 2, (0, 1, 0)),
        ("no tests ran in 0.01s\n", 5, (0, 1, 0)),
        ("10 passed in 1.00s\n", 3, (10, 1, 0)),  # an internal error after the tests
        ("", 0, (0, 1, 0)),
        ("3 xpassed, 2 xfailed in 0.1s\n", 0, (0, 1, 0)),
    ],
)
def test_tier1_summary(tmp_path, output, rc, expected):
    assert tier1(tmp_path, output, rc) == expected


def test_tier1_summary_with_colour_codes(tmp_path):
    output = "\x1b[32m290 passed\x1b[0m, \x1b[33m3 skipped\x1b[0m\x1b[32m in 7.00s\x1b[0m\n"
    assert tier1(tmp_path, output, 0) == (290, 0, 3)


def test_tier1_run_with_forced_colour(tmp_path):
    """PY_COLORS / FORCE_COLOR cannot change what the runner counts; pytest's exit
    code counts even when the output is cut off."""
    (tmp_path / "test_sample.py").write_text(
        textwrap.dedent(
            """\
            import pytest

            def test_one():
                pass

            def test_two():
                pass

            def test_bad():
                assert False

            @pytest.mark.skip(reason="later")
            def test_later():
                pass
            """
        )
    )
    env = {**os.environ, "PY_COLORS": "1", "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    snippet = (
        'run_pytest "$1" "$2"; parse_tier1_log "$1" "$pytest_rc" 2>/dev/null;'
        ' echo "RESULT $pytest_rc $t1_pass $t1_fail $t1_skip"'
    )
    result = bash(snippet, tmp_path / "out.log", tmp_path, env=env)
    assert result.stdout.splitlines()[-1] == "RESULT 1 2 1 1", result.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    result = bash(snippet, tmp_path / "out2.log", empty, env=env)
    assert result.stdout.splitlines()[-1] == "RESULT 5 0 1 0", result.stdout


# ------------------------------------------------------------------ summary


@pytest.mark.parametrize(
    "t1, t2, last, status",
    [
        ("5 0 2", "3 0", "8 passed, 0 failed", 0),
        ("5 0 0", "3 1", "8 passed, 1 failed", 1),
        ("5 1 0", "0 0 SKIPPED", "5 passed, 1 failed", 1),
    ],
)
def test_summary_lines(t1, t2, last, status):
    t1_pass, t1_fail, t1_skip = t1.split()
    t2_pass, t2_fail, *skipped = t2.split()
    t2_line = (
        "tier 2: SKIPPED - no Odoo 18 found"
        if skipped
        else f"tier 2: {t2_pass} passed, {t2_fail} failed"
    )
    result = bash(
        f"t1_pass={t1_pass} t1_fail={t1_fail} t1_skip={t1_skip}"
        f" t2_pass={t2_pass} t2_fail={t2_fail} t2_line='{t2_line}'; print_summary"
    )
    assert result.stdout.splitlines() == [
        f"tier 1: {t1_pass} passed, {t1_fail} failed, {t1_skip} skipped",
        t2_line,
        last,
    ]
    assert result.returncode == status


def test_summary_prints_the_upstream_line_before_the_total():
    result = bash(
        "t1_pass=5 t1_fail=0 t1_skip=0 t2_pass=360 t2_fail=1 t2_line='tier 2: 360 passed, 1 failed'"
        " up_line='tier 2 (upstream): 349 passed, 1 failed'; print_summary"
    )
    assert result.stdout.splitlines() == [
        "tier 1: 5 passed, 0 failed, 0 skipped",
        "tier 2: 360 passed, 1 failed",
        "tier 2 (upstream): 349 passed, 1 failed",
        "365 passed, 1 failed",
    ]
    assert result.returncode == 1


def test_upstream_suites_run_without_their_install_time_tests():
    """The upstream run selects the modules we extend, and only their post-install tests."""
    result = bash('echo "$UPSTREAM"')
    modules = result.stdout.strip().split(",")
    for module in ("loyalty", "sale_loyalty", "crm", "sale", "portal", "survey", "helpdesk_mgmt"):
        assert module in modules
    assert ',-at_install" "upstream"' in SCRIPT.read_text(encoding="utf-8")
