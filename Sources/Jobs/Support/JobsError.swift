/// Everything that can go wrong in the Jobs module. Each description names the file or value
/// involved and says what to do.
public enum JobsError: Error, CustomStringConvertible, Equatable, Sendable {
    case noHomeFolder
    case cannotCreateFolder(path: String, reason: String)
    case historyUnreadable(path: String, reason: String)
    case historyLockFailed(path: String, reason: String)
    case historyEncodingFailed(path: String, reason: String)
    case invalidLatentShape(shape: [Int], count: Int, reason: String)
    case nonFiniteLatent(channel: Int, x: Int, y: Int)
    case invalidLatentFactors(reason: String)
    case invalidPreviewSize(width: Int, height: Int)
    case workerEndedWithoutResult(job: Int)
    case previewDecoderMissing(PreviewDecoderKind)

    public var description: String {
        switch self {
        case .noHomeFolder:
            return "cannot find the output folder: neither XDG_DATA_HOME nor HOME is set to an absolute path; "
                + "set one of them or pass an output folder explicitly"
        case let .cannotCreateFolder(path, reason):
            return "cannot create the folder \(path): \(reason); check the parent folder exists and is writable"
        case let .historyUnreadable(path, reason):
            return "cannot read the history file \(path): \(reason); check its permissions"
        case let .historyLockFailed(path, reason):
            return "cannot lock \(path) to update the history: \(reason); check the folder is writable"
        case let .historyEncodingFailed(path, reason):
            return "cannot write an entry to the history file \(path): \(reason)"
        case let .invalidLatentShape(shape, count, reason):
            return "latent of shape \(shape) with \(count) values cannot be previewed: \(reason); "
                + "pass a [1, 4, height, width] latent"
        case let .nonFiniteLatent(channel, x, y):
            return "the latent holds NaN or infinity at channel \(channel), x \(x), y \(y); "
                + "no preview was made (the sampler diverged: try other settings)"
        case let .invalidLatentFactors(reason):
            return "invalid latent-to-RGB factors: \(reason); give one row of 3 numbers per latent channel and 3 bias values"
        case let .previewDecoderMissing(decoder):
            return "\(decoder) previews were asked for, but no \(decoder) weights are loaded; pass them with --tae"
        case let .invalidPreviewSize(width, height):
            return "preview size \(width)x\(height) is invalid; both sides must be at least 1"
        case let .workerEndedWithoutResult(job):
            return "job \(job) ended without reporting a result; this is a bug in the runner, please report it"
        }
    }
}
