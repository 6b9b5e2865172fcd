import Foundation
import Testing
@testable import TerminalUI

@Suite("Themes")
struct ThemeTests {
    /// The repository's Themes folder (two levels above this test file).
    static let shippedDirectory: String = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes").path

    static var fixtureDirectory: String {
        Bundle.module.bundleURL.appendingPathComponent("Fixtures/Themes").path
    }

    @Test("all shipped themes load with every role")
    func shipped() throws {
        let library = ThemeLibrary.load(directory: Self.shippedDirectory)
        #expect(library.problems.isEmpty, "\(library.problems.map(\.description))")
        #expect(library.themes.map(\.id) == ["default", "high-contrast", "light", "mono", "solarized-dark"])
        for theme in library.themes {
            #expect(theme.styles.count == UIRole.allCases.count)
            let text = theme[.text]
            #expect(text.foreground != text.background || text.foreground == .terminalDefault, "\(theme.id): text invisible")
            #expect(theme[.selection] != theme[.text], "\(theme.id): selection looks like text")
            #expect(theme[.editorCursor] != theme[.text], "\(theme.id): cursor invisible")
        }
        #expect(library.theme(named: "Solarized dark")?.id == "solarized-dark")
        #expect(library.theme(named: "MONO")?.name == "Mono")
    }

    @Test("the built-in fallback is the default theme")
    func fallbackMatchesFile() throws {
        let file = try Theme.load(path: Self.shippedDirectory + "/default.toml")
        #expect(file == Theme.fallback)
    }

    @Test("mono needs only the 8 basic colours and the terminal's own")
    func monoIsEightColour() throws {
        let mono = try Theme.load(path: Self.shippedDirectory + "/mono.toml")
        for style in mono.styles.values {
            for color in [style.foreground, style.background] {
                switch color {
                case .terminalDefault: break
                case .indexed(let index): #expect(index < 8)
                case .rgb: Issue.record("mono uses a 24-bit colour")
                }
            }
        }
        #expect(mono.degraded(to: .palette8) == mono)
    }

    @Test("malformed themes are reported with file and line; the good one still loads")
    func malformed() {
        let directory = Self.fixtureDirectory
        let library = ThemeLibrary.load(directory: directory)
        #expect(library.themes.map(\.id) == ["good"])
        let problems = library.problems
        #expect(problems.count == 4)
        func path(_ name: String) -> String { directory + "/" + name }
        #expect(problems.contains {
            if case .tomlValue(path("bad-colour.toml"), 83, "fg", let message) = $0 { return message.contains("\"yelow\" is not a colour") }
            return false
        })
        #expect(problems.contains {
            if case .tomlSyntax(path("broken-syntax.toml"), 40, let message) = $0 { return message.contains("unterminated string") }
            return false
        })
        #expect(problems.contains {
            if case .invalidTheme(path("missing-role.toml"), 0, let message) = $0 { return message.contains("[crop] table is missing") }
            return false
        })
        #expect(problems.contains {
            if case .invalidTheme(path("unknown-role.toml"), 109, let message) = $0 { return message.contains("[targte] is not a role") }
            return false
        })
        for problem in problems { #expect(problem.description.contains(directory)) }
    }

    @Test("theme content errors")
    func contentErrors() throws {
        func load(_ text: String) throws(TerminalUIError) -> Theme {
            try Theme(document: TOMLSubset.parse(text, file: "t.toml"), id: "t")
        }
        #expect(throws: TerminalUIError.invalidTheme(file: "t.toml", line: 1, message: "key `x` is outside any table; put it under [theme] or a role table")) {
            try load("x = 1")
        }
        #expect(throws: TerminalUIError.invalidTheme(file: "t.toml", line: 0, message: "the [background] table is missing")) {
            try load("[theme]\nname = \"n\"")
        }
        #expect(throws: TerminalUIError.invalidTheme(file: "t.toml", line: 1, message: "[background] needs a `bg` colour")) {
            try load("[background]\nfg = \"white\"")
        }
        #expect(throws: TerminalUIError.tomlValue(file: "t.toml", line: 3, key: "fg", message: "palette index 300 is outside 0–255")) {
            try load("[background]\nbg = \"black\"\nfg = 300")
        }
        #expect(throws: TerminalUIError.tomlValue(file: "t.toml", line: 2, key: "bold", message: "expected true or false, found string")) {
            try load("[background]\nbold = \"yes\"\nfg = 1\nbg = 0")
        }
        do {
            _ = try load("[background]\nfg = 1\nbg = 0\nblink = true")
            Issue.record("accepted an unknown key")
        } catch {
            #expect(error.description.contains("t.toml:4: key `blink`: unknown key in [background]"))
        }
    }
}

