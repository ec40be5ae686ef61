using System.Data.Common;
using Dapper;
using Serviceloven.Server.Tests.Providers;
using Serviceloven.Store.ApiClients;
using Serviceloven.Store.Audit;
using Serviceloven.Store.Database;
using Serviceloven.Store.Letters;
using Serviceloven.Store.Migrations;

namespace Serviceloven.Server.Tests.Letters;

/// <summary>
/// The letterheads in the store, on a real database of each provider: every save a new revision that the database
/// itself keeps as written, one default, an audit entry naming who changed which fields, and an API key's letterhead.
/// </summary>
public abstract class LetterheadStoreTests : IDisposable
{
    private readonly TestDatabase _test;
    private readonly StoreDatabase _database;
    private readonly AuditLog _audit;
    private readonly LetterheadRepository _letterheads;

    protected LetterheadStoreTests(string provider)
    {
        _test = TestDatabase.Create(provider);
        _database = _test.Open();
        new MigrationRunner(_database).Apply();
        _audit = new AuditLog(_database, TimeProvider.System);
        _letterheads = new LetterheadRepository(_database, _audit, TimeProvider.System);
    }

    public void Dispose()
    {
        _database.Dispose();
        _test.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void Each_change_is_a_new_revision_and_saving_the_same_letterhead_again_writes_nothing()
    {
        Assert.True(_letterheads.Save(TestLetterheads.Aadal(), "anna"));
        Assert.False(_letterheads.Save(TestLetterheads.Aadal(), "anna"));
        Assert.True(_letterheads.Save(TestLetterheads.Aadal() with { SigningUnit = "Voksenhandicap" }, "bo"));

        var revisions = _letterheads.All();
        Assert.Equal(2, revisions.Count);
        Assert.Equal(["anna", "bo"], revisions.Select(r => r.CreatedBy));
        var latest = Assert.Single(_letterheads.Latest());
        Assert.Equal("Voksenhandicap", latest.Content().SigningUnit);
        Assert.Equal(TestLetterheads.Aadal().Logo, latest.Content().Logo);

        var entries = _audit.Query(new AuditFilter(Action: LetterheadRepository.SaveAction));
        var change = Assert.Single(entries, e => e.Actor == "bo");
        Assert.Equal("letterhead:aadal", change.Entity);
        Assert.Equal(revisions[0].ContentHash, change.BeforeHash);
        Assert.Equal(revisions[1].ContentHash, change.AfterHash);
        Assert.Contains("underskrivende enhed", change.Detail);
    }

    [Fact]
    public void A_saved_revision_cannot_be_updated_or_deleted_in_the_database()
    {
        _letterheads.Save(TestLetterheads.Aadal(), "anna");
        using var c = _database.Open();
        var update = Assert.ThrowsAny<DbException>(() => c.Execute("UPDATE letterhead_revisions SET content_json = '{}'"));
        Assert.Contains("kan ikke ændres", update.Message);
        var delete = Assert.ThrowsAny<DbException>(() => c.Execute("DELETE FROM letterhead_revisions"));
        Assert.Contains("kan ikke slettes", delete.Message);
        Assert.Equal(1, c.ExecuteScalar<long>("SELECT COUNT(*) FROM letterhead_revisions"));
    }

    [Fact]
    public void Making_one_letterhead_the_default_writes_a_revision_of_the_old_default_without_the_flag()
    {
        _letterheads.Save(TestLetterheads.Aadal(), "anna");
        _letterheads.Save(TestLetterheads.Fjordby() with { IsDefault = true }, "anna");

        var latest = _letterheads.Latest().ToDictionary(r => r.Key, r => r.Content());
        Assert.False(latest["aadal"].IsDefault);
        Assert.True(latest["fjordby"].IsDefault);
        Assert.Equal(3, _letterheads.All().Count);
        Assert.Contains(_audit.Query(new AuditFilter(Action: LetterheadRepository.SaveAction)),
            e => e.Entity == "letterhead:aadal" && e.Detail!.Contains("ikke længere standard"));
    }

    [Fact]
    public void An_api_key_is_given_a_letterhead_that_exists_and_the_change_is_audited()
    {
        _letterheads.Save(TestLetterheads.Fjordby(), "anna");
        var clients = new ApiClientRepository(_database, _audit, TimeProvider.System);
        var (client, key) = clients.Create("Fjordby sagssystem", "anna");

        Assert.Throws<ArgumentException>(() => _letterheads.SetApiClientLetterhead(client.Id, "findes-ikke", "anna"));
        _letterheads.SetApiClientLetterhead(client.Id, "fjordby", "anna");

        Assert.Equal("fjordby", clients.ActiveClients()[ApiClientRepository.Hash(key)].LetterheadKey);
        Assert.Contains(_audit.Query(new AuditFilter(Action: LetterheadRepository.ApiClientAction)),
            e => e.Actor == "anna" && e.Detail!.Contains("brevhovedet 'fjordby'"));
        _letterheads.SetApiClientLetterhead(client.Id, null, "anna");
        Assert.Null(clients.ActiveClients()[ApiClientRepository.Hash(key)].LetterheadKey);
    }

    [Fact]
    public void A_letterhead_with_problems_is_not_saved()
    {
        var ex = Assert.Throws<ArgumentException>(() => _letterheads.Save(TestLetterheads.Fjordby() with { Key = "Fjord By", ComplaintAddress = [] }, "anna"));
        Assert.Contains("Nøglen", ex.Message);
        Assert.Contains("klager", ex.Message);
        Assert.Empty(_letterheads.All());
    }
}

public sealed class SqliteLetterheadStoreTests() : LetterheadStoreTests(TestDatabase.Sqlite);

[Trait("Provider", "postgres")]
public sealed class PostgresLetterheadStoreTests() : LetterheadStoreTests(TestDatabase.Postgres);
