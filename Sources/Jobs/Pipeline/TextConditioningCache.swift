import Foundation
import StableDiffusionXL

/// Prompt embeddings already computed, by model and prompt texts, so a job that changes only
/// other settings (seed, steps, size, guidance scale above 1) skips the text encoders. Holds the
/// most recently used `capacity` entries; each is two [1, 77, 2048] tensors at most (about 1.3 MB).
final class TextConditioningCache: @unchecked Sendable {
    struct Key: Hashable {
        var role: ModelHost.Role
        var location: String
        var texts: TextConditioningKey
    }

    let capacity: Int
    private let lock = NSLock()
    // Guarded by `lock`: entries and their use order, most recent last.
    private var entries: [Key: TextConditioning] = [:]
    private var order: [Key] = []
    private var encodings = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 0)
    }

    /// The cached conditioning for `key`, or the one `encode` makes (then kept).
    func conditioning(for key: Key, encode: () throws -> TextConditioning) throws -> TextConditioning {
        if let hit = locked({ () -> TextConditioning? in
            guard let hit = entries[key] else { return nil }
            order.removeAll { $0 == key }
            order.append(key)
            return hit
        }) {
            return hit
        }
        let made = try encode()
        locked {
            encodings += 1
            guard capacity > 0 else { return }
            if entries.updateValue(made, forKey: key) == nil { order.append(key) }
            while order.count > capacity { entries[order.removeFirst()] = nil }
        }
        return made
    }

    /// Forgets the entries of the models for which `remove` is true.
    func removeAll(where remove: (ModelHost.Role, String) -> Bool) {
        locked {
            order.removeAll { key in
                guard remove(key.role, key.location) else { return false }
                entries[key] = nil
                return true
            }
        }
    }

    /// How many times the text encoders ran (cache misses).
    var encodingCount: Int { locked { encodings } }

    var count: Int { locked { entries.count } }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
