import Foundation
import StableDiffusionXL

/// Owns the loaded models: loads each on first use and keeps it for the jobs after, so a queue of
/// jobs on the same models loads them once. When a job selects other models, the ones no longer
/// selected are let go before the new ones load, so two multi-gigabyte UNets are not held at once.
/// A refiner that the current job does not use stays loaded while it is still selected (switching
/// the refiner off and on again costs nothing).
///
/// The host also keeps the prompt embeddings of recent jobs by model and prompt texts
/// (`textConditioningSource(for:)`), so a job that changes only other settings skips the text
/// encoders; a model's embeddings go when the model goes. It keeps the last text-to-image base
/// stage too (`earlierBase(for:)`), so a job that changes only the refiner's settings runs the
/// refiner alone.
///
/// Loaded models stay within a memory budget (by default the machine's memory): each model's
/// footprint is the growth of the resident set while it loaded, and before a job's models load,
/// the least recently used models that job does not need are let go until the total fits.
///
/// A class with a lock rather than an actor: its one caller is the queue's worker thread, whose
/// synchronous code could only reach an actor by blocking on it.
public final class ModelHost: @unchecked Sendable {
    public enum Role: String, Hashable, Sendable {
        case base
        case refiner
    }

    /// Loads the model of `role` from `location`.
    public typealias Loader = @Sendable (_ role: Role, _ location: String) throws -> SDXLModel

    private struct Key: Hashable {
        var role: Role
        var location: String
    }

    private let loader: Loader
    private let lock = NSLock()
    private var models: [Key: SDXLModel] = [:]
    /// Bytes each loaded model added to the resident set, and when it was last used.
    private var footprints: [Key: Int] = [:]
    private var lastUse: [Key: Int] = [:]
    private var uses = 0
    /// What the loaded models may hold together, in bytes.
    public let memoryBudget: Int
    private var loads = 0
    private let embeddings: TextConditioningCache
    /// The last text-to-image base stage, by base model location.
    private var lastBase: (location: String, outcome: BaseStageOutcome)?

    /// - Parameters:
    ///   - embeddingCapacity: how many prompt embeddings (one stage's positive and negative) to keep.
    ///   - memoryBudget: bytes the loaded models may hold together (default: the machine's memory).
    public init(embeddingCapacity: Int = 16, memoryBudget: Int = ProcessMemory.physicalBytes, loader: @escaping Loader) {
        self.loader = loader
        self.memoryBudget = max(0, memoryBudget)
        embeddings = TextConditioningCache(capacity: embeddingCapacity)
    }

    /// A host whose models are already loaded: `pipeline`'s base and refiner, whatever a job's
    /// selection names (for the commands that load their models before the queue starts).
    public static func preloaded(_ pipeline: SDXLPipeline) -> ModelHost {
        ModelHost { role, location in
            switch role {
            case .base: return pipeline.base
            case .refiner:
                guard let refiner = pipeline.refiner else {
                    throw GenerationError.incompatibleComponents("no refiner model was loaded for \(location)")
                }
                return refiner
            }
        }
    }

    /// The pipeline for `selection`, with the refiner only when `withRefiner`.
    public func pipeline(for selection: ModelSelection, withRefiner: Bool) throws -> SDXLPipeline {
        lock.lock()
        defer { lock.unlock() }
        var selected: Set<Key> = [Key(role: .base, location: selection.base)]
        if let refiner = selection.refiner { selected.insert(Key(role: .refiner, location: refiner)) }
        for key in models.keys where !selected.contains(key) {
            models[key] = nil
            footprints[key] = nil
        }
        if lastBase?.location != selection.base { lastBase = nil }
        embeddings.removeAll { !selected.contains(Key(role: $0, location: $1)) }

        let baseKey = Key(role: .base, location: selection.base)
        var needed = [baseKey]
        if withRefiner {
            guard let refinerLocation = selection.refiner else {
                throw GenerationError.incompatibleComponents("the settings ask for the refiner, but no refiner model is selected")
            }
            needed.append(Key(role: .refiner, location: refinerLocation))
        }
        evict(toFit: 0, keeping: Set(needed))
        let loaded = try needed.map { try model($0, keeping: Set(needed)) }
        return SDXLPipeline(base: loaded[0], refiner: loaded.count > 1 ? loaded[1] : nil)
    }

