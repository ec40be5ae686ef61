using Serviceloven.Admin.Diff;
using Serviceloven.Admin.Drafts;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;

namespace Serviceloven.Admin.Tests;

/// <summary>The version diff in legal terms: Danish labels and values, dates as "1. marts 2027", exact sentences.</summary>
public sealed class LegalDiffTests
{
    private static (RulesetVersion Before, EditableVersion Edit) Sel97() { var v = DiffTests.Sel97(); return (v, EditableVersion.From(v)); }

    private static List<string> Texts(RulesetVersion a, RulesetVersion b, SatsCatalog? satser = null) =>
        LegalDiff.Compare(a, b, [], [], satser).Select(c => c.Text).ToList();

    [Fact]
    public void A_changed_age_limit_reads_as_the_label_and_the_limit_in_words()
    {
        var (before, edit) = Sel97();
        edit.Tables.Single(t => t.Id == "eligibility").Rows.Single(r => r.Id == "R97-04").When[2] = "< 19";
        Assert.Equal(["Række R97-04: Alder på afgørelsesdatoen: under 18 → under 19."], Texts(before, edit.ToModel()));
    }

    [Fact]
    public void A_new_condition_a_removed_condition_and_a_changed_enum_output_use_labels()
    {
        var (before, edit) = Sel97();
        var eligibility = edit.Tables.Single(t => t.Id == "eligibility");
        var r0604 = eligibility.Rows.Single(r => r.Id == "R97-06");
        r0604.When[5] = "-";
        r0604.When[2] = "[18..67)";
        eligibility.Rows.Single(r => r.Id == "R97-11").Then[0] = "\"afslag\"";
        Assert.Equal(
            [
                "Række R97-06: ny betingelse: Alder på afgørelsesdatoen fra 18 til under 67.",
                "Række R97-06: betingelsen årsag til den nedsatte funktionsevne «Sociale årsager» er fjernet.",
                "Række R97-11: Udfald: Ledsagelse bevilget → Afslag.",
            ],
            Texts(before, edit.ToModel()));
    }

    [Fact]
    public void A_date_threshold_a_new_row_and_a_hit_policy_are_said_in_words()
    {
        var (before, edit) = Sel97();
        var eligibility = edit.Tables.Single(t => t.Id == "eligibility");
        eligibility.Rows.Single(r => r.Id == "R97-05").When[3] = ">= date(\"2027-03-01\")";
        var activity = edit.Tables.Single(t => t.Id == "activity");
        activity.HitPolicy = HitPolicy.Unique;
        var row = activity.AddRow(null);
        row.Id = "R97-67";
        row.When[0] = "\"contactPersonOrVisitingFriend\", \"necessaryDoctorVisit\"";
        row.Then[0] = "true";
        row.Ref = "vejledningens pkt. 10";

        var texts = Texts(before, edit.ToModel());
        Assert.Contains("Række R97-05: Afgørelsesdato: fra og med dato for den øvre aldersgrænse → fra og med 1. marts 2027.", texts);
        Assert.Contains("Tabel Kan timerne bruges til den ønskede aktivitet (activity): hit policy FIRST (den første række, der passer, afgør) → UNIQUE (højst én række må passe).", texts);
        Assert.Contains("Ny række R97-67: hvis aktivitet som timerne ønskes brugt til «Kontaktperson, besøgsven eller samvær i hjemmet» eller «Nødvendigt lægebesøg eller undersøgelse», så Aktiviteten er omfattet af ledsageordningen: ja (vejledningens pkt. 10).", texts);
    }

