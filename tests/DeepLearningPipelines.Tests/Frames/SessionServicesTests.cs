using DeepLearningPipelines.Frames;

namespace DeepLearningPipelines.Tests.Frames;

/// <summary>A session's services: one per type and session, disposed with the session; new sessions are independent.</summary>
public class SessionServicesTests
{
    private sealed class Probe : IDisposable
    {
        public bool Disposed { get; private set; }
        public void Dispose() => Disposed = true;
    }

    [Fact]
    public void EachSessionMakesItsServiceOnceAndDisposesIt()
    {
        var session = DlpSession.Builder().NewSession();
        int made = 0;
        var probe = session.Services.GetOrAdd(() => { made++; return new Probe(); });
        Assert.Same(probe, session.Services.GetOrAdd(() => { made++; return new Probe(); }));
        Assert.Equal(1, made);
        using (var other = DlpSession.Builder().NewSession())
            Assert.NotSame(probe, other.Services.GetOrAdd(() => new Probe()));

        session.Dispose();
        Assert.True(probe.Disposed);
        Assert.Throws<ObjectDisposedException>(() => session.Services.GetOrAdd(() => new Probe()));
    }

    [Fact]
    public void NewSessionLeavesTheActiveSessionAlone()
    {
        using var session = DlpSession.Builder().Master("local[3]").NewSession();
        Assert.Equal(3, session.Parallelism);
        Assert.NotSame(session, DlpSession.Active);
    }
}
