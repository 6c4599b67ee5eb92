using Grpc.Core;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Stakeholders.Duplicates;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>ListDuplicateCandidates and MarkNotDuplicate (editor, see AccessRules).</summary>
public sealed partial class StakeholderGrpcService
{
    public override Task<ListDuplicateCandidatesResponse> ListDuplicateCandidates(ListDuplicateCandidatesRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        if (double.IsNaN(request.MinConfidence) || request.MinConfidence is < 0 or > 1)
        {
            violations.Add("min_confidence", "From 0 to 1.");
        }

        var size = PageSize.Resolve(request.PageSize, violations);
        violations.ThrowIfAny();

        var services = context.GetHttpContext().RequestServices;
        var tokens = services.GetRequiredService<PageTokens>();
        var identity = new ListQueryIdentity("stakeholders:duplicateCandidates", "", request.MinConfidence.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "");
        var after = request.PageToken.Length > 0 ? tokens.Open(request.PageToken, identity) : null;
        // Every caller this method lets in is an editor or admin, with rights over everyone's personal
        // data; the check stays so that a wider rule could not show a shared email to anyone else.
        var mayKnowEmails = rights.Full(context.GetCaller());
        var (rank, a, b) = (-1, "", "");
        if (after is not null)
        {
            var parts = after.SortKey.Split('\u001f', 2);
            (rank, a, b) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1], after.Id);
        }

        var candidates = services.GetRequiredService<DuplicateFinder>().Page(MaxRank(request.MinConfidence), rank, a, b, mayKnowEmails, size + 1)
            .Select(c => mayKnowEmails ? c : WithoutEmail(c))
            .OfType<Candidate>()
            .ToList();
        var next = "";
        if (candidates.Count > size)
        {
            candidates.RemoveAt(size);
            next = tokens.Seal(CursorOf(candidates[^1]), identity);
        }

        return Task.FromResult(new ListDuplicateCandidatesResponse
        {
            Candidates =
            {
                candidates.Select(c => new DuplicateCandidate
                {
                    Stakeholders = { new StakeholderName(c.A).ToString(), new StakeholderName(c.B).ToString() },
                    Confidence = c.Confidence,
                    Reasons = { c.Reasons },
                }),
            },
            NextPageToken = next,
        });
    }

    // The order of the list as text: confidence descending (as 100 − hundredths), then the two ids.
    private static PageCursor CursorOf(Candidate c) =>
        new($"{DuplicatePairs.RankOf(c.Confidence):D3}\u001f{c.A}", c.B);

    /// <summary>The largest rank (100 − hundredths) of a confidence of at least <paramref name="min"/>, as the double comparison decides it.</summary>
    private static int MaxRank(double min)
    {
        var hundredths = (int)Math.Floor(min * 100);
        while (hundredths / 100.0 < min)
        {
            hundredths++;
        }

        while (hundredths > 0 && (hundredths - 1) / 100.0 >= min)
        {
            hundredths--;
        }

        return 100 - hundredths;
    }

    /// <summary>The candidate without its email reason, or null when the email was its only reason.</summary>
    private static Candidate? WithoutEmail(Candidate c)
    {
        if (!c.Reasons.Contains(DuplicateReason.SameEmail))
        {
            return c;
        }

        var reasons = c.Reasons.Where(r => r != DuplicateReason.SameEmail).ToList();
        return reasons.Any(r => r is DuplicateReason.SameNormalisedName or DuplicateReason.SameNameWords or DuplicateReason.NameEditDistance or DuplicateReason.NameTransposition)
            ? c with { Reasons = reasons }
            : null;
    }

    public override async Task<MarkNotDuplicateResponse> MarkNotDuplicate(MarkNotDuplicateRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var name = ResourceName.Check<StakeholderName>(request.Name, violations, "name");
        var other = ResourceName.Check<StakeholderName>(request.Other, violations, "other");
        if (name is not null && other is not null && name.StakeholderId == other.StakeholderId)
        {
            violations.Add("other", "Must be another person than `name`.");
        }

        violations.ThrowIfAny();
        await context.GetHttpContext().RequestServices.GetRequiredService<DuplicateFinder>().MarkNotDuplicateAsync(name!, other!);
        return new MarkNotDuplicateResponse();
    }
}
