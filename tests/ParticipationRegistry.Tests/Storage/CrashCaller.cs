using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Storage;

/// <summary>A person one caller created and alone writes to: its last acknowledged etag and affiliation.</summary>
internal sealed class TrackedPerson(string name, string displayName, string etag)
{
    public string Name { get; } = name;
    public string DisplayName { get; } = displayName;
    public string Etag { get; set; } = etag;
    public string Affiliation { get; set; } = "";
    public bool Seated { get; set; }
    public bool Deleted { get; set; }
}

/// <summary>People an acknowledged BatchCreateStakeholders made: seated together by one BatchCreateParticipants.</summary>
internal sealed class TrackedBatch(List<TrackedPerson> people)
{
    public List<TrackedPerson> People { get; } = people;
    public bool Seated { get; set; }
}

internal enum WriteKind { Create, Update, Delete, BatchCreate, Seat, SeatBatch }

/// <summary>A write sent and not answered when the server died. Creates keep their request (with its id) to be replayed.</summary>
internal sealed record PendingWrite(WriteKind Kind, Google.Protobuf.IMessage Request, TrackedPerson? Person = null, TrackedBatch? Batch = null, string Value = "");

/// <summary>
/// One of the crash test's callers: creates (with request ids), etag updates, deletes, batch creates, seats and seat
/// batches on its own people, one at a time, so it has at most one write in flight when the server is killed.
/// </summary>
internal sealed class CrashCaller(int index, int seed)
{
    public const string Session = "meetings/crash/sessions/main";
    private readonly Random random = new(seed);
    private int sequence;

    public int Index { get; } = index;
    public List<TrackedPerson> People { get; } = [];
    public List<TrackedBatch> Batches { get; } = [];
    public List<string> Seats { get; } = [];
    public PendingWrite? Pending { get; set; }

    /// <summary>Writes until <paramref name="stop"/> is set; a write failing after that is left <see cref="Pending"/>.</summary>
    public async Task RunAsync(
        StakeholderService.StakeholderServiceClient people, MeetingService.MeetingServiceClient meetings, Func<bool> stop, Action acknowledged, Action<string> fault)
    {
        while (!stop())
        {
            var write = Next();
            Pending = write;
            try
            {
                await SendAsync(people, meetings, write);
                Pending = null;
                acknowledged();
            }
            catch (RpcException e)
            {
                if (!stop())
                {
                    fault($"caller {Index}: {write.Kind} failed before the kill: {e.Status}");
                }

                return;
            }
        }
    }

    /// <summary>Sends <paramref name="write"/> and records its acknowledgement.</summary>
    public async Task SendAsync(StakeholderService.StakeholderServiceClient people, MeetingService.MeetingServiceClient meetings, PendingWrite write)
    {
        switch (write.Kind)
        {
            case WriteKind.Create:
                var created = await people.CreateStakeholderAsync((CreateStakeholderRequest)write.Request);
                People.Add(new TrackedPerson(created.Name, created.DisplayName, created.Etag));
                break;
            case WriteKind.BatchCreate:
                var batch = await people.BatchCreateStakeholdersAsync((BatchCreateStakeholdersRequest)write.Request);
                Batches.Add(new TrackedBatch(batch.Stakeholders.Select(s => new TrackedPerson(s.Name, s.DisplayName, s.Etag)).ToList()));
                break;
            case WriteKind.Update:
                var updated = await people.UpdateStakeholderAsync((UpdateStakeholderRequest)write.Request);
                write.Person!.Etag = updated.Etag;
                write.Person.Affiliation = updated.Affiliation;
                break;
            case WriteKind.Delete:
                await people.DeleteStakeholderAsync((DeleteStakeholderRequest)write.Request);
                write.Person!.Deleted = true;
                break;
            case WriteKind.Seat:
                var seat = await meetings.CreateParticipantAsync((CreateParticipantRequest)write.Request);
                write.Person!.Seated = true;
                Seats.Add(seat.Name);
                break;
            case WriteKind.SeatBatch:
                var seats = await meetings.BatchCreateParticipantsAsync((BatchCreateParticipantsRequest)write.Request);
                write.Batch!.Seated = true;
                Seats.AddRange(seats.Participants.Select(p => p.Name));
                break;
        }
    }

    private PendingWrite Next()
    {
        var live = People.Where(p => !p.Deleted).ToList();
        var unseated = live.Where(p => !p.Seated).ToList();
        var batches = Batches.Where(b => !b.Seated).ToList();
        var roll = random.Next(100);
        var name = $"Crash c{Index} w{sequence++} {Guid.NewGuid():N}";
        if (roll < 25 && live.Count > 0)
        {
            var person = live[random.Next(live.Count)];
            var value = $"Affiliation {name}";
            return new PendingWrite(WriteKind.Update, new UpdateStakeholderRequest
            {
                Stakeholder = new Stakeholder { Name = person.Name, Etag = person.Etag, Affiliation = value },
                UpdateMask = new FieldMask { Paths = { "affiliation" } },
            }, person, Value: value);
        }

        if (roll < 35 && unseated.Count > 0)
        {
            var person = unseated[random.Next(unseated.Count)];
            return new PendingWrite(WriteKind.Delete, new DeleteStakeholderRequest { Name = person.Name, Etag = person.Etag }, person);
        }

        if (roll < 50)
        {
            return new PendingWrite(WriteKind.BatchCreate, new BatchCreateStakeholdersRequest
            {
                RequestId = Guid.NewGuid().ToString(),
                Requests = { Enumerable.Range(0, 3).Select(i => new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = $"{name} item {i}" } }) },
            });
        }

        if (roll < 60 && unseated.Count > 0)
        {
            var person = unseated[random.Next(unseated.Count)];
            return new PendingWrite(WriteKind.Seat, SeatRequest(person, Session, Guid.NewGuid().ToString()), person);
        }

        if (roll < 70 && batches.Count > 0)
        {
            var group = batches[random.Next(batches.Count)];
            return new PendingWrite(WriteKind.SeatBatch, new BatchCreateParticipantsRequest
            {
                Parent = Session, RequestId = Guid.NewGuid().ToString(), Requests = { group.People.Select(p => SeatRequest(p, "", "")) },
            }, Batch: group);
        }

        return new PendingWrite(WriteKind.Create, new CreateStakeholderRequest { RequestId = Guid.NewGuid().ToString(), Stakeholder = new Stakeholder { DisplayName = name } });
    }

    private static CreateParticipantRequest SeatRequest(TrackedPerson person, string parent, string requestId) => new()
    {
        Parent = parent, RequestId = requestId,
        Participant = new Participant { Stakeholder = person.Name, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed },
    };
}
