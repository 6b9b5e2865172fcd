// Fuzzy matching with the scoring scheme of fzf's first algorithm (junegunn/fzf, src/algo/algo.go,
// FuzzyMatchV1 and calculateScore, v0.4x): find the pattern's characters in order, take the
// shortest window ending at the first complete match, then score that window — points per
// matched character, bonuses for matches at word starts, camelCase humps and digits and for
// runs of consecutive matches, penalties for gaps.

/// A candidate that matched: its score (higher is better) and the character offsets matched.
public struct FuzzyMatch: Hashable, Sendable {
    public var score: Int
    public var positions: [Int]
}

public enum FuzzyMatcher {
    static let scoreMatch = 16
    static let gapStart = -3
    static let gapExtension = -1
    static let bonusBoundaryWhite = 10
    static let bonusBoundaryDelimiter = 9
    static let bonusBoundary = 8
    static let bonusNonWord = 8
    static let bonusCamelCaseOrDigit = 7
    static let bonusConsecutive = 4
    static let firstCharacterMultiplier = 2

    enum CharacterClass: Int, Comparable {
        case white, nonWord, delimiter, lower, upper, letter, digit
        static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

        init(_ character: Character) {
            if character.isWhitespace {
                self = .white
            } else if "/,:;|".contains(character) {
                self = .delimiter
            } else if character.isNumber {
                self = .digit
            } else if character.isLowercase {
                self = .lower
            } else if character.isUppercase {
                self = .upper
            } else if character.isLetter {
                self = .letter
            } else {
                self = .nonWord
            }
        }
    }

    /// The bonus for matching a character of class `current` right after one of class `previous`.
    static func bonus(previous: CharacterClass, current: CharacterClass) -> Int {
        if current > .nonWord {
            switch previous {
            case .white: return bonusBoundaryWhite
            case .delimiter: return bonusBoundaryDelimiter
            case .nonWord: return bonusBoundary
            default: break
            }
        }
        if (previous == .lower && current == .upper) || (previous != .digit && current == .digit) {
            return bonusCamelCaseOrDigit
        }
        switch current {
        case .nonWord, .delimiter: return bonusNonWord
        case .white: return bonusBoundaryWhite
        default: return 0
        }
    }

    /// Matches `pattern` against `candidate`. Case-insensitive unless the pattern has an
    /// upper-case letter ("smart case"). An empty pattern matches everything with score 0.
    public static func match(_ pattern: String, in candidate: String) -> FuzzyMatch? {
        let needle = Array(pattern)
        guard !needle.isEmpty else { return FuzzyMatch(score: 0, positions: []) }
        let caseSensitive = needle.contains { $0.isUppercase }
        let text = Array(candidate)
        let folded = caseSensitive ? text : text.map { Character($0.lowercased()) }
        let foldedNeedle = caseSensitive ? needle : needle.map { Character($0.lowercased()) }

        // Forward: the first place where the whole pattern has appeared in order.
        var patternIndex = 0
        var start = -1
        var end = -1
        for (index, character) in folded.enumerated() where character == foldedNeedle[patternIndex] {
            if start < 0 { start = index }
            patternIndex += 1
            if patternIndex == foldedNeedle.count {
                end = index + 1
                break
            }
        }
        guard end > 0 else { return nil }

        // Backward from that end: the latest start, so the window is as short as possible.
        patternIndex = foldedNeedle.count - 1
        var index = end - 1
        while index >= start {
            if folded[index] == foldedNeedle[patternIndex] {
                if patternIndex == 0 {
                    start = index
                    break
                }
                patternIndex -= 1
            }
            index -= 1
        }
        return score(text: text, folded: folded, pattern: foldedNeedle, start: start, end: end)
    }

    static func score(text: [Character], folded: [Character], pattern: [Character], start: Int, end: Int) -> FuzzyMatch {
        var score = 0
        var patternIndex = 0
        var inGap = false
        var consecutive = 0
        var firstBonus = 0
        var positions: [Int] = []
        var previous: CharacterClass = start > 0 ? CharacterClass(text[start - 1]) : .white
        for index in start..<end {
            let current = CharacterClass(text[index])
            if patternIndex < pattern.count, folded[index] == pattern[patternIndex] {
                positions.append(index)
                score += scoreMatch
                var bonus = self.bonus(previous: previous, current: current)
                if consecutive == 0 {
                    firstBonus = bonus
                } else {
                    if bonus >= bonusBoundary, bonus > firstBonus { firstBonus = bonus }
                    bonus = max(bonus, firstBonus, bonusConsecutive)
                }
                score += patternIndex == 0 ? bonus * firstCharacterMultiplier : bonus
                inGap = false
                consecutive += 1
                patternIndex += 1
            } else {
                score += inGap ? gapExtension : gapStart
                inGap = true
                consecutive = 0
                firstBonus = 0
            }
            previous = current
        }
        return FuzzyMatch(score: score, positions: positions)
    }

    /// Indices of `candidates` that match `pattern`, best first: higher score, then shorter
    /// candidate, then earlier in the list.
    public static func rank(_ pattern: String, in candidates: [String]) -> [(index: Int, match: FuzzyMatch)] {
        var results: [(index: Int, match: FuzzyMatch)] = []
        for (index, candidate) in candidates.enumerated() {
            if let found = match(pattern, in: candidate) { results.append((index, found)) }
        }
        results.sort { a, b in
            if a.match.score != b.match.score { return a.match.score > b.match.score }
            let lengthA = candidates[a.index].count, lengthB = candidates[b.index].count
            if lengthA != lengthB { return lengthA < lengthB }
            return a.index < b.index
        }
        return results
    }
}
