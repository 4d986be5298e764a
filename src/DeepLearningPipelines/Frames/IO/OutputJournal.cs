using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Frames.Plans;

namespace DeepLearningPipelines.Frames.IO;

/// <summary>
/// The record of a resumable output job, kept in the job's working folder under <c>_journal/</c>: a header naming the
/// job (a fingerprint of what it writes, its partition count and the tag of its part file names) and one marker per
/// committed partition listing the files it wrote. A partition's files are written in a staging folder, moved into
/// the working folder, and only then recorded (the marker is written atomically), so a killed job leaves whole,
/// recorded partitions; running the job again skips them. Partition ids are global and a marker names one
/// partition, so several processes (MPI ranks) may commit into one journal on shared storage.
/// </summary>
internal sealed class OutputJournal
{
    /// <summary>The journal's folder inside the working folder; not part of the output.</summary>
    public const string JournalFolder = "_journal";

    private const string HeaderName = "job.json";
    private readonly Dictionary<int, CommittedPartition> _committed;

    private OutputJournal(string folder, Header header, Dictionary<int, CommittedPartition> committed)
    {
        Folder = folder;
        Tag = header.Tag;
        Partitions = header.Partitions;
        _committed = committed;
    }

    /// <summary>The working folder: committed part files, plus <see cref="JournalFolder"/>.</summary>
    public string Folder { get; }

    /// <summary>A name part fixed for the job's life (kept across resumes), unique to the job: part files carry it.</summary>
    public string Tag { get; }

    /// <summary>How many partitions the job writes.</summary>
    public int Partitions { get; }

    /// <summary>The partitions committed when the journal was opened, or by this process since.</summary>
    public IReadOnlyCollection<CommittedPartition> Committed
    {
        get { lock (_committed) return _committed.Values.OrderBy(c => c.Partition).ToList(); }
    }

    /// <summary>
    /// Opens the journal in <paramref name="folder"/> (created when missing). With <paramref name="resume"/>, a
    /// journal left by an interrupted run of the same job (same <paramref name="fingerprint"/>) is continued, and
    /// one of a different job is refused, naming <paramref name="restartHint"/> (how the caller discards it);
    /// without, any earlier content of the folder is deleted first.
    /// </summary>
    public static OutputJournal Open(string folder, string fingerprint, int partitions, bool resume, string restartHint)
    {
        folder = Path.GetFullPath(folder);
        if (!resume) AtomicFile.TryDelete(folder);
        var journal = Path.Combine(folder, JournalFolder);
        try { Directory.CreateDirectory(journal); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DlpException($"Cannot create the job folder {folder}: {AtomicFile.Reason(folder, e)}", e);
        }
        var header = ReadOrCreateHeader(Path.Combine(journal, HeaderName), new Header(fingerprint, partitions, Guid.NewGuid().ToString("N")[..8]));
        var committed = ReadMarkers(journal);
        if (header.Fingerprint != fingerprint || header.Partitions != partitions)
            throw new DlpException(
                $"{folder} holds an unfinished write of a different job ({committed.Count} of {header.Partitions} partitions committed; " +
                $"its plan, input files or options differ from this one's). Run the original job again to finish it, or {restartHint} to discard it and start over.");
        return new OutputJournal(folder, header, committed);
    }

    /// <summary>
    /// Opens the journal another process opened (<see cref="Open"/>) in <paramref name="folder"/>, as it is now: the
    /// processes of one job (MPI ranks) share it, each committing its own partitions.
    /// </summary>
    public static OutputJournal Attach(string folder)
    {
        folder = Path.GetFullPath(folder);
        var journal = Path.Combine(folder, JournalFolder);
        var headerPath = Path.Combine(journal, HeaderName);
        if (!File.Exists(headerPath))
            throw new DlpException($"The job folder {folder} has no journal ({headerPath} is missing): it was removed while the job ran, or is not on storage every process shares.");
        return new OutputJournal(folder, ReadHeader(headerPath), ReadMarkers(journal));
    }

    /// <summary>Reads again the partitions committed so far, including those other processes committed since this one opened the journal.</summary>
    public void Refresh()
    {
        var markers = ReadMarkers(Path.Combine(Folder, JournalFolder));
        lock (_committed)
            foreach (var (partition, record) in markers) _committed[partition] = record;
    }

