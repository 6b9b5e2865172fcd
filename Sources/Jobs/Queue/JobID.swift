import Foundation

/// Names one job: `number` counts the jobs of one queue from 1 (for people: "job 3"), `uuid` tells
/// jobs apart across queues and processes (for the history file).
public struct JobID: Hashable, Sendable, Codable, CustomStringConvertible {
    public let number: Int
    public let uuid: UUID

    public init(number: Int, uuid: UUID = UUID()) {
        self.number = number
        self.uuid = uuid
    }

    public var description: String { "job \(number)" }
}
