import Foundation
import TerminalUI

// How keys move through the TUI: an open overlay takes every key; then a number being typed
// into a slider; then the key map's application actions (F5, Esc, Tab, …); then the focused
// panel. Keys that change nothing outside the state return no effects.

extension StudioState {
    /// Applies `key` and returns what the app must do about it.
    public mutating func handle(_ key: Key) -> [StudioEffect] {
        if key.code == .resize { return [] }
        message = nil
        if overlay != nil { return handleOverlayKey(key) }
        if entry != nil { return handleEntryKey(key) }

        let context: KeyMap.Context = focus.isEditor ? .editing : .navigating
        if let action = keyMap.action(for: key, in: context) { return perform(action) }
        switch (key.code, key.modifiers) {
        case (.function(3), []):
            showsSecondPrompts.toggle()
            if !panels.contains(focus) { focus = .prompt }
            say(showsSecondPrompts ? "second-encoder prompts shown (empty ones reuse the first)" : "second-encoder prompts hidden")
            return []
        case (.function(7), []):
            compareSwapped.toggle()
            return []
        default:
            break
        }
        switch focus {
        case .prompt, .negativePrompt, .prompt2, .negativePrompt2:
            _ = editors[focus]?.handle(key, clipboard: &clipboard)
            return []
        case .settings:
            return handleSettingsKey(key)
        case .queue:
            return handleQueueKey(key)
        }
    }

    mutating func perform(_ action: KeyAction) -> [StudioEffect] {
        switch action {
        case .generate:
            return submitJob()
        case .cancelJob:
            guard let running = jobs.last(where: { if case .running = $0.state { return true } else { return false } }),
                  let id = running.id else {
                say("no job is running")
                return []
            }
            say("cancelling the running job")
            return [.cancel(id)]
        case .focusNext, .focusPrevious:
            let order = panels
            let index = order.firstIndex(of: focus) ?? 0
            let step = action == .focusNext ? 1 : order.count - 1
            focus = order[(index + step) % order.count]
            return []
        case .help:
            overlay = .help
            return []
        case .savePreset:
            overlay = .savePreset(TextEditorState(isMultiLine: false))
            return []
        case .presetPicker:
            overlay = .presetPicker(FuzzyPickerState(items: presetItems))
            return []
        case .themePicker:
            overlay = .themePicker(FuzzyPickerState(items: themeNames))
            return []
        case .compareView:
            guard let job = shownJob, job.baseOutput != nil else {
                say("compare view needs a finished job that ran the refiner", .warning)
                comparing = false
                return []
            }
            comparing.toggle()
            return []
        case .quit:
            if hasPendingJobs {
                overlay = .confirmQuit
                return []
            }
            return [.quit]
        case .historyPrevious, .historyNext:
            guard focus == .prompt else { return [] }
            if action == .historyPrevious {
                _ = editors[.prompt]?.recallPrevious()
            } else {
                _ = editors[.prompt]?.recallNext()
            }
            return []
        }
    }

    /// Makes the next job from the current settings, unless they have problems.
    mutating func submitJob() -> [StudioEffect] {
        var parameters = jobParameters
        if settings.seedMode == .random {
            parameters.seed = UInt64.random(in: 0...UInt64(UInt32.max))
            settings.parameters.seed = parameters.seed
        }
        if let problem = parameters.problems().first {
            say("cannot generate: \(problem)", .error)
            return []
        }
        editors[.prompt]?.commitToHistory()
        let ticket = nextTicket
        nextTicket += 1
        return [.submit(parameters, ticket: ticket)]
    }

