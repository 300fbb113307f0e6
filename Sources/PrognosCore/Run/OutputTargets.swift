import Foundation

/// The outputs of one command, checked before anything is computed (spec/files.md
/// "Errors and exit codes"): the one place every command (`run`, `simulate`, `backtest`,
/// `report`, `merge`, `batch`) asks whether its outputs may be written.
///
/// - an empty path is a usage error (64);
/// - two outputs of the run on the same file (however spelled: compared by device and
///   inode when the file exists, by the resolved path when it does not) are a usage error.
///   Character devices are exempt: `--output /dev/null --report /dev/null` loses nothing;
/// - an output that is one of the run's inputs (the scenario, an include, a CSV, a part or
///   folder being merged, the JSON `report` reads), compared by device and inode, is a
///   usage error naming both;
/// - a file output whose folder does not exist is exit 73 before the run computes.
///
/// Standard output takes part when the command writes to it and it is a regular file
/// (`prognos run x --report r.html > r.html` would lose one of the two).
public struct OutputTargets: Sendable {
    /// One output: the option that names it (for messages) and its path.
    public struct Target: Sendable {
        public let option: String
        public let path: String
        /// A folder the command creates or fills (`batch`, `merge` of folders): its parent
        /// need not exist yet.
        public let isFolder: Bool

        public init(option: String, path: String, isFolder: Bool = false) {
            self.option = option
            self.path = path
            self.isFolder = isFolder
        }

        var label: String { option.isEmpty ? path : path.isEmpty ? option : "\(option) \(path)" }
    }

    enum Identity: Equatable, Sendable {
        /// An existing file: device and inode; `device` files are character devices.
        case node(device: UInt64, inode: UInt64, characterDevice: Bool)
        /// A file still to be created: its resolved absolute path.
        case path(String)
    }

    let targets: [(target: Target, identity: Identity)]

    /// Checks the paths (empty, duplicates, missing folder). `standardOutput`: the command
    /// also writes to standard output.
    public init(_ targets: [Target], standardOutput: Bool = false) throws(InputFailure) {
        var checked: [(target: Target, identity: Identity)] = []
        for target in targets {
            guard !target.path.isEmpty else {
                throw InputFailure(.usage, "\(target.option): the path is empty: name the file to write")
            }
            checked.append((target, try Self.identity(of: target)))
        }
        if standardOutput {
            var st = stat()
            if fstat(STDOUT_FILENO, &st) == 0, st.st_mode & S_IFMT == S_IFREG {
                checked.append((Target(option: "standard output", path: ""),
                                .node(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), characterDevice: false)))
            }
        }
        for i in checked.indices {
            for j in checked.indices where j > i && checked[i].identity == checked[j].identity {
                if case .node(_, _, true) = checked[i].identity { continue }
                let a = checked[i].target.label, b = checked[j].target.label
                throw InputFailure(.usage, "\(a) and \(b) are the same file: give each output its own path")
            }
        }
        self.targets = checked
    }

    /// Convenience: the targets of options that may be absent (`--report` not given).
    public init(_ options: [(option: String, path: String?)], standardOutput: Bool = false) throws(InputFailure) {
        try self.init(options.compactMap { o in o.path.map { Target(option: o.option, path: $0) } }, standardOutput: standardOutput)
    }

    /// An output that is one of `inputs` (the files a load read, `Scenario.inputFiles`) is
    /// a usage error naming both.
    public func check(inputs: [InputFile]) throws(InputFailure) {
        for (target, identity) in targets {
            guard case .node(let device, let inode, _) = identity else { continue }
            if let input = inputs.first(where: { $0.inode != 0 && $0.device == device && $0.inode == inode }) {
                throw Self.clash(target, input.path)
            }
        }
    }

    /// The same for inputs given as paths (parts or folders being merged, the JSON `report`
    /// reads). Paths that do not exist are skipped: reading them fails with its own message.
    public func check(inputPaths: [String]) throws(InputFailure) {
        for path in inputPaths {
            var st = stat()
            guard stat(path, &st) == 0 else { continue }
            for (target, identity) in targets
            where identity == .node(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), characterDevice: st.st_mode & S_IFMT == S_IFCHR) {
                throw Self.clash(target, path)
            }
        }
    }

    /// Every check at once: `try OutputTargets.check([Target(option: "--output", path: dir, isFolder: true)], inputPaths: folders)`.
    public static func check(_ targets: [Target], standardOutput: Bool = false, inputs: [InputFile] = [],
                             inputPaths: [String] = []) throws(InputFailure) {
        let checked = try OutputTargets(targets, standardOutput: standardOutput)
        try checked.check(inputs: inputs)
        try checked.check(inputPaths: inputPaths)
    }

    private static func clash(_ target: Target, _ input: String) -> InputFailure {
        if target.path.isEmpty {
            return InputFailure(.usage, "standard output is the input \(input) of this run: redirect it to another file")
        }
        return InputFailure(.usage, "\(target.label) is the input \(input) of this run (the same file): writing it would destroy it; choose another path")
    }

    static func identity(of target: Target) throws(InputFailure) -> Identity {
        var st = stat()
        if stat(target.path, &st) == 0 {
            return .node(device: UInt64(st.st_dev), inode: UInt64(st.st_ino), characterDevice: st.st_mode & S_IFMT == S_IFCHR)
        }
        if errno == ELOOP {
            throw InputFailure(.cannotWriteOutput, "cannot write \(target.path): a loop of symbolic links")
        }
        // Not there yet: the resolved folder and the name, so `x.json` and `./d/../x.json` meet.
        let resolved = try OutputPath.resolve(target.path)
        let (folder, name) = OutputPath.split(resolved)
        guard let real = realpath(folder, nil) else {
            if target.isFolder { return .path(URL(fileURLWithPath: resolved).standardizedFileURL.path) }
            throw InputFailure(.cannotWriteOutput, "cannot write \(target.path): folder \(folder) does not exist")
        }
        defer { free(real) }
        var fst = stat()
        if !target.isFolder, stat(real, &fst) == 0, fst.st_mode & S_IFMT != S_IFDIR {
            throw InputFailure(.cannotWriteOutput, "cannot write \(target.path): \(folder) is not a folder")
        }
        return .path((String(cString: real) as NSString).appendingPathComponent(name))
    }
}
