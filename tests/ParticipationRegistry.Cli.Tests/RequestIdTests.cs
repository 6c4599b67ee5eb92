using Google.Protobuf;
using ParticipationRegistry.Cli.Import;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Tests;

/// <summary>
/// <see cref="Batches.RequestId"/>: a batch's request id comes from the kind of batch, the file's name and each row's
/// line and item, so that the same batch sent again (a re-run, a retry) carries the same id and nothing else does.
/// </summary>
public sealed class RequestIdTests
{
    private static CreateSessionRequest Item(string id, string title = "Quo Vadis IGF") =>
        new() { Parent = "meetings/igf-2012", SessionId = id, Session = new Session { DisplayName = title, Kind = SessionKind.Workshop } };

    private static string Id(string file, params (int Line, IMessage Item)[] rows) => Batches.RequestId("sessions", file, rows);

    [Fact]
    public void The_same_rows_of_the_same_file_give_the_same_uuid()
    {
        var first = Id("/data/programme.csv", (2, Item("ws-85")), (3, Item("ws-86")));
        var again = Id("/data/programme.csv", (2, Item("ws-85")), (3, Item("ws-86")));

        Assert.Equal(first, again);
        Assert.True(Guid.TryParseExact(first, "D", out var guid), first);
        Assert.Equal(8, guid.Version);
        // The folder is not part of it: the same export saved elsewhere and run again is the same batch.
        Assert.Equal(first, Id("/home/secretariat/Downloads/programme.csv", (2, Item("ws-85")), (3, Item("ws-86"))));
    }

    [Fact]
    public void Another_line_file_name_item_kind_or_set_of_rows_gives_another_id()
    {
        var first = Id("programme.csv", (2, Item("ws-85")), (3, Item("ws-86")));

        string[] others =
        [
            Id("programme.csv", (2, Item("ws-85")), (4, Item("ws-86"))),
            Id("programme-2.csv", (2, Item("ws-85")), (3, Item("ws-86"))),
            Id("programme.csv", (2, Item("ws-85")), (3, Item("ws-86", "Quo Vadis IGF?"))),
            Id("programme.csv", (2, Item("ws-85")), (3, Item("ws-87"))),
            Id("programme.csv", (2, Item("ws-85"))),
            Id("programme.csv", (3, Item("ws-86")), (2, Item("ws-85"))),
            Batches.RequestId("seats", "programme.csv", [(2, Item("ws-85")), (3, Item("ws-86"))]),
        ];

        Assert.All(others, other => Assert.NotEqual(first, other));
        Assert.Equal(others.Length, others.Distinct().Count());
    }
}
