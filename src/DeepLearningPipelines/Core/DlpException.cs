namespace DeepLearningPipelines.Core;

/// <summary>Base of every error this library raises on purpose; the message says what was wrong and where.</summary>
public class DlpException : Exception
{
    public DlpException(string message) : base(message) { }
    public DlpException(string message, Exception? inner) : base(message, inner) { }
}

/// <summary>A column is missing, has the wrong type, or a schema does not fit the operation.</summary>
public sealed class SchemaException(string message) : DlpException(message);

/// <summary>Input data (a CSV row, an image, a value) is malformed; the message names the file, line or column.</summary>
public sealed class DataFormatException(string message, Exception? inner = null) : DlpException(message, inner);

/// <summary>A parameter value is invalid for the stage that holds it.</summary>
public sealed class ParamException(string message) : DlpException(message);

/// <summary>A saved stage or model folder is missing, corrupt or of the wrong kind.</summary>
public sealed class PersistenceException(string message, Exception? inner = null) : DlpException(message, inner);

/// <summary>A neural-network model file or graph is malformed or uses something this runtime does not support.</summary>
public sealed class ModelFormatException(string message, Exception? inner = null) : DlpException(message, inner);
