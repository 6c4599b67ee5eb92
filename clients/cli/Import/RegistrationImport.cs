using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.Client;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Import;

/// <summary>
/// <c>registry import registrations FILE.csv --meeting M</c>: one person per row (the stakeholder columns
/// plus <c>attendance</c>). People are created as needed; someone already registered to the meeting is not
/// registered again; the same person twice in the file is a bad row (one registration per person).
/// </summary>
public static class RegistrationImport
{
    public static readonly string[] Fields = ["name", .. PersonFields.Fields, "attendance"];

    public static async Task<int> RunAsync(ImportRun run)
    {
        var client = run.Invocation.Client;
        var meeting = (await client.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = Names.Meeting(run.Settings.Meeting) }, cancellationToken: run.Cancellation)).Name;
        var rows = new List<(int Line, Stakeholder Person, Attendance Attendance)>();
        foreach (var row in run.Read(Fields, ["name"]))
        {
            var problems = new List<string>();
            var person = PersonFields.Parse(row, "name", problems);
            var attendance = PersonFields.Optional<Attendance>(row, "attendance", problems);
            if (person is null || problems.Count > 0)
            {
                run.Bad.Add(row.Line, problems);
                continue;
            }

            rows.Add((row.Line, person, attendance));
        }

        var registered = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var registration in Pages.All(new ListRegistrationsRequest { Parent = meeting, PageSize = 1000 }, client.Meetings.ListRegistrationsAsync, r => r.Registrations, run.Cancellation))
        {
            registered.Add(registration.Stakeholder);
        }

        var people = new PeopleIndex(run.Settings.Match);
        await people.LoadAsync(client, run.Cancellation);
        var refs = new Dictionary<int, PersonRef>();
        var linesOf = new Dictionary<int, List<int>>();
        var firstLine = new Dictionary<PersonRef, int>();
        foreach (var (line, person, _) in rows)
        {
            var match = people.FindOrAdd(person, line);
            if (firstLine.TryGetValue(match, out var first))
            {
                run.Bad.Add(line, $"{person.DisplayName} is registered already on line {first} (one registration per person and meeting)");
                continue;
            }

            firstLine[match] = line;
            refs[line] = match;
            if (match.IsNew)
            {
                linesOf[match.Pending] = [line];
            }
        }

        int peopleCreated = 0, created = 0, already = 0, toCreateCount = 0;
        async Task Write(Spectre.Console.ProgressContext? progress)
        {
            var peopleTask = progress?.AddTask("people", maxValue: Math.Max(1, people.Pending.Count));
            var registrationTask = progress?.AddTask("registrations", maxValue: 1);
            string?[] newNames = [];
            if (!run.Settings.DryRun && people.Pending.Count > 0)
            {
                newNames = await run.CreatePeopleAsync(people, linesOf, peopleTask);
                peopleCreated = newNames.Count(n => n is not null);
            }

            peopleTask.Complete();
            var toCreate = new List<(int Line, CreateRegistrationRequest Item)>();
            foreach (var (line, _, attendance) in rows.Where(r => refs.ContainsKey(r.Line) && !run.Bad.Contains(r.Line)))
            {
                var person = refs[line];
                var stakeholder = person.IsNew ? (run.Settings.DryRun ? $"(new {person.Pending})" : newNames[person.Pending]) : person.Name;
                if (stakeholder is null)
                {
                    continue;
                }

                if (registered.Contains(stakeholder))
                {
                    already++;
                    continue;
                }

                toCreate.Add((line, new CreateRegistrationRequest { Parent = meeting, Registration = new Registration { Stakeholder = stakeholder, Attendance = attendance } }));
            }

            toCreateCount = toCreate.Count;
            if (registrationTask is not null)
            {
                registrationTask.MaxValue = Math.Max(1, toCreate.Count);
            }

            if (!run.Settings.DryRun && toCreate.Count > 0)
            {
                var results = await Batches.SendAsync(
                    toCreate, r => [r.Line], "registration",
                    async (chunk, cancellation) =>
                    {
                        var request = new BatchCreateRegistrationsRequest
                        {
                            Parent = meeting,
                            Requests = { chunk.Select(r => r.Item) },
                            RequestId = Batches.RequestId("registrations", run.Settings.File, chunk.Select(r => (r.Line, (Google.Protobuf.IMessage)r.Item))),
                        };
                        return (IReadOnlyList<Registration>)(await client.Meetings.BatchCreateRegistrationsAsync(request, cancellationToken: cancellation)).Registrations;
                    },
                    run.Bad, registrationTask, run.Cancellation);
                created = results.Count(r => r is not null);
            }

            registrationTask.Complete();
        }

        if (run.Settings.DryRun)
        {
            await Write(null);
            run.Summary.Add($"Would create {people.Pending.Count} person(s) and {toCreateCount} registration(s); {already} registration(s) are already there.");
        }
        else
        {
            await run.WithProgressAsync(Write);
            run.Summary.Add($"Created {peopleCreated} person(s) and {created} registration(s); {already} registration(s) were already there.");
        }

        return await run.FinishAsync();
    }
}
