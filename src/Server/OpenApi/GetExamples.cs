namespace Serviceloven.Server.OpenApi;

/// <summary>
/// Short examples of the GET answers, one or two items each, in the shape the contract types give (a test reads each
/// into its type and refuses unknown fields).
/// </summary>
public static class GetExamples
{
    public const string Rulesets = """
        [
          { "id": "sel-97", "title": "Ledsageordning (servicelovens § 97)", "legalBasis": "Servicelovens § 97, stk. 1-9 (lbk. nr. 988 af 17. august 2017)", "validFrom": "2018-02-01", "versions": 1 },
          { "id": "sel-118", "title": "Pasning af nærtstående med handicap eller alvorlig sygdom (servicelovens § 118)", "legalBasis": "Lov om social service § 118", "validFrom": "2014-01-01", "versions": 3 }
        ]
        """;

    public const string RulesetSchema = """
        {
          "id": "sel-97",
          "title": "Ledsageordning (servicelovens § 97)",
          "legalBasis": "Servicelovens § 97, stk. 1-9 (lbk. nr. 988 af 17. august 2017)",
          "version": { "id": 26, "validFrom": "2018-02-01", "validTo": null, "publishedAt": "2026-01-05T09:30:00+00:00",
                       "hash": "sha256:957846b875db49a19ba29b0f8a0b32c103067daae92dcfc769ac019ff7bd344b", "current": true,
                       "changeNote": "Første version efter vejledningen om ledsageordning m.v. med virkning fra 1. februar (2018)." },
          "legalTexts": [ "Lovbekendtgørelse nr. 988 af 17. august 2017 (serviceloven) § 97" ],
          "facts": [
            { "name": "birthDate", "type": "date", "label": "Fødselsdato", "description": "Bruges til alderskravet (18 år) og aldersgrænsen.",
              "discretionary": false, "required": true, "unit": null, "values": null, "requiredWhen": null },
            { "name": "impairmentCause", "type": "enum", "label": "Årsag til den nedsatte funktionsevne", "description": null,
              "discretionary": true, "required": true, "unit": null,
              "values": [ { "value": "physical", "label": "Fysisk funktionsnedsættelse" }, { "value": "socialCauses", "label": "Sociale årsager" } ],
              "requiredWhen": null }
          ],
          "outcome": "outcome",
          "outputs": [
            { "name": "outcome", "type": "enum", "label": "Udfald", "unit": null,
              "values": [ { "value": "bevilget", "label": "Ledsagelse bevilget" }, { "value": "afslag", "label": "Afslag" } ] },
            { "name": "hoursPerMonth", "type": "decimal", "label": "Ledsagetimer pr. måned efter § 97", "unit": "timer pr. måned", "values": null }
          ]
        }
        """;

    public const string Versions = """
        [
          { "id": 26, "validFrom": "2018-02-01", "validTo": null, "publishedAt": "2026-01-05T09:30:00+00:00",
            "hash": "sha256:957846b875db49a19ba29b0f8a0b32c103067daae92dcfc769ac019ff7bd344b", "current": true,
            "changeNote": "Første version efter vejledningen om ledsageordning m.v. med virkning fra 1. februar (2018)." }
        ]
        """;

    public const string Satser = """
        [
          { "key": "sel-118.langvarigSygdomMaaneder", "label": "Langvarig sygdom: forventet varighed", "unit": "måneder", "priceLevel": null,
            "value": 12, "validFrom": "2018-01-01", "validTo": null, "source": "000_70dc85726bf360e2.txt l.651-652" },
          { "key": "sel-97.aarligtBeloeb", "label": "Årligt beløb til ledsagerens befordring og andre aktiviteter (servicelovens § 97, stk. 7)",
            "unit": "kr. pr. år", "priceLevel": "2017-niveau", "value": null, "validFrom": null, "validTo": null, "source": null }
        ]
        """;

    public const string Sats = """
        {
          "key": "sel-97.aarligtBeloeb",
          "label": "Årligt beløb til ledsagerens befordring og andre aktiviteter (servicelovens § 97, stk. 7)",
          "unit": "kr. pr. år",
          "priceLevel": "2017-niveau",
          "regulation": "satsregulering",
          "rounding": null,
          "description": "Højeste årlige beløb til dækning af modtagerens udgifter til ledsagerens befordring og andre aktiviteter.",
          "values": [
            { "validFrom": "2017-01-01", "validTo": "2017-12-31", "value": 866, "source": "003_e9312490f6af4059.txt l.397", "note": "866 kr. (2017-niveau)" }
          ]
        }
        """;

    public const string Health = """
        {
          "status": "healthy",
          "durationMs": 1.4,
          "checks": {
            "database": { "status": "healthy", "description": "Databasen svarer.", "durationMs": 0.9, "data": { "provider": "sqlite" } },
            "snapshot": { "status": "healthy", "description": "Reglerne er indlæst.", "durationMs": 0.1,
                          "data": { "rulesets": 17, "versions": 40, "loadedAt": "2026-01-05T09:31:02+00:00",
                                    "publicationId": 2,
                                    "publication": { "id": 2, "kind": "version", "subject": "sel-83", "entityId": 41, "publishedAt": "2026-01-05T09:30:00+00:00" } } }
          }
        }
        """;
}
