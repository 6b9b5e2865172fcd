import Foundation

/// Token ids of words already encoded, shared by all copies of a tokenizer and safe to use from
/// several threads. Like the BPE cache of `tokenizers`, it stops growing when full.
final class WordCache: @unchecked Sendable {
    static let defaultCapacity = 10_000

    private let lock = NSLock()
    private var entries: [[UInt8]: [Int32]] = [:]
    private let capacity: Int

    init(capacity: Int = WordCache.defaultCapacity) {
        self.capacity = capacity
    }

    func tokens(for word: [UInt8]) -> [Int32]? {
        lock.lock()
        defer { lock.unlock() }
        return entries[word]
    }

    func store(_ tokens: [Int32], for word: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count < capacity { entries[word] = tokens }
    }
}
