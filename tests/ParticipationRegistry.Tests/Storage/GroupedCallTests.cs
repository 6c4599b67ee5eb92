using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Stakeholders.StakeholderData;

namespace ParticipationRegistry.Tests.Storage;

/// <summary>gRPC writes through the group-commit writer: many at once, and refusals inside one group.</summary>
public sealed class GroupedCallTests
{
    [Fact]
    public async Task Concurrent_creates_from_many_tasks_all_commit_and_are_all_readable()
    {
        await using var registry = await TestRegistry.StartAsync();

        var created = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => registry.Stakeholders.CreateStakeholderAsync(
            new CreateStakeholderRequest { Stakeholder = Person($"Concurrent {i:D3}"), RequestId = Guid.NewGuid().ToString() }).ResponseAsync)));

        Assert.Equal(200, created.Select(s => s.Name).Distinct().Count());
        foreach (var stakeholder in created)
        {
            Assert.Equal(stakeholder.DisplayName, (await registry.Stakeholders.GetFullAsync(stakeholder.Name)).DisplayName);
        }
    }

    [Fact]
    public async Task In_one_group_a_stale_etag_and_a_taken_id_fail_alone_and_the_others_commit()
    {
        await using var registry = await TestRegistry.StartAsync();
        var person = await registry.Stakeholders.CreateAsync("Grouped Person");
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "taken", Meeting = new Meeting { DisplayName = "Taken" } });
        var database = registry.App.Services.GetRequiredService<Database>();
        using var hold = await WriterHold.StartAsync(database);

        var creates = Enumerable.Range(0, 10).Select(i => registry.Stakeholders.CreateAsync($"Grouped {i}")).ToList();
        var updates = Enumerable.Range(1, 2).Select(i => registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = person.Name, Etag = person.Etag, DisplayName = $"Rename {i}" },
            UpdateMask = Mask("display_name"),
        }).ResponseAsync).ToList();
        var duplicate = registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "taken", Meeting = new Meeting { DisplayName = "Again" } }).ResponseAsync;
        // All 13 wait behind the held write, so they run in its group when it ends.
        await GroupCommitTests.WaitUntilQueuedAsync(database, 13);
        hold.Release();
        await hold.Held;

        var people = await Task.WhenAll(creates);
        var duplicateFailure = await Assert.ThrowsAsync<RpcException>(() => duplicate);
        var outcomes = await Task.WhenAll(updates.Select(async update =>
        {
            try
            {
                return (await update).DisplayName;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Aborted)
            {
                return "aborted";
            }
        }));
        Assert.Equal(StatusCode.AlreadyExists, duplicateFailure.StatusCode);
        Assert.Single(outcomes, o => o == "aborted");
        var renamed = Assert.Single(outcomes, o => o != "aborted");
        Assert.Equal(renamed, (await registry.Stakeholders.GetFullAsync(person.Name)).DisplayName);
        foreach (var created in people)
        {
            Assert.Equal(created.DisplayName, (await registry.Stakeholders.GetFullAsync(created.Name)).DisplayName);
        }

        Assert.Equal("Taken", (await registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = "meetings/taken" })).DisplayName);
    }
}