    [Fact]
    public void Dates_facts_derived_values_and_references_are_named()
    {
        var (before, edit) = Sel97();
        edit.ValidFrom = new DateOnly(2027, 3, 1);
        edit.Facts.Single(f => f.Name == "hasBpaOrHelpSchemeSection96").Discretionary = true;
        edit.Tables.Single(t => t.Id == "eligibility").Rows.Single(r => r.Id == "R97-01").Ref = "servicelovens § 97, stk. 8";
        var after = edit.ToModel() with
        {
            Derived = before.Derived.Select(d => d.Name == "upperAgeLimitYears" ? d with { Expression = "folkepensionsalder" } : d).ToList(),
        };
        var texts = Texts(before, after);
        Assert.Contains("Gælder fra: 1. februar 2018 → 1. marts 2027.", texts);
        Assert.Contains("Faktum Har hjælpeordning (BPA) efter servicelovens § 96: er nu et skøn.", texts);
        Assert.Contains("Afledt værdi Øvre aldersgrænse: det største af folkepensionsalder og 67 → folkepensionsalder.", texts);
        Assert.Contains("Række R97-01: retskilde: servicelovens § 97, stk. 8; vejledningens pkt. 5 → servicelovens § 97, stk. 8.", texts);
    }

    [Fact]
    public void A_sats_cell_names_the_sats_by_key_and_label()
    {
        var (before, edit) = Sel97();
        edit.Tables.Single(t => t.Id == "expenses").Rows.Single(r => r.Id == "R97-50").Then[0] = "sats(\"sel-97.aarligtBeloeb\", expenseYearDate)";
        var satser = new SatsCatalog([new SatsSeries { Key = "sel-97.aarligtBeloeb", Label = "Årligt beløb til ledsagerens udgifter", Unit = "kr." }]);
        var text = Assert.Single(Texts(before, edit.ToModel(), satser));
        Assert.StartsWith("Række R97-50: Årligt beløb til ledsagerens befordring og andre aktiviteter: det mindste af ", text);
        Assert.EndsWith(" → satsen sel-97.aarligtBeloeb (årligt beløb til ledsagerens udgifter) på første dag i det år, beløbet vedrører.", text);
    }

    [Fact]
    public void An_unchanged_version_says_nothing()
    {
        var (before, edit) = Sel97();
        Assert.Empty(Texts(before, edit.ToModel()));
    }

    [Fact]
    public void Sats_values_read_as_amounts_with_unit_and_Danish_dates()
    {
        var before = new SatsSeries
        {
            Key = "sel-118.maanedsloen", Label = "Månedsløn", Unit = "kr.",
            Values = [new SatsValue { ValidFrom = new DateOnly(2026, 1, 1), Value = 16556m, Source = "bek. 2026" }],
        };
        var after = before with
        {
            Values =
            [
                new SatsValue { ValidFrom = new DateOnly(2026, 1, 1), ValidTo = new DateOnly(2026, 12, 31), Value = 16556m, Source = "bek. 2026" },
                new SatsValue { ValidFrom = new DateOnly(2027, 1, 1), ValidTo = new DateOnly(2027, 12, 31), Value = 16997m, Source = "bek. 2027" },
            ],
        };
        Assert.Equal(
            [
                "Sats sel-118.maanedsloen: værdien 16.556 kr. fra 1. januar 2026 gælder nu til 31. december 2026 (før: indtil videre).",
                "Sats sel-118.maanedsloen: 16.556 kr. → 16.997 kr. fra 1. januar 2027 til 31. december 2027.",
            ],
            LegalDiff.Sats(before, after).Select(c => c.Text));
        var fresh = before with { Values = [new SatsValue { ValidFrom = new DateOnly(2030, 1, 1), Value = 17000m, Source = "bek." }] };
        Assert.Equal(
            [
                "Sats sel-118.maanedsloen: 17.000 kr. fra 1. januar 2030 (før: ingen værdi).",
                "Sats sel-118.maanedsloen: værdien 16.556 kr. fra 1. januar 2026 fjernet.",
            ],
            LegalDiff.Sats(before with { Values = [before.Values[0] with { ValidTo = new DateOnly(2026, 12, 31) }] }, fresh).Select(c => c.Text));
    }
}