    /// <summary>
    /// What identifies a job writing <paramref name="frame"/>: its schema, its plan (every node's description and
    /// partition count), the files its source listed (path, length, modification time) and <paramref name="extra"/>
    /// (format, options); a SHA-256 in hex.
    /// </summary>
    public static string Fingerprint(DataFrame frame, params string[] extra)
    {
        var text = new StringBuilder().AppendLine(frame.Schema.SimpleString);
        void Describe(Plan plan, int depth)
        {
            text.Append(' ', depth).Append(plan.NumPartitions).Append(' ').AppendLine(plan.Describe());
            foreach (var input in plan.Inputs) Describe(input, depth + 1);
        }
        Describe(frame.Plan, 0);
        foreach (var file in frame.Metrics?.Files ?? [])
        {
            var info = new FileInfo(file);
            text.Append(file).Append('\t').Append(info.Exists ? info.Length : -1).Append('\t').Append(info.Exists ? info.LastWriteTimeUtc.Ticks : 0).AppendLine();
        }
        foreach (var part in extra) text.AppendLine(part);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>True when <paramref name="partition"/> was committed.</summary>
    public bool IsCommitted(int partition)
    {
        lock (_committed) return _committed.ContainsKey(partition);
    }

    /// <summary>
    /// Writes <paramref name="partition"/> through <paramref name="write"/>, which gets an empty staging folder, fills
    /// it and returns how many rows it wrote and the keys the caller wants kept (for example the inputs it read); its
    /// files then move into <see cref="Folder"/> (same relative paths) and the partition is recorded.
    /// </summary>
    public CommittedPartition Commit(int partition, Func<string, (long Rows, IReadOnlyList<string> Keys)> write)
    {
        if (partition < 0 || partition >= Partitions)
            throw new ArgumentOutOfRangeException(nameof(partition), $"Partition {partition} is outside the job's 0–{Partitions - 1}.");
        var staging = Path.Combine(Folder, JournalFolder, $"staging-{partition:D5}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var (rows, keys) = write(staging);
            var files = Directory.GetFiles(staging, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(staging, f)).Order(StringComparer.Ordinal).ToList();
            foreach (var file in files)
            {
                var destination = Path.Combine(Folder, file);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                File.Move(Path.Combine(staging, file), destination, overwrite: true);
            }
            var record = new CommittedPartition(partition, files, rows, keys);
            AtomicFile.WriteAllText(MarkerPath(Path.Combine(Folder, JournalFolder), partition), JsonSerializer.Serialize(record));
            lock (_committed) _committed[partition] = record;
            return record;
        }
        finally { AtomicFile.TryDelete(staging); }
    }

    /// <summary>
    /// Deletes what is not output once every partition is committed: the journal and any file no marker names (left by
    /// a run killed between writing and recording a partition).
    /// </summary>
    public void RemoveAllButOutput()
    {
        var kept = Committed.SelectMany(c => c.Files).Select(f => Path.Combine(Folder, f)).ToHashSet(StringComparer.Ordinal);
        AtomicFile.TryDelete(Path.Combine(Folder, JournalFolder));
        foreach (var file in Directory.GetFiles(Folder, "*", SearchOption.AllDirectories))
            if (!kept.Contains(file)) File.Delete(file);
    }

    /// <summary>Fails unless every partition is committed (the last check before the output is committed).</summary>
    public void RequireComplete()
    {
        var missing = Enumerable.Range(0, Partitions).Where(p => !IsCommitted(p)).ToList();
        if (missing.Count > 0)
            throw new DlpException($"The job in {Folder} is incomplete: partition(s) {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? ", …" : "")} were not committed.");
    }

    private static string MarkerPath(string journal, int partition) => Path.Combine(journal, $"partition-{partition:D5}.json");

    private static Header ReadOrCreateHeader(string path, Header fresh)
    {
        // Create-if-absent without a lock: the first process to move its header into place wins, the others read it.
        if (!File.Exists(path))
        {
            var temporary = AtomicFile.TemporarySibling(path);
            File.WriteAllText(temporary, JsonSerializer.Serialize(fresh));
            try { File.Move(temporary, path, overwrite: false); }
            catch (IOException) when (File.Exists(path)) { }
            finally { AtomicFile.TryDelete(temporary); }
        }
        return ReadHeader(path);
    }

    private static Header ReadHeader(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Header>(File.ReadAllText(path)) ?? throw new JsonException("empty header");
        }
        catch (JsonException e)
        {
            throw new DlpException($"The job journal {path} is corrupt ({e.Message}); delete {Path.GetDirectoryName(Path.GetDirectoryName(path))} to start over.", e);
        }
    }

    private static Dictionary<int, CommittedPartition> ReadMarkers(string journal)
    {
        var committed = new Dictionary<int, CommittedPartition>();
        foreach (var marker in Directory.GetFiles(journal, "partition-*.json"))
        {
            CommittedPartition? record;
            try { record = JsonSerializer.Deserialize<CommittedPartition>(File.ReadAllText(marker)); }
            catch (JsonException e) { throw new DlpException($"The job journal marker {marker} is corrupt ({e.Message}); delete it to redo that partition.", e); }
            if (record is not null) committed[record.Partition] = record;
        }
        return committed;
    }

    private sealed record Header(string Fingerprint, int Partitions, string Tag);
}

/// <summary>A partition a job committed: its files (relative to the working folder), rows, and the keys its writer kept.</summary>
internal sealed record CommittedPartition(int Partition, IReadOnlyList<string> Files, long Rows, IReadOnlyList<string> Keys);