    mutating func handleSettingsKey(_ key: Key) -> [StudioEffect] {
        let rows = settings.visibleRows
        settingsRow = min(max(0, settingsRow), rows.count - 1)
        let row = rows[settingsRow]
        switch (key.code, key.modifiers) {
        case (.up, []):
            settingsRow = max(0, settingsRow - 1)
            return []
        case (.down, []):
            settingsRow = min(rows.count - 1, settingsRow + 1)
            return []
        case (.character("x"), []):
            settings.swapSides()
            say("swapped width and height: \(settings.size)")
            return []
        case (.backspace, []), (.delete, []):
            if settings.resetToAutomatic(row) { say("\(row.label): automatic") }
            return []
        case (.character(" "), []) where row.isPicker:
            // Space cycles a picker, wrapping around.
            let slider = settings.slider(for: row)
            let next = slider.value + 1 > slider.range.upperBound ? slider.range.lowerBound : slider.value + 1
            settings.set(row, to: next)
            return []
        default:
            break
        }
        // Up and Down move between rows here, so a slider only sees the other keys.
        var slider = settings.slider(for: row)
        guard slider.handle(key) else { return [] }
        if slider.isEntering {
            entry = (row, slider)
        } else {
            settings.set(row, to: slider.value)
        }
        return []
    }

    mutating func handleEntryKey(_ key: Key) -> [StudioEffect] {
        guard var (row, slider) = entry else { return [] }
        _ = slider.handle(key)
        if slider.isEntering {
            entry = (row, slider)
        } else {
            entry = nil
            if let problem = slider.entryError {
                say(problem, .error)
            } else {
                settings.set(row, to: slider.value)
            }
        }
        return []
    }

    mutating func handleQueueKey(_ key: Key) -> [StudioEffect] {
        switch (key.code, key.modifiers) {
        case (.up, []): queueSelection.move(by: -1, count: jobs.count)
        case (.down, []): queueSelection.move(by: 1, count: jobs.count)
        case (.home, []): queueSelection.selectFirst(count: jobs.count)
        case (.end, []): queueSelection.selectLast(count: jobs.count)
        case (.enter, []):
            guard let job = selectedJob else { return [] }
            openedTicket = job.ticket
            comparing = false
            say("showing job \(job.ticket)")
        case (.up, .shift), (.character("K"), _), (.down, .shift), (.character("J"), _):
            guard let job = selectedJob, let id = job.id, case .queued = job.state else {
                say("only a queued job can move", .warning)
                return []
            }
            let up = key.code == .up || key.code == .character("K")
            return [.moveJob(id, up: up)]
        case (.delete, []), (.character("d"), []):
            guard let job = selectedJob, let id = job.id, !job.state.isEnded else { return [] }
            say("cancelling job \(job.ticket)")
            return [.cancel(id)]
        case (.character("f"), []):
            openedTicket = nil
            say("the preview follows the running job")
        default:
            break
        }
        return []
    }

    mutating func handleOverlayKey(_ key: Key) -> [StudioEffect] {
        guard let current = overlay else { return [] }
        switch current {
        case .help:
            overlay = nil
            return []
        case .confirmQuit:
            overlay = nil
            if key == .character("y") || key == .character("Y") || key == .control("q") { return [.quit] }
            say("still here")
            return []
        case .savePreset(var editor):
            switch key.code {
            case .escape:
                overlay = nil
            case .enter:
                overlay = nil
                let name = editor.text.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else {
                    say("a preset needs a name", .warning)
                    return []
                }
                return [.savePreset(name: name)]
            default:
                _ = editor.handle(key, clipboard: &clipboard)
                overlay = .savePreset(editor)
            }
            return []
        case .presetPicker(var picker), .themePicker(var picker):
            let isPresets: Bool
            if case .presetPicker = current { isPresets = true } else { isPresets = false }
            switch picker.handle(key) {
            case .chosen(let index):
                overlay = nil
                let names = isPresets ? presetNames : themeNames
                guard names.indices.contains(index) else { return [] }
                return [isPresets ? .applyPreset(name: names[index]) : .applyTheme(name: names[index])]
            case .cancelled:
                overlay = nil
            default:
                overlay = isPresets ? .presetPicker(picker) : .themePicker(picker)
            }
            return []
        }
    }
}
