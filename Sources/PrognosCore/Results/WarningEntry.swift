/// A warning of the run in the JSON (spec/files.md: `warnings[] {code, message, file, line,
/// column}`): the catalogue's stable code (Messages/Catalogue.swift), the message in the run's
/// `--lang`, and where in the input it points (null when nowhere in particular).
public struct WarningEntry: Codable, Sendable, Equatable {
    public var code: String
    public var message: String
    public var file: String?
    public var line: Int?
    public var column: Int?

    enum CodingKeys: String, CodingKey { case code, message, file, line, column }

    public init(code: String, message: String, file: String?, line: Int?, column: Int?) {
        self.code = code; self.message = message; self.file = file; self.line = line; self.column = column
    }

    /// A warning of a run, in `lang`.
    public init(_ d: Diagnostic, lang: Language) {
        let at = d.location
        self.init(code: d.code.rawValue, message: d.text(lang), file: at?.file,
                  line: at.flatMap { $0.line > 0 ? $0.line : nil }, column: at.flatMap { $0.column > 0 ? $0.column : nil })
    }

    /// A warning kept as its whole line (a shard's header, a result saved before issue 16).
    public init(line text: String) {
        self.init(code: MessageCode.inputWarning.rawValue, message: text, file: nil, line: nil, column: nil)
    }

    public init(from decoder: Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(line: text)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(code: try c.decode(String.self, forKey: .code), message: try c.decode(String.self, forKey: .message),
                  file: try c.decodeIfPresent(String.self, forKey: .file), line: try c.decodeIfPresent(Int.self, forKey: .line),
                  column: try c.decodeIfPresent(Int.self, forKey: .column))
    }
}
