using Grpc.Reflection.V1Alpha;
using ParticipationRegistry.Tests.Infrastructure;

namespace ParticipationRegistry.Tests.Hosting;

public sealed class ReflectionTests
{
    [Fact]
    public async Task Reflection_lists_the_registry_services()
    {
        await using var registry = await TestRegistry.StartAsync();
        var reflection = new ServerReflection.ServerReflectionClient(registry.Channel);

        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("participation.registry.v1.StakeholderService", services);
        Assert.Contains("participation.registry.v1.MeetingService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task Reflection_describes_the_meeting_service()
    {
        await using var registry = await TestRegistry.StartAsync();
        var reflection = new ServerReflection.ServerReflectionClient(registry.Channel);

        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "participation.registry.v1.MeetingService" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto
            .Select(bytes => Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(bytes))
            .ToList();

        Assert.Contains(files, f => f.Name == "participation/registry/v1/meeting_service.proto");
    }
}