@Suite("Colours")
struct ColorTests {
    @Test("parsing colour names")
    func parsing() {
        #expect(TerminalColor(parsing: "#FF8000") == .rgb(255, 128, 0))
        #expect(TerminalColor(parsing: "#0a0b0c") == .rgb(10, 11, 12))
        #expect(TerminalColor(parsing: "bright-blue") == .indexed(12))
        #expect(TerminalColor(parsing: "Red") == .indexed(1))
        #expect(TerminalColor(parsing: "Default") == .terminalDefault)
        for bad in ["#12345", "#GGGGGG", "blue2", "", "#+12345", "rgb(1,2,3)"] {
            #expect(TerminalColor(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test("xterm palette values")
    func palette() {
        #expect(XtermPalette.rgb(16) == (0, 0, 0))
        #expect(XtermPalette.rgb(67) == (95, 135, 175))
        #expect(XtermPalette.rgb(231) == (255, 255, 255))
        #expect(XtermPalette.rgb(232) == (8, 8, 8))
        #expect(XtermPalette.rgb(255) == (238, 238, 238))
        #expect(XtermPalette.rgb(9) == (255, 0, 0))
    }

    @Test("24-bit to 256: exact palette colours map to themselves")
    func to256() {
        #expect(TerminalColor.rgb(255, 0, 0).degraded(to: .palette256) == .indexed(196))
        #expect(TerminalColor.rgb(0, 0, 0).degraded(to: .palette256) == .indexed(16))
        #expect(TerminalColor.rgb(255, 255, 255).degraded(to: .palette256) == .indexed(231))
        #expect(TerminalColor.rgb(128, 128, 128).degraded(to: .palette256) == .indexed(244))
        #expect(TerminalColor.rgb(95, 135, 175).degraded(to: .palette256) == .indexed(67))
        #expect(TerminalColor.rgb(100, 130, 180).degraded(to: .palette256) == .indexed(67))
        #expect(TerminalColor.indexed(100).degraded(to: .palette256) == .indexed(100))
    }

    @Test("down to 16 and 8 colours")
    func toFew() {
        #expect(TerminalColor.rgb(200, 30, 30).degraded(to: .palette8) == .indexed(1))
        #expect(TerminalColor.rgb(20, 20, 20).degraded(to: .palette8) == .indexed(0))
        #expect(TerminalColor.rgb(230, 230, 230).degraded(to: .palette8) == .indexed(7))
        #expect(TerminalColor.rgb(30, 30, 200).degraded(to: .palette8) == .indexed(4))
        #expect(TerminalColor.rgb(255, 255, 255).degraded(to: .palette16) == .indexed(15))
        #expect(TerminalColor.rgb(127, 127, 127).degraded(to: .palette16) == .indexed(8))
        #expect(TerminalColor.indexed(9).degraded(to: .palette8) == .indexed(1))
        #expect(TerminalColor.indexed(196).degraded(to: .palette8) == .indexed(1))
        #expect(TerminalColor.indexed(231).degraded(to: .palette16) == .indexed(15))
        #expect(TerminalColor.terminalDefault.degraded(to: .palette8) == .terminalDefault)
        #expect(TerminalColor.rgb(1, 2, 3).degraded(to: .trueColor) == .rgb(1, 2, 3))
    }

    @Test("every shipped theme degrades to 8 colours")
    func themesDegrade() {
        let library = ThemeLibrary.load(directory: ThemeTests.shippedDirectory)
        for theme in library.themes {
            for style in theme.degraded(to: .palette8).styles.values {
                for color in [style.foreground, style.background] {
                    if case .indexed(let index) = color { #expect(index < 8) }
                    if case .rgb = color { Issue.record("\(theme.id) kept a 24-bit colour") }
                }
            }
        }
    }

    @Test("capability from ncurses numbers")
    func capability() {
        #expect(ColorCapability.from(colors: 256, hasColors: true, directColor: false) == .palette256)
        #expect(ColorCapability.from(colors: 0x100_0000, hasColors: true, directColor: false) == .trueColor)
        #expect(ColorCapability.from(colors: 256, hasColors: true, directColor: true) == .trueColor)
        #expect(ColorCapability.from(colors: 8, hasColors: true, directColor: false) == .palette8)
        #expect(ColorCapability.from(colors: 16, hasColors: true, directColor: false) == .palette16)
        #expect(ColorCapability.from(colors: 256, hasColors: false, directColor: false) == .monochrome)
    }
}
