using System.Runtime.CompilerServices;
using Google.Protobuf;
using Grpc.Core;

namespace ParticipationRegistry.Client;

/// <summary>Follows <c>next_page_token</c> through every page of a List call.</summary>
public static class Pages
{
    /// <summary>
    /// Every item of every page: <paramref name="request"/> (its <c>page_token</c> set per page) is
    /// sent through <paramref name="list"/> until a response's <c>next_page_token</c> is empty.
    /// </summary>
    /// <example><c>Pages.All(new ListStakeholdersRequest(), client.Stakeholders.ListStakeholdersAsync, r => r.Stakeholders)</c></example>
    public static async IAsyncEnumerable<TItem> All<TRequest, TResponse, TItem>(
        TRequest request,
        Func<TRequest, CallOptions, AsyncUnaryCall<TResponse>> list,
        Func<TResponse, IEnumerable<TItem>> items,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(items);
        var pageToken = Field(request.Descriptor, "page_token");
        var page = request.Clone();
        while (true)
        {
            var response = await list(page, new CallOptions(cancellationToken: cancellationToken)).ResponseAsync.ConfigureAwait(false);
            foreach (var item in items(response))
            {
                yield return item;
            }

            var next = (string)Field(response.Descriptor, "next_page_token").Accessor.GetValue(response);
            if (next.Length == 0)
            {
                yield break;
            }

            pageToken.Accessor.SetValue(page, next);
        }
    }

    private static Google.Protobuf.Reflection.FieldDescriptor Field(Google.Protobuf.Reflection.MessageDescriptor message, string name) =>
        message.FindFieldByName(name) ?? throw new ArgumentException($"{message.FullName} has no {name}: not a List message.");
}
