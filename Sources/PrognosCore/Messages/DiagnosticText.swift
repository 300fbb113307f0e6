import Foundation

extension Diagnostic {
    /// A diagnostic whose text is a catalogue message.
    public init(_ severity: Severity, _ message: Message, at location: SourceLocation?) {
        self.init(severity, message.text(.en), at: location)
        catalogued = message
    }

    /// The stable code of the JSON's `warnings[].code`.
    public var code: MessageCode { catalogued?.code ?? .inputWarning }

    /// The message in `lang` (a reader's message that is not in the catalogue stays as written).
    public func text(_ lang: Language) -> String { catalogued?.text(lang) ?? message }

    /// The line for standard error in `lang`: `file:line:column: varning: …` (the location
    /// stays: it is where the reader's editor jumps), one line, control characters escaped.
    public func line(_ lang: Language) -> String {
        guard lang == .sv else { return description }
        let word = severity == .warning ? "varning" : "fel"
        if let location { return TerminalText.escaped("\(location): \(word): \(text(lang))") }
        return TerminalText.escaped("\(word): \(text(lang))")
    }
}
