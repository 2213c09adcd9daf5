import ArgumentParser
import Foundation
import InventoryModel

/// `--lang zh|en`: the language of a command's table, by default the environment's.
struct LanguageOption: ParsableArguments {
    @Option(
        name: .customLong("lang"),
        help: "Language of the table (default: from LC_ALL, LC_MESSAGES or LANG; English unless it names Chinese).")
    var given: Language?

    /// The language given, else the one the environment names (`zh_CN.UTF-8` is Chinese).
    var language: Language { given ?? Language(environment: ProcessInfo.processInfo.environment) }

    /// Refuses `--lang` for a form that is not translated (`json`, `csv`, `markdown`, the
    /// declaration), as every option a mode does not use is refused rather than ignored.
    func validate(form: String, translated: Bool) throws {
        guard given != nil, !translated else { return }
        throw ValidationError("--lang is for the table; the \(form) is not translated")
    }
}

extension Language: ExpressibleByArgument {}
