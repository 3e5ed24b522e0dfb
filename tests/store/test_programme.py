"""The programme settings a form works with: the published record of the fiscal
year when the laptop has it, else the shipped defaults."""

from __future__ import annotations

from datetime import date

from desktop.services.demo import open_demo_workspace
from desktop.services.programme import current_fiscal_year, settings_for


def test_defaults_until_a_record_is_published(tmp_path):
    workspace = open_demo_workspace(tmp_path / "profiles", households=1)
    try:
        shipped = settings_for(workspace, 2569)
        assert shipped.source == "defaults" and shipped.version is None
        assert shipped.subsidy_cap == 4_000_000  # the last listed year's cap, 40,000 baht
        assert shipped.score_weights["bedridden"] == 20
        assert [i["key"] for i in shipped.eligibility_checklist][0] == "lives_in_tambon"
        published = workspace.replica.save("programme_settings", None, {
            "programme": "baan_por_piang", "fiscal_year": 2569, "subsidy_cap": 4_500_000,
            "score_weights": {"bedridden": 30}}).record
        chosen = settings_for(workspace, 2569)
        assert chosen.source == "record" and chosen.settings_id == published.id
        assert chosen.subsidy_cap == 4_500_000 and chosen.score_weights == {"bedridden": 30}
        assert chosen.version == published.version
        assert settings_for(workspace, 2570).source == "defaults"
    finally:
        workspace.close()


def test_the_fiscal_year_starts_in_october():
    assert current_fiscal_year(date(2026, 9, 30)) == 2569
    assert current_fiscal_year(date(2026, 10, 1)) == 2570