    /// The base stage the last job on `selection`'s base model finished, if any: a job that
    /// changes only the refiner's settings continues from it.
    public func earlierBase(for selection: ModelSelection) -> BaseStageOutcome? {
        lock.lock()
        defer { lock.unlock() }
        return lastBase?.location == selection.base ? lastBase?.outcome : nil
    }

    /// Keeps `outcome` (replacing the one kept before).
    public func keepBase(_ outcome: BaseStageOutcome, for selection: ModelSelection) {
        lock.lock()
        lastBase = (selection.base, outcome)
        lock.unlock()
    }

    /// Lets go of every model (for example before a memory-hungry task).
    public func unloadAll() {
        lock.lock()
        models = [:]
        footprints = [:]
        lastBase = nil
        lock.unlock()
        embeddings.removeAll { _, _ in true }
    }

    /// Where `SDXLPipeline.run` gets the prompt embeddings of a generation on `selection`: from the
    /// host's cache when the same model encoded the same texts before, else from the model's text
    /// encoders (and then kept).
    public func textConditioningSource(for selection: ModelSelection) -> TextConditioningSource {
        let embeddings = self.embeddings
        return { stage, model, parameters in
            let role: Role = stage == .refiner ? .refiner : .base
            let location = role == .refiner ? selection.refiner ?? selection.base : selection.base
            let key = TextConditioningCache.Key(role: role, location: location,
                                                texts: TextConditioningKey(parameters))
            return try embeddings.conditioning(for: key) { try model.textConditioning(for: parameters) }
        }
    }

    /// How many times the text encoders ran for `textConditioningSource(for:)` (once per stage
    /// whose embeddings were not cached).
    public var textEncodingCount: Int { embeddings.encodingCount }

    /// How many stages' prompt embeddings are cached.
    public var cachedEmbeddingCount: Int { embeddings.count }

    /// The models held now, as (role, location).
    public var loadedModels: [(role: Role, location: String)] {
        lock.lock()
        defer { lock.unlock() }
        return models.keys.map { ($0.role, $0.location) }.sorted { ($0.role.rawValue, $0.location) < ($1.role.rawValue, $1.location) }
    }

    /// How many times the loader ran.
    public var loadCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return loads
    }

    /// The resident-set growth measured while each loaded model loaded, as (role, location, bytes).
    public var modelFootprints: [(role: Role, location: String, bytes: Int)] {
        lock.lock()
        defer { lock.unlock() }
        return footprints.map { ($0.key.role, $0.key.location, $0.value) }
            .sorted { ($0.role.rawValue, $0.location) < ($1.role.rawValue, $1.location) }
    }

    /// The model for `key`, loading it when needed; before and after a load, models outside
    /// `keeping` are let go (least recently used first) while the total exceeds the budget.
    private func model(_ key: Key, keeping: Set<Key>) throws -> SDXLModel {
        uses += 1
        lastUse[key] = uses
        if let model = models[key] { return model }
        // A model of the same role loaded before is the best guess of what this one will take.
        let expected = footprints.filter { $0.key.role == key.role }.map(\.value).max() ?? 0
        evict(toFit: expected, keeping: keeping)
        let before = ProcessMemory.residentBytes
        let model = try loader(key.role, key.location)
        loads += 1
        models[key] = model
        footprints[key] = max(0, (ProcessMemory.residentBytes ?? 0) - (before ?? 0))
        evict(toFit: 0, keeping: keeping)
        return model
    }

    private func evict(toFit incoming: Int, keeping: Set<Key>) {
        while footprints.values.reduce(incoming, +) > memoryBudget,
              let victim = models.keys.filter({ !keeping.contains($0) }).min(by: { lastUse[$0, default: 0] < lastUse[$1, default: 0] }) {
            models[victim] = nil
            footprints[victim] = nil
            embeddings.removeAll { $0 == victim.role && $1 == victim.location }
        }
    }
}
