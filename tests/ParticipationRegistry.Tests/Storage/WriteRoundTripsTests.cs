using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using Xunit.Abstractions;

namespace ParticipationRegistry.Tests.Storage;

/// <summary>
/// How many round trips the writer makes to PostgreSQL for one write of a person: each statement is one (Npgsql
/// reports each command or batch it sends as an activity of its "Npgsql" source), so a write's statements are sent
/// set-based and together. Counted, never timed.
/// </summary>
// Round trips exist only on PostgreSQL: on SQLite a statement is a call into the server's own process.
[Trait("Engine", "PostgresOnly")]
public sealed class WriteRoundTripsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_create_and_an_update_of_a_person_with_tokens_and_pairs_take_a_few_round_trips_not_one_per_statement()
    {
        await using var registry = await TestRegistry.StartAsync();
        var database = registry.App.Services.GetRequiredService<Database>();
        var writer = await database.Writer.WriteAsync((_, _) => Environment.CurrentManagedThreadId);

        // A block of people who pair with the next one (same first word and initial, same country): the write scores and stores pairs.
        for (var i = 0; i < 6; i++)
        {
            await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
            {
                Stakeholder = new Stakeholder { DisplayName = $"Ana Maria Lopes{i}", CountryCode = "PT", Affiliation = "Universidade de Lisboa" },
            });
        }

        var trips = 0;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = _ =>
            {
                // Only the writer's: other tests' servers run in this process too.
                if (Environment.CurrentManagedThreadId == writer)
                {
                    Interlocked.Increment(ref trips);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var created = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = "Ana Maria Lopez", CountryCode = "PT", Affiliation = "Universidade de Lisboa" },
            RequestId = Guid.NewGuid().ToString(),
        });
        var createTrips = Interlocked.Exchange(ref trips, 0);

        await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name, DisplayName = "Ana Maria Lopes", Etag = created.Etag },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "display_name" } },
        });
        var updateTrips = Interlocked.Exchange(ref trips, 0);
        output.WriteLine($"round trips of the writer: create {createTrips}, update {updateTrips}");

        // The write did store pairs: the count is not of a write that skipped them.
        var candidates = await registry.Stakeholders.ListDuplicateCandidatesAsync(new ListDuplicateCandidatesRequest { PageSize = 50 });
        Assert.Contains(candidates.Candidates, c => c.Stakeholders.Contains(created.Name));

        // Before the statements were sent together: 28 for the create (each token, each block read, each pair) and 32 for the update.
        Assert.InRange(createTrips, 1, 10);
        Assert.InRange(updateTrips, 1, 10);
    }
}
